"""bench/news.py, in small numbers: published articles with the workflow's history, their
search documents exactly ``index_item``'s, and a second run adds nothing."""

from __future__ import annotations

import io
import json
import random

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from bench import news as bench
from news.models import Article
from portal.editorial import services as wf
from portal.editorial.models import Revision, TransitionLog
from portal.search.models import SearchDocument
from portal.search.services import index_item

FIELDS = [
    "kind", "language", "title", "title_plain", "keywords", "summary", "body", "url", "is_internal", "publish_at",
    "expire_at", "date", "period", "vector", "title_vector", "keywords_vector", "exact_vector",
]  # fmt: skip


def counts():
    return tuple(m.objects.count() for m in (Article, Revision, TransitionLog, SearchDocument))


def test_articles_are_what_the_workflow_writes(bench_users, client):
    author, approver = bench_users
    out = io.StringIO()
    made = bench.generate(author=author, approver=approver, stdout=out, rng=random.Random(5), articles=40, years=2,
                          batch=16)  # fmt: skip
    assert made == 40 + 1 + 5  # 1% internal (at least one), five scheduled
    assert Article.objects.filter(live=True, state="published").count() == made
    assert Article.objects.filter(is_internal=True).count() == 1
    now = timezone.now()
    assert Article.objects.filter(publish_at__gt=now).count() == 5
    # Written oldest first, as a portal accumulates them: ids follow publication time (the
    # scheduled ones, approved last, come after them whatever their time).
    by_id = list(Article.objects.filter(publish_at__lte=now).order_by("pk").values_list("publish_at", flat=True))
    assert by_id == sorted(by_id)
    ct = ContentType.objects.get_for_model(Article)
    for article in Article.objects.all():
        assert article.version == 3 and article.first_published_at == article.publish_at
        written = SearchDocument.objects.filter(content_type=ct, object_id=article.pk).values(*FIELDS).get()
        index_item(item=article)  # what a transition does
        assert SearchDocument.objects.filter(content_type=ct, object_id=article.pk).values(*FIELDS).get() == written
        revisions = list(wf.revisions_of(article).order_by("number"))
        assert [(r.kind, r.created_by) for r in revisions] == [("save", author), ("published", approver)]
        assert revisions[1].data == json.loads(json.dumps(wf.serialize(item=article), cls=DjangoJSONEncoder))
        history = list(wf.history_of(article))
        assert [(log.action, log.user) for log in history] == [("submit", author), ("publish", approver)]
        assert article.created_at < history[0].at < history[1].at == article.updated_at <= article.publish_at

    # Readers find them, the scheduled ones only once their time has come.
    assert Article.objects.visible_to(None).count() == made - 1 - 5
    assert client.get("/tin-tuc/").status_code == 200

    # Their documents name their category (ranked after the title, before the body).
    some = Article.objects.filter(live=True, is_internal=False).select_related("category").first()
    assert some.category.name in SearchDocument.objects.get(content_type=ct, object_id=some.pk).keywords

    # ``--reindex`` writes the same documents again.
    before_docs = list(SearchDocument.objects.order_by("pk").values(*FIELDS))
    assert bench.reindex(stdout=io.StringIO(), batch=16) == Article.objects.filter(live=True).count()
    assert list(SearchDocument.objects.order_by("pk").values(*FIELDS)) == before_docs

    before = counts()
    again = io.StringIO()
    assert bench.generate(author=author, approver=approver, stdout=again, rng=random.Random(6), articles=40) == 0
    assert counts() == before and "nothing to add" in again.getvalue()
