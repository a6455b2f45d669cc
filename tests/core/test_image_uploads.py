"""Image uploads: the CKEditor upload view and the cover upload on the article form.
Real images are accepted, re-encoded without EXIF under generated names, with
renditions; anything else gets a Vietnamese refusal, never a 500."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from portal.core.models import Image as StoredImage
from tests import factories

GPS_SECRET = "Toa do nha rieng cua phong vien"


def make_image(fmt: str = "JPEG", size=(1600, 900), with_exif: bool = True) -> bytes:
    img = Image.new("RGB", size, (30, 90, 160))
    for x in range(0, size[0], 40):
        for y in range(0, size[1], 40):
            img.putpixel((x, y), (255, 255, 255))
    buf = io.BytesIO()
    kwargs = {}
    if with_exif and fmt in ("JPEG", "WEBP", "PNG"):
        exif = Image.Exif()
        exif[0x010E] = GPS_SECRET  # ImageDescription
        exif[0x0110] = "Camera bi mat"  # Model
        exif[0x0112] = 1  # Orientation
        kwargs["exif"] = exif.tobytes()
    img.save(buf, fmt, **kwargs)
    return buf.getvalue()


def upload(name: str, content: bytes, content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def post_upload(client, file):
    return client.post(reverse("editor_image_upload"), {"upload": file})


def stored_path(settings, url: str) -> Path:
    assert url.startswith(settings.MEDIA_URL)
    return Path(settings.MEDIA_ROOT) / url[len(settings.MEDIA_URL) :]


@pytest.mark.parametrize(
    ("fmt", "ext", "ctype"),
    [("JPEG", "jpg", "image/jpeg"), ("PNG", "png", "image/png"), ("WEBP", "webp", "image/webp")],
)
@pytest.mark.parametrize("role", ["reporter", "editor", "board", "administrator"])
def test_editor_upload_accepts_real_images(client, settings, request, role, fmt, ext, ctype):
    user = request.getfixturevalue(role)
    client.force_login(user)
    raw = make_image(fmt)
    assert GPS_SECRET.encode() in raw  # the test image does carry EXIF
    response = post_upload(client, upload(f"anh-cua-toi.{ext}", raw, ctype))
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["url"].startswith(settings.MEDIA_URL)
    assert "anh-cua-toi" not in data["url"]  # a generated name
    widths = {k for k in data["urls"] if k != "default"}
    assert {"480", "800", "1200"} <= widths
    stored = StoredImage.objects.get()
    assert stored.uploaded_by == user
    assert "anh-cua-toi" not in stored.file.name
    assert set(stored.renditions) == {"webp", "jpeg"}
    # Every stored file is a decodable image without the EXIF of the upload.
    paths = [Path(settings.MEDIA_ROOT) / stored.file.name]
    paths += [Path(settings.MEDIA_ROOT) / p for sizes in stored.renditions.values() for p in sizes.values()]
    for path in paths:
        content = path.read_bytes()
        assert GPS_SECRET.encode() not in content and b"Camera bi mat" not in content, path
        with Image.open(path) as img:
            img.load()
            assert not img.getexif(), path
    # The URL CKEditor receives answers with the rendition.
    assert stored_path(settings, data["url"]).exists()
    with Image.open(stored_path(settings, data["urls"]["480"])) as small:
        assert small.width == 480


def test_upload_keeps_orientation_but_drops_exif(client, settings, reporter):
    img = Image.new("RGB", (600, 300), (200, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90°: the picture is really portrait
    exif[0x010E] = GPS_SECRET
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes())
    client.force_login(reporter)
    response = post_upload(client, upload("xoay.jpg", buf.getvalue()))
    assert response.status_code == 200
    stored = StoredImage.objects.get()
    assert (stored.width, stored.height) == (300, 600)


def _gif() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (50, 50), (0, 0, 0)).save(buf, "GIF")
    return buf.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'

BAD_FILES = {
    "text_renamed_jpg": ("bao-cao.jpg", b"Day khong phai la anh, chi la van ban." * 20, "image/jpeg"),
    "html_renamed_png": ("trang.png", b"<html><script>alert(1)</script></html>", "image/png"),
    "truncated_jpeg": ("hong.jpg", make_image("JPEG")[:600], "image/jpeg"),
    "gif": ("dong.gif", _gif(), "image/gif"),
    "gif_renamed_jpg": ("dong.jpg", _gif(), "image/jpeg"),
    "svg": ("bieu-tuong.svg", SVG, "image/svg+xml"),
    "svg_renamed_png": ("bieu-tuong.png", SVG, "image/png"),
    "empty": ("rong.jpg", b"", "image/jpeg"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_editor_upload_refuses_bad_files_in_vietnamese(client, reporter, case):
    client.force_login(reporter)
    name, content, ctype = BAD_FILES[case]
    response = post_upload(client, upload(name, content, ctype))
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "ảnh" in message.lower() or "tệp" in message.lower()
    assert StoredImage.objects.count() == 0


def test_editor_upload_refuses_oversized_file(client, reporter, settings):
    settings.PORTAL_MAX_IMAGE_BYTES = 200_000
    noise = Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3))  # does not compress
    buf = io.BytesIO()
    noise.save(buf, "PNG")
    big = buf.getvalue()
    assert len(big) > settings.PORTAL_MAX_IMAGE_BYTES
    client.force_login(reporter)
    response = post_upload(client, upload("lon.png", big, "image/png"))
    assert response.status_code == 400
    assert "quá lớn" in response.json()["error"]["message"]
    assert StoredImage.objects.count() == 0


def test_editor_upload_refuses_huge_pixel_dimensions(client, reporter):
    buf = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buf, "PNG")  # tiny file, 81 megapixels
    client.force_login(reporter)
    response = post_upload(client, upload("bom.png", buf.getvalue(), "image/png"))
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_editor_upload_without_file(client, reporter):
    client.force_login(reporter)
    response = client.post(reverse("editor_image_upload"), {})
    assert response.status_code == 400
    assert "Chưa chọn tệp" in response.json()["error"]["message"]


@pytest.mark.parametrize("who", ["anonymous", "staff_reader", "plain_user"])
def test_editor_upload_refuses_users_without_a_role(db, client, who, request):
    from tests.factories import make_user

    if who == "staff_reader":
        client.force_login(request.getfixturevalue("staff_reader"))
    elif who == "plain_user":
        client.force_login(make_user(None, "bandoc"))
    response = post_upload(client, upload("anh.jpg", make_image()))
    assert response.status_code == 403
    assert "không có quyền" in json.loads(response.content)["error"]["message"]
    assert StoredImage.objects.count() == 0


def test_editor_upload_get_is_not_allowed(client, reporter):
    client.force_login(reporter)
    assert client.get(reverse("editor_image_upload")).status_code == 405


# -- the cover on the article admin form ---------------------------------------------


def cover_post(client, item, **overrides):
    return client.post(
        reverse("admin:news_article_change", args=[item.pk]), factories.article_form_data(item, **overrides)
    )


def test_cover_upload_with_alt_text(client, settings, reporter):
    item = factories.article(author=reporter)
    client.force_login(reporter)
    response = cover_post(
        client,
        item,
        cover_upload=upload("bia.jpg", make_image()),
        cover_alt="Bộ trưởng phát biểu tại hội nghị",
        cover_caption="Quang cảnh hội nghị",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()
    assert item.cover is not None and item.cover_alt == "Bộ trưởng phát biểu tại hội nghị"
    assert "bia" not in item.cover.file.name
    content = (Path(settings.MEDIA_ROOT) / item.cover.file.name).read_bytes()
    assert GPS_SECRET.encode() not in content
    # The preview shows it with srcset and its alt text.
    html = client.get(reverse("admin:news_article_preview", args=[item.pk])).content.decode()
    assert 'alt="Bộ trưởng phát biểu tại hội nghị"' in html
    assert "srcset=" in html and "480w" in html and 'type="image/webp"' in html
    assert "Quang cảnh hội nghị" in html


def test_cover_upload_requires_alt_text(client, reporter):
    item = factories.article(author=reporter)
    client.force_login(reporter)
    response = cover_post(client, item, cover_upload=upload("bia.jpg", make_image()), cover_alt="  ")
    assert response.status_code == 200
    assert "Hãy mô tả ảnh đại diện" in response.content.decode()
    item.refresh_from_db()
    assert item.cover is None
    assert StoredImage.objects.count() == 0


def test_existing_cover_still_requires_alt_text(client, reporter):
    item = factories.article(author=reporter)
    client.force_login(reporter)
    cover_post(client, item, cover_upload=upload("bia.jpg", make_image()), cover_alt="Ảnh bìa")
    item.refresh_from_db()
    response = cover_post(client, item, cover_alt="")
    assert response.status_code == 200
    assert "Hãy mô tả ảnh đại diện" in response.content.decode()
    # Removing the cover needs no alt text.
    item.refresh_from_db()
    assert cover_post(client, item, cover_alt="", remove_cover="on").status_code == 302
    item.refresh_from_db()
    assert item.cover is None


@pytest.mark.parametrize("case", ["text_renamed_jpg", "gif", "svg", "truncated_jpeg"])
def test_cover_upload_refuses_bad_files(client, reporter, case):
    item = factories.article(author=reporter)
    client.force_login(reporter)
    name, content, ctype = BAD_FILES[case]
    response = cover_post(client, item, cover_upload=upload(name, content, ctype), cover_alt="Ảnh")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chỉ nhận ảnh JPEG, PNG hoặc WebP" in html
    item.refresh_from_db()
    assert item.cover is None
    assert StoredImage.objects.count() == 0


def test_cover_upload_refuses_oversized(client, reporter, settings):
    settings.PORTAL_MAX_IMAGE_BYTES = 1000
    item = factories.article(author=reporter)
    client.force_login(reporter)
    response = cover_post(client, item, cover_upload=upload("bia.jpg", make_image()), cover_alt="Ảnh")
    assert response.status_code == 200
    assert "quá lớn" in response.content.decode()
    item.refresh_from_db()
    assert item.cover is None


def test_cover_upload_refused_without_a_role(client, staff_reader):
    from news.models import Article

    cat = factories.category()
    client.force_login(staff_reader)
    blank = Article(title="", slug="", lead="", body="", category=cat)
    data = factories.article_form_data(
        blank,
        title="Bài lạ",
        lead="Sapo.",
        body="<p>x</p>",
        edit_version=None,
        cover_upload=upload("bia.jpg", make_image()),
        cover_alt="Ảnh",
    )
    assert client.post(reverse("admin:news_article_add"), data).status_code == 403
    assert StoredImage.objects.count() == 0 and Article.objects.count() == 0


# -- every metadata segment but the colour profile is dropped (issue 10) -----------------

COMMENT = b"Ghi chu bi mat: 21.0285N 105.8542E"
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>Vi tri: 21.0285,105.8542</rdf:Description></x:xmpmeta>'


def _icc_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def loaded_with_metadata(fmt: str) -> bytes:
    """An image carrying every kind of metadata its format has: a comment (JPEG COM),
    EXIF with GPS, XMP, PNG text chunks, and an ICC colour profile."""
    from PIL import PngImagePlugin

    img = Image.new("RGB", (1300, 700), (200, 60, 40))
    exif = Image.Exif()
    exif[0x010E] = GPS_SECRET
    exif[0x8825] = {1: "N", 2: (21.0, 2.0, 8.0), 3: "E", 4: (105.0, 51.0, 15.0)}  # GPS
    buf = io.BytesIO()
    kwargs = {"exif": exif.tobytes(), "icc_profile": _icc_profile()}
    if fmt == "JPEG":
        kwargs.update(comment=COMMENT, xmp=XMP)
    elif fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", COMMENT.decode())
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
        info.add_text("Author", "Phong vien A")
        kwargs["pnginfo"] = info
    elif fmt == "WEBP":
        kwargs["xmp"] = XMP
    img.save(buf, fmt, **kwargs)
    return buf.getvalue()


def _segments(content: bytes) -> set[str]:
    """The metadata segments in a JPEG, PNG or WebP file, read from its bytes."""
    found = set()
    if content.startswith(b"\xff\xd8"):
        pos = 2
        while pos < len(content) - 4 and content[pos] == 0xFF:
            marker = content[pos + 1]
            if marker == 0xDA:  # start of scan: no more segments before the data
                break
            length = int.from_bytes(content[pos + 2 : pos + 4], "big")
            body = content[pos + 4 : pos + 2 + length]
            if marker == 0xFE:
                found.add("COM")
            elif marker == 0xE1:
                found.add("XMP" if body.startswith(b"http://ns.adobe.com/xap") else "EXIF")
            elif marker == 0xE2 and body.startswith(b"ICC_PROFILE"):
                found.add("ICC")
            elif 0xE3 <= marker <= 0xEF:
                found.add(f"APP{marker - 0xE0}")
            pos += 2 + length
    elif content.startswith(b"\x89PNG"):
        pos = 8
        while pos < len(content):
            length = int.from_bytes(content[pos : pos + 4], "big")
            kind = content[pos + 4 : pos + 8].decode("latin-1")
            if kind == "eXIf":
                found.add("EXIF")
            elif kind in ("tEXt", "zTXt", "iTXt", "tIME"):
                found.add(kind)
            elif kind == "iCCP":
                found.add("ICC")
            pos += 12 + length
    elif content[8:12] == b"WEBP":
        pos = 12
        while pos < len(content) - 8:
            kind = content[pos : pos + 4].decode("latin-1")
            length = int.from_bytes(content[pos + 4 : pos + 8], "little")
            if kind in ("EXIF", "XMP "):
                found.add(kind.strip())
            elif kind == "ICCP":
                found.add("ICC")
            pos += 8 + length + (length & 1)
    return found


@pytest.mark.parametrize(("fmt", "ctype"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")])
def test_every_rendition_drops_all_metadata_but_the_colour_profile(client, settings, reporter, fmt, ctype):
    raw = loaded_with_metadata(fmt)
    assert {"EXIF", "ICC"} <= _segments(raw)  # the upload does carry them
    client.force_login(reporter)
    response = post_upload(client, upload(f"anh.{fmt.lower()}", raw, ctype))
    assert response.status_code == 200, response.content
    stored = StoredImage.objects.get()
    names = [stored.file.name, *(p for sizes in stored.renditions.values() for p in sizes.values())]
    assert len(names) >= 7
    for name in names:
        content = (Path(settings.MEDIA_ROOT) / name).read_bytes()
        assert _segments(content) == {"ICC"}, (name, _segments(content))
        for secret in (COMMENT, GPS_SECRET.encode(), b"21.0285", b"Phong vien A"):
            assert secret not in content, (name, secret)


def test_pixel_budget_is_checked_from_the_header_before_decoding(client, reporter, monkeypatch):
    """The issue's 6000×6000 PNG (105 KB on the wire): refused from its header alone; the
    pixels are never decoded."""
    from PIL import ImageFile

    from portal.core import images

    img = Image.new("L", (8000, 6000))
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    assert len(buf.getvalue()) < 200_000
    assert 8000 * 6000 > images.max_pixels()

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    client.force_login(reporter)
    response = post_upload(client, upload("lon.png", buf.getvalue(), "image/png"))
    assert response.status_code == 400
    assert "quá lớn" in response.json()["error"]["message"]
