import html
import re

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.core.forms import SlugFromTextMixin
from portal.core.images import delete_image_files, store_image
from portal.core.text import unique_slug
from portal.editorial import permissions
from portal.editorial.admin import EditorialAdmin, EditorialAdminForm, PublishYearFilter, RoleManagedAdmin
from portal.editorial.enums import Role

from . import views
from .models import Article, Category, Tag

IMG_TAG_RE = re.compile(r"<img\b[^>]*>", re.I)
IMG_ATTR_RE = re.compile(r'\b(src|alt|srcset)="([^"]*)"', re.I)
RENDITION_RE = re.compile(r"/([0-9a-f]{32})(?:-\d+)?\.(?:jpe?g|png|webp)$", re.I)
BODY_SIZES = "(max-width: 800px) 100vw, 800px"


REMOVED_KINDS = (
    (re.compile(r"<script\b", re.I), _("đoạn mã (script)")),
    (re.compile(r"<(iframe|embed|object)\b", re.I), _("khung nhúng (iframe, embed, object)")),
    (re.compile(r"<style\b|\bstyle=", re.I), _("định dạng kiểu (style)")),
    (re.compile(r"<(svg|video|audio|form|input|button)\b", re.I), _("đồ hoạ, video hoặc ô nhập")),
    (re.compile(r"\bon[a-z]+\s*=|javascript:", re.I), _("lệnh chạy khi bấm hoặc tải trang")),
)


KEPT_SALT = "news.cover_kept"


def keep_upload(upload, *, user) -> str:
    """Hold a validated upload outside the media (``tmp/``) and return a signed token for it."""
    import uuid
    from pathlib import PurePath

    from django.core import signing
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    upload.seek(0)
    suffix = PurePath(upload.name).suffix.lower()[:6]
    name = default_storage.save(f"tmp/kept/{uuid.uuid4().hex}{suffix}", ContentFile(upload.read()))
    upload.seek(0)
    return signing.dumps({"n": name, "u": user.pk, "f": upload.name}, salt=KEPT_SALT)


