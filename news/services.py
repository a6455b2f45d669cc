"""Writes of news beyond the workflow: slugs, redirects, ratings."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from portal.editorial.enums import RevisionKind
from portal.editorial.services import revisions_of

from .models import Article, Rating, SlugRedirect


def record_slug_redirects(*, article: Article) -> None:
    """After a publish: every slug this article was published under before answers 301."""
    old = {r.data.get("slug") for r in revisions_of(article).filter(kind=RevisionKind.PUBLISHED).only("data")}
    old.discard(article.slug)
    old.discard(None)
    for slug in old:
        SlugRedirect.objects.update_or_create(old_slug=slug, defaults={"article": article})
    SlugRedirect.objects.filter(old_slug=article.slug).delete()


def rate_article(*, article: Article, voter: str, score: int) -> bool:
    """Record one rating per browser; returns False if this browser already rated."""
    if not 1 <= score <= 5:
        raise ValueError("score")
    try:
        with transaction.atomic():
            Rating.objects.create(article=article, voter=voter, score=score)
            Article.objects.filter(pk=article.pk).update(
                rating_sum=F("rating_sum") + score, rating_count=F("rating_count") + 1
            )
    except IntegrityError:
        return False
    return True
