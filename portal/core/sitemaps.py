"""Apps add their sitemap classes here from ``ready()``; ``/sitemap.xml`` serves them all."""

SITEMAPS: dict[str, type] = {}


def register(name: str, sitemap: type) -> None:
    SITEMAPS[name] = sitemap