def kept_upload(token: str, *, user):
    """The upload a token of ``keep_upload`` holds, for the same user, within a day."""
    from django.core import signing
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    try:
        data = signing.loads(token, salt=KEPT_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return None
    if user is None or data.get("u") != user.pk or not default_storage.exists(data["n"]):
        return None
    with default_storage.open(data["n"], "rb") as fh:
        upload = SimpleUploadedFile(data["f"], fh.read())
    upload.kept_name = data["n"]
    return upload


def describe_removed(raw: str) -> str:
    """What sanitising takes out of ``raw``, as an editor reads it."""
    kinds = [str(label) for pattern, label in REMOVED_KINDS if pattern.search(raw or "")]
    return ", ".join(kinds) or str(_("những thẻ HTML không được phép"))


def body_images(body: str) -> list[tuple[str, str]]:
    """(address, description) of each image of a body, in order."""
    out = []
    for tag in IMG_TAG_RE.findall(body or ""):
        attrs = {k.lower(): html.unescape(v) for k, v in IMG_ATTR_RE.findall(tag)}
        out.append((attrs.get("src", ""), attrs.get("alt", "")))
    return out


def with_srcset(body: str) -> str:
    """Each image uploaded to the portal gets the ``srcset`` of its renditions (JPEG
    widths), ``sizes``, ``width`` and ``height``, as the cover has."""
    from portal.core.models import Image

    def rewrite(match):
        tag = match.group(0)
        attrs = {k.lower(): v for k, v in IMG_ATTR_RE.findall(tag)}
        found = RENDITION_RE.search(attrs.get("src", ""))
        if not found or "srcset" in attrs:
            return tag
        image = Image.objects.filter(file__contains=found.group(1)).first()
        if image is None or not image.renditions.get("jpeg"):
            return tag
        extra = format_html(
            ' srcset="{}" sizes="{}" width="{}" height="{}"',
            image.srcset("jpeg"),
            BODY_SIZES,
            image.width,
            image.height,
        )
        return tag[:-1].rstrip("/").rstrip() + extra + ">"

    return IMG_TAG_RE.sub(rewrite, body or "")


class KeptUploadInput(forms.HiddenInput):
    """The token of a kept cover, and a line telling the editor it need not be chosen again."""

    is_hidden = False

    def render(self, name, value, attrs=None, renderer=None):
        from django.core import signing

        hidden = super().render(name, value, attrs, renderer)
        try:
            kept = signing.loads(value, salt=KEPT_SALT) if value else None
        except signing.BadSignature:
            kept = None
        if not kept:
            return format_html("{}<span>—</span>", hidden)
        return format_html(
            '{}<p class="help">{}</p>',
            hidden,
            _("Ảnh “%(name)s” bạn đã chọn được giữ lại: không cần chọn lại, trừ khi muốn đổi ảnh khác.")
            % {"name": kept.get("f", "")},
        )


class ArticleForm(SlugFromTextMixin, EditorialAdminForm):
    cover_upload = forms.FileField(
        label=_("Tải ảnh đại diện"),
        required=False,
        help_text=_("JPEG, PNG hoặc WebP, tối đa 5 MB. Ảnh được nén lại và bỏ thông tin EXIF."),
    )
    remove_cover = forms.BooleanField(label=_("Bỏ ảnh đại diện"), required=False)
    # A cover chosen on a form that came back with errors, kept so it need not be chosen again.
    cover_kept = forms.CharField(label=_("Ảnh đã chọn"), widget=KeptUploadInput, required=False)

    class Meta:
        model = Article
        exclude = ("cover",)

    # Whatever is typed ("Tên mới của bài") becomes a slug; empty: made from the title.
    slug_required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if slug and Category.objects.filter(slug=slug).exists():
            raise ValidationError(_("Đường dẫn này trùng với một chuyên mục; hãy chọn đường dẫn khác."))
        return slug

    def clean_body(self):
        """Refuse what readers would miss (an image without a description; a text that
        sanitising emptied, saying what was removed and why) and give every uploaded image
        its renditions (``srcset``), as the cover has."""

        body = self.cleaned_data.get("body") or ""
        raw = self.data.get("body") or ""
        if raw.strip() and not body.strip():
            raise ValidationError(
                _(
                    "Nội dung trống sau khi làm sạch: %(removed)s bị loại bỏ vì có thể chạy mã hoặc nhúng trang "
                    "khác vào cổng, điều cổng không cho phép để bảo vệ bạn đọc. Hãy nhập hoặc dán lại phần chữ."
                )
                % {"removed": describe_removed(raw)}
            )
        missing = [n for n, (src, alt) in enumerate(body_images(body), start=1) if src and not alt.strip()]
        if missing:
            names = ", ".join(
                _("ảnh thứ %(n)s (%(file)s)") % {"n": n, "file": body_images(body)[n - 1][0].rsplit("/", 1)[-1]}
                for n in missing
            )
            raise ValidationError(
                _(
                    "Ảnh trong nội dung chưa có mô tả (văn bản thay thế) cho người khiếm thị: %(names)s. "
                    "Bấm vào ảnh, chọn nút “Thay đổi văn bản thay thế” và mô tả ảnh."
                )
                % {"names": names}
            )
        return with_srcset(body)

    def full_clean(self):
        """A form that comes back with errors keeps the cover it was given (outside the
        media, until the save that uses it): the editor need not choose it again."""
        super().full_clean()
        if not self.is_bound or not self._errors or getattr(self, "probe", False):
            return
        if NON_FIELD_ERRORS in self._errors:
            return  # refused as a whole (another version, a missing version): nothing is kept
        upload = getattr(self, "cleaned_data", {}).get("cover_upload")
        user = getattr(self, "_request_user", None)
        if not upload or user is None or not permissions.may_create(user):
            return
        if self.instance.pk and not permissions.may_edit(user, self.instance):
            return
        self.data = self.data.copy()
        self.data["cover_kept"] = keep_upload(upload, user=user)

    def clean_cover_upload(self):
        upload = self.cleaned_data.get("cover_upload")
        if upload:
            from portal.core.images import read_image

            read_image(upload)  # raises a Vietnamese ValidationError for bad files
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("cover_upload") and cleaned.get("cover_kept"):
            kept = kept_upload(cleaned["cover_kept"], user=getattr(self, "_request_user", None))
            if kept is not None:
                cleaned["cover_upload"] = kept
        has_cover = (self.instance.cover_id and not cleaned.get("remove_cover")) or cleaned.get("cover_upload")
        if has_cover and not (cleaned.get("cover_alt") or "").strip():
            self.add_error("cover_alt", _("Hãy mô tả ảnh đại diện (văn bản thay thế) cho người khiếm thị."))
        return cleaned


@admin.register(Article)
class ArticleAdmin(EditorialAdmin):
    form = ArticleForm
    preview_view = staticmethod(views.render_article)
    list_display = ("title", "category", "language", "state_badge", "views", "created_by_name", "updated_at")
    # A year filter rather than date_hierarchy: its year list was a DISTINCT over every article
    # (120 ms at 100,000); the filter's years come from MIN and MAX on an index.
    list_filter = EditorialAdmin.list_filter + (PublishYearFilter, "category", "language")
    list_select_related = ("category", "created_by")
    search_fields = ("title", "lead")  # trigram indexes article_title_trgm_idx, article_lead_trgm_idx
    show_full_result_count = False  # a filtered list does not count all 100,000 articles again
    autocomplete_fields = ("tags", "translation", "related_picks")
    fieldsets = (
        (None, {"fields": ("title", "slug", "lead", "body")}),
        (_("Ảnh đại diện"), {"fields": ("cover_upload", "cover_kept", "remove_cover", "cover_alt", "cover_caption")}),
        (
            _("Phân loại và nguồn"),
            {
                "fields": (
                    "category",
                    "tags",
                    "byline",
                    "source",
                    "language",
                    "translation",
                    "related_picks",
                    "featured",
                )
            },
        ),
        (_("Xuất bản"), {"fields": ("is_internal", "publish_at", "expire_at", "edit_version")}),
    )

    readonly_fields = ("cover_preview", "body_as_readers_see_it")

    @admin.display(description=_("Ảnh đại diện hiện tại"))
    def cover_preview(self, obj):
        image = getattr(obj, "cover", None) if obj is not None and obj.cover_id else None
        if image is None:
            return _("Chưa có ảnh đại diện.")
        url = image.rendition_url("jpeg", 480) if image.renditions else image.file.url
        return format_html('<img class="wf-thumb" src="{}" alt="{}">', url, obj.cover_alt or image.alt)

    @admin.display(description=_("Nội dung"))
    def body_as_readers_see_it(self, obj):
        """The body as the article page shows it (already sanitised when it was saved)."""
        from django.utils.safestring import mark_safe

        return format_html('<div class="wf-body">{}</div>', mark_safe(obj.body if obj else ""))

    def get_fieldsets(self, request, obj=None):
        """The cover's thumbnail beside its upload; a reader of the read-only page sees the
        body and the cover as readers do (not raw HTML, not an empty upload box)."""
        editable = obj is None or self.has_change_permission(request, obj)
        fieldsets = []
        for name, opts in self.fieldsets:
            fields = list(opts["fields"])
            if "cover_upload" in fields:
                fields = ["cover_preview", *fields] if editable else ["cover_preview", "cover_alt", "cover_caption"]
                if obj is None:
                    fields.remove("cover_preview")
            if not editable and "body" in fields:
                fields[fields.index("body")] = "body_as_readers_see_it"
            if not editable and "edit_version" in fields:
                fields.remove("edit_version")
            fieldsets.append((name, {**opts, "fields": tuple(fields)}))
        return fieldsets

    @admin.display(description=_("Lượt xem"), ordering="view_count")
    def views(self, obj):
        """The views the article page has counted (kept by the beacon, read here)."""
        from portal.core.templatetags.portal import vn_int

        return vn_int(obj.view_count)

    def save_model(self, request, obj, form, change):
        """A new cover is stored only once the save may go ahead: the form has passed the
        version check (``EditorialAdminForm.clean``, which holds the row locked until the
        save ends) and the user may still edit the item. Should the save fail all the
        same, the files written for it are removed: a refused save leaves no file."""
        upload = form.cleaned_data.get("cover_upload")
        if change and upload and not permissions.may_edit(request.user, obj):
            raise PermissionDenied(_("Bạn không được sửa mục này."))
        if not obj.slug:
            obj.slug = unique_slug(Article, obj.title, exclude_pk=obj.pk, max_length=280)
        stored = None
        if upload:
            obj.cover = stored = store_image(upload, user=request.user, alt=form.cleaned_data.get("cover_alt", ""))
        elif form.cleaned_data.get("remove_cover"):
            obj.cover = None
        try:
            super().save_model(request, obj, form, change)
        except BaseException:
            if stored is not None:
                delete_image_files(stored)
            raise
        if getattr(upload, "kept_name", None):
            from django.core.files.storage import default_storage

            default_storage.delete(upload.kept_name)  # held while the form had errors; now stored


class SlugFromTextForm(SlugFromTextMixin, forms.ModelForm):
    """The address may be typed in Vietnamese; it is made a slug (đ→d), not refused."""


@admin.register(Category)
class CategoryAdmin(RoleManagedAdmin):
    form = SlugFromTextForm
    list_display = ("name", "name_en", "slug", "order")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tag)
class TagAdmin(RoleManagedAdmin):
    # Reporters tag their articles; a missing tag is added from the article form.
    add_roles = frozenset(Role)
    form = SlugFromTextForm
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
