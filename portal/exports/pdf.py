"""PDF from HTML (WeasyPrint): a release's PDF, a meeting's conclusion notice."""


def pdf_bytes(html: str, base_url: str) -> bytes:
    """The PDF of ``html``; its relative addresses (stylesheet, images) against ``base_url``.
    WeasyPrint is imported on first use: a worker that never makes a PDF never loads it."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()
