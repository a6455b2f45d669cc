"""Demo news: categories, tags, website links and some forty articles in every workflow
state, with abstract cover pictures drawn by Pillow (no text burned in). The articles
themselves are in ``demo_content.py``. Idempotent: nothing is added once articles exist."""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw, ImageFilter

from portal.core.images import store_image
from portal.core.models import WebsiteLink
from portal.core.text import vn_slugify
from portal.editorial import services as wf
from portal.editorial.enums import Action, Role

from .demo_content import ARTICLES, CATEGORIES, ENGLISH, LINKS, OTHER_STATES
from .models import Article, Category, Tag

# Calm palettes in the portal's colours: (background from, background to, shapes…).
PALETTES = [
    ((163, 21, 26), (90, 12, 16), (255, 196, 0), (245, 228, 200)),
    ((11, 79, 145), (8, 38, 77), (120, 200, 255), (230, 240, 250)),
    ((20, 110, 70), (8, 52, 34), (190, 240, 170), (250, 236, 180)),
    ((70, 50, 120), (30, 22, 60), (240, 160, 90), (220, 210, 245)),
    ((0, 110, 120), (0, 48, 60), (255, 210, 120), (200, 240, 235)),
]


def draw_cover(seed: int) -> SimpleUploadedFile:
    """A 1200×675 abstract picture: a diagonal gradient, soft circles, a few bands and a
    grid of dots. No text: captions belong to the page, not the pixels."""
    rnd = random.Random(seed)
    start, end, accent, light = PALETTES[seed % len(PALETTES)]
    w, h = 1200, 675
    img = Image.new("RGB", (w, h), start)
    d = ImageDraw.Draw(img)
    for x in range(0, w + h, 4):
        t = x / (w + h)
        colour = tuple(int(start[i] * (1 - t) + end[i] * t) for i in range(3))
        d.line([(x, 0), (x - h, h)], fill=colour, width=5)
    glow = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    g = ImageDraw.Draw(glow)
    for _ in range(rnd.randint(3, 6)):
        r = rnd.randint(80, 260)
        cx, cy = rnd.randint(0, w), rnd.randint(0, h)
        colour = rnd.choice([accent, light])
        g.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(*colour, rnd.randint(50, 110)))
    glow = glow.filter(ImageFilter.GaussianBlur(18))
    img = Image.alpha_composite(img.convert("RGBA"), glow)
    d = ImageDraw.Draw(img)
    for _ in range(rnd.randint(2, 4)):
        y = rnd.randint(60, h - 60)
        d.polygon([(0, y), (w, y - rnd.randint(-200, 200)), (w, y + 18), (0, y + 18)], fill=(*light, 60))
    step = rnd.choice([36, 44, 52])
    ox, oy = rnd.randint(700, 900), rnd.randint(60, 200)
    for row in range(6):
        for col in range(6):
            d.ellipse([ox + col * step, oy + row * step, ox + col * step + 8, oy + row * step + 8], fill=(*light, 150))
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=86)
    return SimpleUploadedFile(f"anh-bia-{seed}.jpg", buf.getvalue(), content_type="image/jpeg")


def body_html(paragraphs: list[str], inline_caption: str = "", inline_url: str | None = None) -> str:
    """Paragraphs, with a captioned picture after the first when given."""
    parts = [f"<p>{escape(paragraphs[0])}</p>"]
    if inline_url:
        cap = escape(inline_caption)
        parts.append(
            f'<figure class="image"><img src="{inline_url}" alt="{cap}"><figcaption>{cap}</figcaption></figure>'
        )
    parts += [f"<p>{escape(p)}</p>" for p in paragraphs[1:]]
    return "".join(parts)


