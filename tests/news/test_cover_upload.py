"""The article's cover is stored only once the save may go ahead: a refused save (a
stale version, a user who may no longer edit, a save that fails) leaves no new file in
MEDIA_ROOT and no image row."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from PIL import Image

from news.models import Article
from portal.core.models import Image as StoredImage
from tests import factories


def cover() -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (900, 600), (30, 90, 160)).save(buf, "JPEG")
    return SimpleUploadedFile("bia.jpg", buf.getvalue(), content_type="image/jpeg")


def media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_accepted_save_stores_the_cover(client, settings, reporter):
    item = factories.article(author=reporter)
    client.force_login(reporter)
    data = factories.article_form_data(item, cover_upload=cover(), cover_alt="Ảnh bìa")
    response = client.post(reverse("admin:news_article_change", args=[item.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.cover is not None
    assert (Path(settings.MEDIA_ROOT) / item.cover.file.name).is_file()
    assert len(media_files(settings)) > 1  # the image and its renditions


def test_save_from_a_stale_version_stores_nothing(client, settings, reporter, editor):
    item = factories.article(author=reporter)
    stale = factories.article_form_data(item, cover_upload=cover(), cover_alt="Ảnh bìa")
    client.force_login(editor)  # someone else saves first
    assert (
        client.post(
            reverse("admin:news_article_change", args=[item.pk]), factories.article_form_data(item, lead="Sapo mới.")
        ).status_code
        == 302
    )
    client.force_login(reporter)
    response = client.post(reverse("admin:news_article_change", args=[item.pk]), stale)
    assert response.status_code == 200
    assert "sau khi bạn mở trang" in response.content.decode()
    assert media_files(settings) == []
    assert StoredImage.objects.count() == 0


def test_save_refused_to_a_user_who_may_not_edit_stores_nothing(settings, reporter, reporter2):
    """The admin's own check runs on the item as loaded; the save checks again (here the
    item is another reporter's) and refuses before any file is written."""
    item = factories.article(author=reporter)
    request = RequestFactory().post("/")
    request.user = reporter2
    form = SimpleNamespace(cleaned_data={"cover_upload": cover(), "cover_alt": "Ảnh bìa"})
    with pytest.raises(PermissionDenied):
        admin.site._registry[Article].save_model(request, item, form, change=True)
    assert media_files(settings) == []
    assert StoredImage.objects.count() == 0


def test_save_that_fails_after_storing_removes_the_files(client, settings, reporter, monkeypatch):
    from portal.editorial import services

    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "save_existing", broken)
    item = factories.article(author=reporter)
    client.force_login(reporter)
    client.raise_request_exception = True
    data = factories.article_form_data(item, cover_upload=cover(), cover_alt="Ảnh bìa")
    with pytest.raises(RuntimeError):
        client.post(reverse("admin:news_article_change", args=[item.pk]), data)
    assert media_files(settings) == []
