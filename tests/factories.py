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
    return wf.save_new(item=item, user=author)


def published_article(*, author, approver, at=None, **kw):
    item = article(author=author, **kw)
    wf.transition(item=item, action=Action.SUBMIT, user=author)
    wf.transition(item=item, action=Action.PUBLISH, user=approver, publish_at=at)
    return item
