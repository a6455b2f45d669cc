"""The admin reads as a Vietnamese editor expects: dates as 25/11/2026 18:48, Vietnamese
labels where Django's own catalogue has none, and coloured state badges in the lists."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def test_article_list_dates_labels_and_state_badges(board, reporter):
    item = factories.article(author=reporter, title="Bài kiểm tra định dạng ngày")
    when = timezone.make_aware(dt.datetime(2026, 3, 5, 8, 7), dt.timezone(dt.timedelta(hours=7)))
    type(item).objects.filter(pk=item.pk).update(updated_at=when)
    c = Client()
    c.force_login(board)
    html = c.get("/admin/news/article/").content.decode()
    assert "05/03/2026 08:07" in html
    assert "Ngày 05 tháng" not in html
    assert "Hiện số lượng" in html and "Show counts" not in html
    assert "Thêm bài viết" in html
    assert re.search(r'<span class="wf-state wf-draft">Nháp</span>', html)
    assert "css/admin-editorial" in html


def test_form_error_banner_is_in_vietnamese(board):
    c = Client()
    c.force_login(board)
    html = c.post("/admin/news/category/add/", {"name": "", "slug": "", "order": ""}).content.decode()
    assert "Hãy sửa các lỗi dưới đây." in html
    assert "Please correct" not in html


def test_names_read_family_name_first_in_history_revisions_and_queue(client, board2):
    from portal.editorial import services as wf
    from portal.editorial.enums import Action, Role

    thuy = factories.make_user(Role.REPORTER, "thuy", first_name="Minh Thùy", last_name="Nguyễn")
    item = factories.article(author=thuy, title="Bài của phóng viên Thùy")
    wf.transition(item=item, action=Action.SUBMIT, user=thuy)
    client.force_login(board2)
    for url in (f"/admin/news/article/{item.pk}/change/", "/admin/cho-duyet/"):
        page = client.get(url).content.decode()
        assert "Nguyễn Minh Thùy" in page, url
        assert "Minh Thùy Nguyễn" not in page, url


def test_pre_release_list_and_progress_name_people_family_name_first():
    from portal.editorial.enums import Role
    from stats.models import PreReleaseAccess

    lan = factories.make_user(Role.EDITOR, "lan", first_name="Thị Lan", last_name="Đỗ")
    assert str(PreReleaseAccess.objects.create(user=lan)) == "Đỗ Thị Lan"
