"""Factories for every model the tests need (plain functions, no extra library)."""

from __future__ import annotations

import itertools

from portal.editorial import services as wf
from portal.editorial.enums import Action

_seq = itertools.count(1)


def category(**kw):
    from news.models import Category

    n = next(_seq)
    defaults = {"name": f"Chuyên mục {n}", "name_en": f"Category {n}", "slug": f"chuyen-muc-{n}"}
    defaults.update(kw)
    return Category.objects.create(**defaults)


def article(*, author, cat=None, **kw):
    from news.models import Article

    n = next(_seq)
    defaults = {
        "title": f"Chuyển đổi số trong ngành Thông tin và Truyền thông số {n}",
        "slug": f"bai-viet-{n}",
        "lead": "Bộ Thông tin và Truyền thông tổ chức giao ban quản lý nhà nước.",
        "body": "<p>Doanh thu dịch vụ viễn thông đạt 11.496 tỷ đồng.</p>",
        "category": cat or category(),
    }
    defaults.update(kw)
    item = Article(**defaults)
    wf.save_new(item=item, user=author)
    wf.record_revision(item=item, user=author)  # as the admin keeps one at every save
    return item


def published_article(*, author, approver, at=None, **kw):
    """An approved article; ``at`` in the past makes it an article published back then (as
    an import of the old portal's articles would: the workflow itself refuses back-dating)."""
    from django.utils import timezone

    item = article(author=author, **kw)
    wf.transition(item=item, action=Action.SUBMIT, user=author)
    past = at is not None and at < timezone.now()
    wf.transition(item=item, action=Action.PUBLISH, user=approver, publish_at=None if past else at)
    if past:
        type(item).objects.filter(pk=item.pk).update(publish_at=at, first_published_at=at)
        item.refresh_from_db()
    return item


def shown(item, **data) -> dict:
    """The POST data of an action taken from the item's admin page: the version and the
    revision the page showed (as the page's hidden fields send them), and ``data``."""
    item.refresh_from_db()
    return {"version": str(item.version), "revision": str(wf.latest_revision_number(item)), **data}


def article_in_state(state, *, author, editor=None, board=None, **kw):
    """An article brought to ``state`` through the workflow (written and submitted by
    ``author``; returned by ``editor``; published and withdrawn by ``board``)."""
    from portal.editorial.enums import State

    item = article(author=author, **kw)
    if state == State.DRAFT:
        return item
    wf.transition(item=item, action=Action.SUBMIT, user=author)
    if state == State.RETURNED:
        wf.transition(item=item, action=Action.RETURN, user=editor or board, comment="Cần bổ sung số liệu.")
    elif state in (State.PUBLISHED, State.WITHDRAWN):
        wf.transition(item=item, action=Action.PUBLISH, user=board)
        if state == State.WITHDRAWN:
            wf.transition(item=item, action=Action.WITHDRAW, user=board, comment="Thông tin cần đính chính.")
    return item


def article_form_data(item, **overrides):
    """The POST data of the article admin form as a browser sends it, from ``item``."""
    from django.utils import timezone

    def split(value):
        if not value:
            return "", ""
        local = timezone.localtime(value)
        return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")

    pub_d, pub_t = split(item.publish_at)
    exp_d, exp_t = split(item.expire_at)
    data = {
        "title": item.title,
        "slug": item.slug,
        "lead": item.lead,
        "body": item.body,
        "cover_alt": item.cover_alt,
        "cover_caption": item.cover_caption,
        "category": str(item.category_id),
        "byline": item.byline,
        "source": item.source,
        "language": item.language,
        "translation": str(item.translation_id or ""),
        "publish_at_0": pub_d,
        "publish_at_1": pub_t,
        "expire_at_0": exp_d,
        "expire_at_1": exp_t,
        "edit_version": str(item.version) if item.pk else "",
        "_save": "Lưu",
    }
    if item.pk:
        data["tags"] = [str(pk) for pk in item.tags.values_list("pk", flat=True)]
    if item.is_internal:
        data["is_internal"] = "on"
    if item.featured:
        data["featured"] = "on"
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data
