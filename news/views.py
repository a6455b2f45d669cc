"""Public news pages. Each page runs a fixed number of queries."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from portal import pagecache as page_cache
from portal.core import limits
from portal.core.text import vn_slugify
from portal.editorial.permissions import may_see_internal

from . import selectors, services
from .models import Article, Tag

PAGE_SIZE = 20


def _page(request, category=None):
    number = request.GET.get("trang") or request.GET.get("page")
    return selectors.article_page(request.user, number, per_page=PAGE_SIZE, category=category)


@page_cache.shared_by_staff
def news_list(request):
    tag = request.GET.get("the")
    if tag:  # the old portal's "?the=…" addresses go to the tag's own page
        return HttpResponseRedirect(reverse("news:tag", args=[vn_slugify(tag)]), status=301)
    page = _page(request)
    return render(request, "news/list.html", {"page": page, "categories": selectors.categories()})


def _number(request):
    return request.GET.get("trang") or request.GET.get("page")


@page_cache.shared_by_staff
def tag_page(request, slug):
    tag = selectors.tag_by_slug(slug)
    if tag is None:
        raise Http404(_("Không tìm thấy thẻ."))
    page = selectors.tag_page(request.user, tag, _number(request), per_page=PAGE_SIZE)
    context = {
        "page": page,
        "tag": tag,
        "categories": selectors.categories(),
        "feed_url": reverse("news:tag_feed", args=[slug]),
    }
    return render(request, "news/list.html", context)


@page_cache.shared_by_staff
def author_page(request, slug):
    name, page = selectors.author_page(request.user, slug, _number(request), per_page=PAGE_SIZE)
    if name is None:
        raise Http404(_("Không tìm thấy tác giả."))
    context = {
        "page": page,
        "author": name,
        "categories": selectors.categories(),
        "feed_url": reverse("news:author_feed", args=[slug]),
    }
    return render(request, "news/list.html", context)


@page_cache.shared_by_staff
def news_slug(request, slug):
    """``/tin-tuc/<slug>/`` is a category or an article (their slugs never collide)."""
    categories = selectors.categories()
    category = next((c for c in categories if c.slug == slug), None)
    if category is not None:
        return category_page(request, category, categories)
    if page_cache.tracked() and not may_see_internal(request.user):
        # The parts of the page kept under the generation need the whole article only when
        # they are rendered again: each request reads whether it may be shown and its
        # rating. (Signed-in staff, a few, read the whole row: their session and account
        # already cost two queries, and the budget is six.)
        current = selectors.readable_article(request.user, slug)
        article = SimpleLazyObject(lambda: selectors.article_by_pk(current.pk, categories))
    else:
        article = current = selectors.article_by_slug(request.user, slug, categories)
    if current is None:
        # An old address answers 301 only while the article it now points to is readable.
        target = (
            Article.objects.visible_to(request.user).filter(old_slugs__old_slug=slug).only("slug", "language").first()
        )
        if target is not None:
            return HttpResponseRedirect(target.get_absolute_url(), status=301)
        raise Http404(_("Không tìm thấy bài viết."))
    return render_article(request, article, current=current)


def category_page(request, category, categories):
    page = _page(request, category)
    context = {
        "page": page,
        "category": category,
        "categories": categories,
        "feed_url": reverse("news:category_feed", args=[category.slug]),
    }
    return render(request, "news/list.html", context)


def render_article(request, article: Article, preview: bool = False, current: Article | None = None):
    """Render an article through the public template (also used for admin previews).

    ``current`` holds what is read on every request (``selectors.CURRENT_FIELDS``);
    ``article`` may be a lazy object, read only if a kept part of the page is rendered."""
    current = current or article
    if preview:
        tags = (
            list(article.tags.model.objects.filter(pk__in=article._preview_m2m.get("tags", [])))
            if getattr(article, "_preview_m2m", None)
            else list(article.tags.all())
        )
        article.url = article.get_absolute_url()
    else:
        tags = SimpleLazyObject(
            lambda: [
                Tag(name=n, slug=s) for n, s in zip(article.tag_names or [], article.tag_slugs or [], strict=False)
            ]
        )
    staff = may_see_internal(request.user)
    translation = SimpleLazyObject(lambda: selectors.readable_translation(article, request.user))
    context = {
        "article": article,
        "current": current,
        "tags": tags,
        "translation": translation,
        # The language switch: the translation, else the article's category in the other
        # language (the nearest index).
        "other_language_url": SimpleLazyObject(lambda: _other_language_url(article, translation)),
        # Read only when a part of the page that shows them is rendered (not kept).
        "related": SimpleLazyObject(lambda: selectors.related_articles(article, request.user)) if not preview else [],
        "preview": preview,
        # The parts of the page that change only with what readers see are kept under the
        # publication generation ({% kept %}), per article, language and kind of reader;
        # never for a preview.
        "fragment_key": None if preview else f"{current.pk}:{current.language}:{int(staff)}",
    }
    response = render(request, "news/article.html", context)
    if current.is_internal or preview:
        response["Cache-Control"] = "private, no-store"
    return response


def _other_language_url(article: Article, translation) -> str:
    if translation:
        return translation.get_absolute_url()
    with override("vi" if article.language == "en" else "en"):
        return reverse("news:slug", args=[article.category.slug])


VOTER_COOKIE = "rv"


@csrf_exempt  # no per-visitor token on a cached page: limited per address and browser
@require_POST
@ratelimit(group="news.rate", key="ip", rate=limits.rating_rate, block=False)
def rate(request, slug):
    """One rating per browser and article (the voter cookie), and at most
    ``RATE_LIMITS["rating"]`` posts per reader address (portal/core/limits.py)."""
    article = get_object_or_404(Article.objects.visible_to(request.user), slug=slug)
    back = article.get_absolute_url() + "#danh-gia"
    if request.limited:
        messages.error(request, _("Bạn đã đánh giá quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau."))
        return _see_other(back)
    try:
        score = int(request.POST.get("score", ""))
        if not 1 <= score <= 5:
            raise ValueError
    except ValueError:
        messages.error(request, _("Hãy chọn số điểm từ 1 đến 5."))
        return _see_other(back)
    voter = request.COOKIES.get(VOTER_COOKIE) or secrets.token_hex(16)
    if services.rate_article(article=article, voter=voter, score=score):
        messages.success(request, _("Cảm ơn bạn đã đánh giá bài viết."))
    else:
        messages.info(request, _("Trình duyệt này đã đánh giá bài viết trước đó."))
    response = _see_other(back)
    response.set_cookie(
        VOTER_COOKIE,
        voter,
        max_age=5 * 365 * 86400,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _see_other(url):
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response
