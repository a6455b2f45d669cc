"""Categories, tags and website links in the admin, by role: every workflow role can
pick tags (the article form's autocomplete) and see the categories; reporters may add a
new tag; only the board and administrators change categories, tags and website links."""

import pytest
from django.test import Client

from news.models import Category, Tag
from portal.core.models import WebsiteLink
from tests import factories

pytestmark = pytest.mark.django_db


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_reporter_finds_tags_through_the_article_forms_autocomplete(reporter):
    Tag.objects.create(name="Chuyển đổi số", slug="chuyen-doi-so")
    response = client_for(reporter).get(
        "/admin/autocomplete/", {"app_label": "news", "model_name": "article", "field_name": "tags", "term": "chuyển"}
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Chuyển đổi số"]


def test_reporter_may_add_a_tag_but_not_change_categories(reporter):
    c = client_for(reporter)
    response = c.post("/admin/news/tag/add/", {"name": "Thẻ mới của phóng viên", "slug": "the-moi"})
    assert response.status_code == 302
    assert Tag.objects.filter(slug="the-moi").exists()
    cat = factories.category(name="Tin hoạt động", slug="tin-hoat-dong")
    assert c.get("/admin/news/category/").status_code == 200
    response = c.post(f"/admin/news/category/{cat.pk}/change/", {"name": "Đổi tên", "slug": "doi-ten", "order": 1})
    assert response.status_code == 403
    cat.refresh_from_db()
    assert cat.name == "Tin hoạt động"
    assert c.post("/admin/news/category/add/", {"name": "Mới", "slug": "moi", "order": 2}).status_code == 403
    assert Category.objects.filter(slug="moi").exists() is False
    assert c.post(f"/admin/news/tag/{Tag.objects.get(slug='the-moi').pk}/delete/", {"post": "yes"}).status_code == 403
    assert c.get("/admin/core/websitelink/").status_code == 403


def test_board_manages_categories_and_website_links(board):
    c = client_for(board)
    response = c.post("/admin/news/category/add/", {"name": "Chuyên đề", "slug": "chuyen-de", "order": 5})
    assert response.status_code == 302
    assert Category.objects.filter(slug="chuyen-de").exists()
    response = c.post(
        "/admin/core/websitelink/add/",
        {"title": "Cổng Dịch vụ công quốc gia", "url": "https://dichvucong.gov.vn/", "order": 1, "is_active": "on"},
    )
    assert response.status_code == 302
    assert WebsiteLink.objects.filter(title="Cổng Dịch vụ công quốc gia").exists()


def test_staff_without_a_role_sees_neither(staff_reader):
    c = client_for(staff_reader)
    assert c.get("/admin/news/tag/").status_code == 403
    assert c.get("/admin/news/category/").status_code == 403
