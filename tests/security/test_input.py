"""Undecodable input answers 400 and too large a body 413, in the reader's language,
before any view (or the page cache, or the database) sees it."""

from __future__ import annotations

import io

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

VI_400 = "Yêu cầu không hợp lệ"
EN_400 = "Invalid request"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/tim-kiem/?q=a%00b",  # the issue's NUL in a search: a debug 500 before
        "/tim-kiem/?q=%C3%28",  # not UTF-8
        "/tim-kiem/?q%00=a",  # NUL in a name
        "/tin-tuc/?trang=%FF",
        "/tin-tuc/a%00b/",  # NUL in the path
        "/admin/?q=%00",
        "/dem-truy-cap/?x=%FF",
    ],
)
def test_undecodable_get_answers_400_in_vietnamese(path):
    response = Client().get(path)
    assert response.status_code == 400
    html = response.content.decode()
    assert VI_400 in html
    assert 'lang="vi"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("raw_path", ["/tin-tuc/\xc3(/", "/thong-ke/chi-so/\xe2\x82/", "/\xff"])
def test_a_path_that_is_not_utf8_answers_400(raw_path):
    """As a WSGI server gives it (gunicorn: the path's bytes as latin-1 text; the test
    client would re-encode it first)."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import RequestFactory

    environ = RequestFactory()._base_environ(PATH_INFO=raw_path, REQUEST_METHOD="GET")
    status = []
    body = b"".join(WSGIHandler()(environ, lambda s, headers: status.append(s)))
    assert status == ["400 Bad Request"]
    assert VI_400 in body.decode()


@pytest.mark.django_db
def test_undecodable_input_under_en_answers_in_english():
    response = Client().get("/en/tim-kiem/?q=a%00b")
    assert response.status_code == 400
    html = response.content.decode()
    assert EN_400 in html and 'lang="en"' in html


@pytest.mark.django_db
def test_valid_vietnamese_input_is_not_refused():
    assert Client().get("/tim-kiem/?q=Chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91").status_code == 200
    assert Client().get("/tim-kiem/?q=chuyen+doi%09so").status_code == 200


@pytest.mark.django_db
def test_nul_in_a_posted_field_answers_400(reporter, board):
    from tests import factories

    item = factories.published_article(author=reporter, approver=board)
    url = reverse("news:rate", args=[item.slug])
    response = Client().post(url, {"score": "5\x00"})
    assert response.status_code == 400
    assert VI_400 in response.content.decode()
    # Bytes that are not UTF-8 in an urlencoded body.
    response = Client().post(url, b"score=5&x=%C3%28", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.rating_count == 0


@pytest.mark.django_db
def test_nul_in_a_multipart_field_or_file_name_answers_400(admin_client):
    upload = io.BytesIO(b"x")
    upload.name = "anh.png"
    response = admin_client.post(reverse("editor_image_upload"), {"upload": upload, "note": "a\x00b"})
    assert response.status_code == 400
    assert VI_400 in response.content.decode()


class ExplodingInput(io.BytesIO):
    """A request body that fails the test if anyone reads it."""

    def read(self, *args, **kwargs):
        raise AssertionError("the body was read")

    readline = read


@pytest.mark.django_db
@pytest.mark.parametrize(("signed_in", "path"), [(False, "/dem-truy-cap/"), (True, "/admin/tai-anh/")])
def test_too_large_a_body_answers_413_before_it_is_read(signed_in, path):
    limit = settings.MAX_REQUEST_BYTES if signed_in else settings.MAX_ANONYMOUS_REQUEST_BYTES
    client = Client()
    if signed_in:
        client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    response = client.generic(
        "POST",
        path,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(limit + 1),
        **{"wsgi.input": ExplodingInput()},
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "Dữ liệu gửi lên quá lớn" in html
    assert response["Connection"] == "close"


def test_the_issue_s_60_mb_body_is_refused_from_its_header():
    assert 60 * 1024 * 1024 > settings.MAX_REQUEST_BYTES
    assert settings.MAX_REQUEST_BYTES >= 20 * 1024 * 1024 + 1024  # a meeting document fits
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2621440


@pytest.mark.django_db
def test_a_body_within_the_limit_is_served(reporter, board):
    from tests import factories

    item = factories.published_article(author=reporter, approver=board)
    response = Client().post(reverse("visit_beacon"), {"article": str(item.pk), "pad": "x" * 1000})
    assert response.status_code == 200
