"""The admin names people as Vietnamese write them, family name first, never by their user
name: the author column and filter of every workflow list, the "who" filter of the audit
logs, and every choice of a user in a form."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from portal.editorial.enums import Role
from tests import factories


@pytest.fixture
def thuy(db):
    return factories.make_user(Role.REPORTER, "thuy.nm", first_name="Minh Thùy", last_name="Nguyễn")


def filter_choices(html: str, title: str) -> list[str]:
    """The link texts of the change list's filter headed ``title``."""
    block = re.search(rf'<details data-filter-title="{re.escape(title)}"[^>]*>(.*?)</details>', html, re.S)
    assert block, f"no filter “{title}”"
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<a [^>]*>(.*?)</a>", block.group(1), re.S)]


def test_the_article_list_shows_and_filters_authors_by_name(client, thuy, board):
    factories.published_article(author=thuy, approver=board)
    client.force_login(board)
    html = client.get(reverse("admin:news_article_changelist")).content.decode()
    row = re.search(r'<tr[^>]*>.*?class="field-created_by_name">(.*?)</td>', html, re.S)
    assert row and row.group(1).strip() == "Nguyễn Minh Thùy"
    choices = filter_choices(html, "người tạo")
    assert "Nguyễn Minh Thùy" in choices and "thuy.nm" not in choices


def test_the_audit_log_filters_people_by_name_in_vietnamese_order(client, thuy, board):
    factories.make_user(Role.EDITOR, "lan.dt", first_name="Thị Lan", last_name="Đỗ")
    factories.make_user(Role.EDITOR, "an.lv", first_name="Văn Ân", last_name="Lê")
    factories.make_user(Role.EDITOR, "anh.lv", first_name="Văn Anh", last_name="Lê")
    factories.published_article(author=thuy, approver=board)
    client.force_login(board)
    html = client.get(reverse("admin:editorial_transitionlog_changelist")).content.decode()
    choices = [c for c in filter_choices(html, "người thực hiện") if c != "Tất cả"]
    assert "Nguyễn Minh Thùy" in choices and "thuy.nm" not in choices
    # Đ after D and before E; "Anh" before "Ân" (ă, â are letters after a).
    named = [c for c in choices if c in {"Đỗ Thị Lan", "Lê Văn Anh", "Lê Văn Ân", "Nguyễn Minh Thùy"}]
    assert named == ["Đỗ Thị Lan", "Lê Văn Anh", "Lê Văn Ân", "Nguyễn Minh Thùy"]


def test_a_choice_of_user_in_a_form_lists_names(client, thuy, board):
    client.force_login(board)
    html = client.get(reverse("admin:stats_prereleaseaccess_add")).content.decode()
    select = re.search(r'<select name="user"[^>]*>(.*?)</select>', html, re.S)
    assert select, "no user choice on the form"
    labels = re.findall(r"<option [^>]*>(.*?)</option>", select.group(1))
    assert "Nguyễn Minh Thùy" in labels and "thuy.nm" not in labels
