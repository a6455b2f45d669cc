"""The release PDF is rendered once per published version and served from storage:
query strings never trigger a render; a correction gives a new file."""

from __future__ import annotations

from django.core.files.storage import default_storage

from portal.editorial import services as wf
from portal.editorial.enums import Action
from stats import pdfs, services
from stats.models import Indicator


def test_pdf_rendered_once_query_strings_never_render(client, jan2022, board, board2, monkeypatch):
    renders = []
    real = pdfs.pdf_bytes

    def counting(html, base_url):
        renders.append(1)
        return real(html, base_url)

    monkeypatch.setattr(pdfs, "pdf_bytes", counting)
    first = client.get("/thong-ke/2022-01.pdf")
    assert first.status_code == 200 and first.content.startswith(b"%PDF") and len(renders) == 1
    stored = default_storage.listdir("stats/pdf")[1]
    assert len(stored) == 1
    for n in range(20):
        again = client.get(f"/thong-ke/2022-01.pdf?cb={n}")
        assert again.content == first.content
    assert len(renders) == 1  # 20 cache-busting requests, no render
    english = client.get("/en/thong-ke/2022-01.pdf")
    assert english.content != first.content and len(renders) == 2  # its own version, once

    # A correction publishes a new version: one new render, then served from storage again.
    smartphone = Indicator.objects.get(code="vt-thue-bao-smartphone")
    services.save_values(
        release=jan2022,
        entries={smartphone.pk: services.Entry(value=91.35, note="")},
        user=board,
        correction_note="Cập nhật số thuê bao smartphone.",
    )
    wf.transition(item=jan2022, action=Action.SUBMIT, user=board)
    wf.transition(item=jan2022, action=Action.PUBLISH, user=board2)
    corrected = client.get("/thong-ke/2022-01.pdf?cb=99")
    assert corrected.content != first.content and len(renders) == 3
    client.get("/thong-ke/2022-01.pdf?cb=100")
    assert len(renders) == 3
