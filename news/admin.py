from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from portal.core.forms import SlugFromTextMixin
from portal.core.images import delete_image_files, store_image
from portal.core.text import unique_slug
from portal.editorial import permissions
from portal.editorial.admin import EditorialAdmin, EditorialAdminForm, RoleManagedAdmin
from portal.editorial.enums import Role

from . import views
from .models import Article, Category, Tag


class ArticleForm(SlugFromTextMixin, EditorialAdminForm):
    cover_upload = forms.FileField(
        label=_("Tải ảnh đại diện"),
        required=False,
        help_text=_("JPEG, PNG hoặc WebP, tối đa 5 MB. Ảnh được nén lại và bỏ thông tin EXIF."),
    )
    remove_cover = forms.BooleanField(label=_("Bỏ ảnh đại diện"), required=False)

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

    def clean_cover_upload(self):
        upload = self.cleaned_data.get("cover_upload")
        if upload:
            from portal.core.images import read_image

            read_image(upload)  # raises a Vietnamese ValidationError for bad files
        return upload

    def clean(self):
        cleaned = super().clean()
        has_cover = (self.instance.cover_id and not cleaned.get("remove_cover")) or cleaned.get("cover_upload")
        if has_cover and not (cleaned.get("cover_alt") or "").strip():
            self.add_error("cover_alt", _("Hãy mô tả ảnh đại diện (văn bản thay thế) cho người khiếm thị."))
        return cleaned


@admin.register(Article)
class ArticleAdmin(EditorialAdmin):
    form = ArticleForm
    preview_view = staticmethod(views.render_article)
    list_display = ("title", "category", "language", "state_badge", "created_by", "updated_at")
    list_filter = EditorialAdmin.list_filter + ("category", "language")
    list_select_related = ("category", "created_by")
    search_fields = ("title", "lead")
    autocomplete_fields = ("tags", "translation")
    date_hierarchy = "publish_at"
    fieldsets = (
        (None, {"fields": ("title", "slug", "lead", "body")}),
        (_("Ảnh đại diện"), {"fields": ("cover_upload", "remove_cover", "cover_alt", "cover_caption")}),
        (
            _("Phân loại và nguồn"),
            {"fields": ("category", "tags", "byline", "source", "language", "translation", "featured")},
        ),
        (_("Xuất bản"), {"fields": ("is_internal", "publish_at", "expire_at", "edit_version")}),
    )

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
