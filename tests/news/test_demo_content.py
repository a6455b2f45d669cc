"""The demo articles read like the ministry's own: each has its own text, no title carries a
workflow state, and an article about a reference month gives only that reference's figures
(the five reference articles are kept in tests/news/references/)."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from news import demo, demo_content
from news.models import Article
from portal.core.richtext import html_to_text
from portal.editorial.enums import Role
from tests.factories import make_user

REFERENCES = Path(__file__).parent / "references"
STATE_WORDS = ("Nháp", "Bản nháp", "Chờ duyệt", "Trả lại", "Đã xuất bản", "Đã gỡ", "Lên lịch", "Nội bộ", "Draft")
demo_articles_users: dict = {}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def figures(text: str, language: str = "vi") -> set[str]:
    """The figures of a text in the Vietnamese way of writing them ("1.383", "91,32");
    whole numbers without their leading zeros ("01/2022" gives "1" and "2022")."""
    out = set()
    for token in NUMBER.findall(text):
        token = token.rstrip(".,")
        if language == "en":
            token = token.translate(str.maketrans(",.", ".,"))
        out.add(str(int(token)) if token.isdigit() else token)
    return out


@pytest.fixture(scope="module")
def demo_articles(django_db_setup, django_db_blocker):
    """The news demo loaded once (as ``load_demo`` does) for the whole module."""
    with django_db_blocker.unblock():
        users = {
            role: make_user(role, f"demo-{role.name.lower()}")
            for role in (Role.REPORTER, Role.EDITOR, Role.BOARD, Role.ADMIN)
        }
        with transaction.atomic():  # as load_demo runs each app's demo
            demo.load(users=users, stdout=io.StringIO())
        articles = list(Article.objects.all())
        demo_articles_users.update(users)
        yield articles
        # The audit tables refuse DELETE: the test database's flush (tests/conftest.py) may.
        # Then the rows of the migrations come back with their own ids, as a transactional
        # test's serialized rollback expects them (the flush's post_migrate would make
        # content types with new ids, and the next such test would fail to restore).
        serialized = getattr(connection, "_test_serialized_contents", None)
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=serialized is not None)
        if serialized is not None:
            connection.creation.deserialize_db_from_string(serialized)


def paragraphs(article: Article) -> list[str]:
    return [html_to_text(p).strip() for p in re.findall(r"<p>(.*?)</p>", article.body, flags=re.S)]


def test_no_two_articles_share_a_paragraph_a_sapo_or_a_caption(demo_articles):
    paras = Counter(p for a in demo_articles for p in paragraphs(a))
    assert [p for p, n in paras.items() if n > 1] == []
    leads = Counter(a.lead for a in demo_articles)
    assert [x for x, n in leads.items() if n > 1] == []
    captions = Counter(a.cover_caption for a in demo_articles if a.cover_caption)
    assert [x for x, n in captions.items() if n > 1] == []
    # Every published article has a body of several paragraphs and a captioned cover.
    for a in demo_articles:
        if a.title in {spec["title"] for spec in demo_content.ARTICLES}:
            assert len(paragraphs(a)) >= 3, a.title
            assert a.cover_id and a.cover_caption.endswith("."), a.title


def test_no_title_starts_with_a_state_word(demo_articles):
    for a in demo_articles:
        assert not a.title.startswith(STATE_WORDS), a.title


def test_every_figure_of_an_article_about_a_reference_month_is_in_that_reference():
    for spec in demo_content.ARTICLES:
        text = " ".join([spec["title"], spec["lead"], spec["caption"], spec.get("inline", ""), *spec["paras"]])
        if spec["ref"] is None:
            # Not about a reference month: no statistics at all (a year is allowed).
            assert {f for f in figures(text) if not re.fullmatch(r"(19|20)\d\d", f)} == set(), spec["title"]
            continue
        source = figures((REFERENCES / spec["ref"]).read_text())
        assert figures(text) - source == set(), spec["title"]
    for spec in demo_content.ENGLISH:
        original = next(a for a in demo_content.ARTICLES if a["key"] == spec["of"])
        text = " ".join([spec["title"], spec["lead"], spec["caption"], *spec["paras"]])
        source = figures((REFERENCES / original["ref"]).read_text())
        assert figures(text, "en") - source == set(), spec["title"]


def test_the_figure_the_source_does_not_give_is_gone(demo_articles):
    january = next(a for a in demo_articles if a.title.endswith("tháng 1/2022"))
    assert "123,7" not in january.body + january.lead
    # The department was still "Cục Tin học hóa" in February 2022.
    early_2022 = [a for a in demo_articles if a.publish_at and a.publish_at.year == 2022 and a.publish_at.month < 4]
    assert early_2022 and all("Chuyển đổi số quốc gia" not in a.body for a in early_2022)


def test_dates_follow_the_subject(demo_articles):
    for spec in demo_content.ARTICLES:
        article = next(a for a in demo_articles if a.title == spec["title"])
        if spec["ref"]:
            ref_year = int(spec["ref"][:4])
            assert article.publish_at.year == ref_year, spec["title"]
        assert article.publish_at.year <= 2023, spec["title"]


def test_english_articles_are_linked_to_their_originals_both_ways(demo_articles):
    english = [a for a in demo_articles if a.language == "en"]
    assert len(english) >= 4
    by_pk = {a.pk: a for a in demo_articles}
    for en in english:
        vi = by_pk[en.translation_id]
        assert vi.language == "vi" and vi.translation_id == en.pk and vi.live and en.live


@pytest.mark.django_db
def test_loading_twice_adds_nothing(demo_articles):
    demo.load(users=demo_articles_users, stdout=io.StringIO())
    assert Article.objects.count() == len(demo_articles)