def load(*, users, stdout) -> None:
    if Article.objects.exists():
        stdout.write("Tin tức mẫu đã có, bỏ qua.")
        return
    for label, url, order in LINKS:
        WebsiteLink.objects.get_or_create(url=url, defaults={"title": label, "order": order})
    cats = {}
    for order, (slug, name, name_en) in enumerate(CATEGORIES):
        cats[slug], _ = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "order": order}
        )
    tz = timezone.get_current_timezone()
    reporter, board, admin = users[Role.REPORTER], users[Role.BOARD], users[Role.ADMIN]

    def tags(names):
        return [Tag.objects.get_or_create(slug=vn_slugify(n), defaults={"name": n})[0] for n in names]

    def create(*, title, lead, body, category, tag_names=(), byline="", source="", language="vi", cover=None,
               alt="", caption="", translation=None, author=reporter):  # fmt: skip
        art = Article(
            title=title, slug=vn_slugify(title, 200), lead=lead, body=body, category=category, byline=byline,
            source=source, language=language, cover=cover, cover_alt=alt, cover_caption=caption,
            translation=translation,
        )  # fmt: skip
        wf.save_new(item=art, user=author)
        art.tags.set(tags(tag_names))
        wf.record_revision(item=art, user=author)
        return art

    def publish(art, when):
        wf.transition(item=art, action=Action.SUBMIT, user=reporter)
        if when < timezone.now():
            # An article of the old portal keeps its date: back-dating is Quản trị's, with a reason.
            wf.transition(item=art, action=Action.PUBLISH, user=admin, publish_at=when,
                          comment="Nạp dữ liệu mẫu: giữ ngày đăng của bài trên cổng cũ.")  # fmt: skip
        else:
            wf.transition(item=art, action=Action.PUBLISH, user=board, publish_at=when)

    by_key: dict[str, Article] = {}
    when_of: dict[str, dt.datetime] = {}
    for seed, spec in enumerate(ARTICLES, start=1):
        cover = store_image(draw_cover(seed), user=reporter, alt=spec["caption"])
        inline_url = None
        if spec.get("inline"):
            inline = store_image(draw_cover(seed + 100), user=reporter, alt=spec["inline"])
            inline_url = inline.rendition_url("jpeg", 800)
        art = create(
            title=spec["title"], lead=spec["lead"], body=body_html(spec["paras"], spec.get("inline", ""), inline_url),
            category=cats[spec["cat"]], tag_names=spec["tags"], byline=spec["byline"], source=spec["source"],
            cover=cover, alt=spec["caption"], caption=spec["caption"],
        )  # fmt: skip
        by_key[spec["key"]] = art
        when_of[spec["key"]] = timezone.make_aware(spec["when"], tz)

    english = []
    for spec in ENGLISH:
        original = by_key[spec["of"]]
        art = create(
            title=spec["title"], lead=spec["lead"], body=body_html(spec["paras"]), category=original.category,
            byline=spec["byline"], source="MIC Information Centre", language="en", cover=original.cover,
            alt=spec["caption"], caption=spec["caption"], translation=original,
        )  # fmt: skip
        # Both ways: the Vietnamese original names its English version too (a revision of
        # its own, as an editor's save in the admin would keep).
        original.translation = art
        wf.save_existing(item=original, user=reporter)
        wf.record_revision(item=original, user=reporter)
        english.append((art, when_of[spec["of"]] + dt.timedelta(hours=3), spec["of"]))

    for spec in ARTICLES:
        picks = [by_key[k] for k in spec.get("related", [])]
        art = by_key[spec["key"]]
        if picks:
            art.related_picks.set(picks)
            wf.record_revision(item=art, user=reporter)
        publish(art, when_of[spec["key"]])
        if spec.get("featured"):
            Article.objects.filter(pk=art.pk).update(featured=True)
    views = {spec["key"]: spec["views"] for spec in ARTICLES}
    for art, when, of in english:
        publish(art, when)
        Article.objects.filter(pk=art.pk).update(view_count=views[of] // 8)
    # The view counts the "Đọc nhiều" box reads (kept by the visit beacon on a real portal).
    for spec in ARTICLES:
        Article.objects.filter(pk=by_key[spec["key"]].pk).update(view_count=spec["views"])

    now = timezone.now()
    for spec in OTHER_STATES:
        art = create(
            title=spec["title"], lead=spec["lead"], body=body_html(spec["paras"]), category=cats[spec["cat"]],
            byline="Phóng viên Cổng TTĐT",
        )  # fmt: skip
        state = spec["state"]
        if state == "pending":
            wf.transition(item=art, action=Action.SUBMIT, user=reporter)
        elif state == "returned":
            wf.transition(item=art, action=Action.SUBMIT, user=reporter)
            wf.transition(item=art, action=Action.RETURN, user=board, comment=spec["comment"])
        elif state == "scheduled":
            publish(art, now + dt.timedelta(days=3))
        elif state == "withdrawn":
            publish(art, when_of["ttt-2023"] + dt.timedelta(days=20))
            wf.transition(item=art, action=Action.WITHDRAW, user=board, comment=spec["comment"])
        elif state == "internal":
            art.is_internal = True
            art.save()
            publish(art, when_of["kinh-te-so-dnnvv"] + dt.timedelta(days=2))
    # A live article with an edit waiting for the board: readers keep the approved sapo.
    target = by_key["giao-ban-q3-2022"]
    changed, _m2m = wf.working_copy(Article.objects.get(pk=target.pk))
    changed.lead = changed.lead.replace("thông báo các quyết định", "công bố các quyết định")
    wf.save_existing(item=changed, user=board)
    wf.record_deferred_change(item=changed, user=board, m2m={"tags": list(target.tags.values_list("pk", flat=True))})
    stdout.write(f"Đã tạo {Article.objects.count()} bài viết mẫu (quản trị: {admin.get_username()}).")
