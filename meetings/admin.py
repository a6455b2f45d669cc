"""The Vietnamese admin of meetings: the meeting passes through the workflow
(``EditorialAdmin``) with its directives and documents inline; the public summary is
approved on its own."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.editorial import permissions as wf_permissions
from portal.editorial.admin import EditorialAdmin, RoleManagedAdmin
from portal.editorial.enums import Role

from . import services, views
from .deadlines import format_deadline, parse_deadline
from .files import document_kind
from .models import Attachment, Directive, Meeting, Person, ProgressUpdate, PublicSummary, ReminderLog, Unit


class WorkflowRoleAdmin(RoleManagedAdmin):
    """Reference data (units, people): any workflow role edits; administrators delete."""

    add_roles = change_roles = frozenset(Role)
    delete_roles = frozenset({Role.ADMIN})


@admin.register(Unit)
class UnitAdmin(WorkflowRoleAdmin):
    list_display = ("name", "short_name", "parent", "order")
    list_select_related = ("parent",)
    search_fields = ("name", "short_name")
    list_filter = ("parent",)


@admin.register(Person)
class PersonAdmin(WorkflowRoleAdmin):
    list_display = ("full_name", "title", "unit", "user")
    list_select_related = ("unit", "user")
    search_fields = ("full_name", "title", "unit__name")
    list_filter = ("unit",)
    raw_id_fields = ("user",)


class InlineForMeeting:
    """Inline rows follow the meeting's own edit permission."""

    def has_view_permission(self, request, obj=None):
        return wf_permissions.may_view_in_admin(request.user)

    def _may(self, request, obj):
        if obj is None:
            return wf_permissions.may_create(request.user)
        return wf_permissions.may_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj)


class DirectiveForm(forms.ModelForm):
    deadline_text = forms.CharField(
        label=_("Thời hạn"),
        max_length=40,
        help_text=_("Một ngày (20/02/2022) hoặc một tháng (trong tháng 02/2022 — tính đến hết ngày cuối tháng)."),
    )

    class Meta:
        model = Directive
        fields = (
            "number", "text", "giver", "lead_unit", "lead_person", "supporting_units", "deadline_text",
            "completed_on", "completion_evidence",
        )  # fmt: skip
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "cols": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.deadline:
            self.fields["deadline_text"].initial = format_deadline(self.instance.deadline, self.instance.deadline_kind)

    def clean_deadline_text(self):
        day, kind = parse_deadline(self.cleaned_data["deadline_text"])
        self.instance.deadline = day
        self.instance.deadline_kind = kind
        return self.cleaned_data["deadline_text"]


class DirectiveInline(InlineForMeeting, admin.StackedInline):
    model = Directive
    form = DirectiveForm
    extra = 0
    classes = ("directives",)
    autocomplete_fields = ("giver", "lead_unit", "lead_person", "supporting_units")
    verbose_name = _("nhiệm vụ (kết luận giao việc)")
    verbose_name_plural = _("Nhiệm vụ giao tại cuộc họp")
    readonly_fields = ("current_status",)

    @admin.display(description=_("Tình trạng hiện nay"))
    def current_status(self, obj):
        if obj is None or not obj.pk:
            return "—"
        url = reverse("meetings:directive", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.status_label())


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ("title", "file")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload
            document_kind(upload)
            self.instance.original_name = upload.name[:300]
            self.instance.size = upload.size
        return upload


class AttachmentInline(InlineForMeeting, admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    extra = 0
    verbose_name = _("tài liệu (biên bản PDF/DOCX, tối đa 20 MB)")
    verbose_name_plural = _("Tài liệu, biên bản")


class MeetingForm(EditorialAdmin.form):
    class Meta:
        model = Meeting
        fields = "__all__"

    def clean(self):
        cleaned = super().clean()
        fmt = cleaned.get("format")
        if fmt in ("truc-tuyen", "ket-hop") and not cleaned.get("bridge_points"):
            self.add_error("bridge_points", _("Hãy ghi số điểm cầu của cuộc họp trực tuyến hoặc kết hợp."))
        start, end = cleaned.get("start_at"), cleaned.get("end_at")
        if start and end and end <= start:
            self.add_error("end_at", _("Thời gian kết thúc phải sau thời gian bắt đầu."))
        return cleaned

    def clean_slug(self):
        from portal.core.text import vn_slugify

        slug = vn_slugify(self.cleaned_data.get("slug") or "", 280)
        if slug in {"nhiem-vu", "lich", "tai-lieu", "tien-do"}:
            raise ValidationError(_("Đường dẫn này đã dành cho trang khác; hãy chọn đường dẫn khác."))
        return slug


@admin.register(Meeting)
class MeetingAdmin(EditorialAdmin):
    form = MeetingForm
    preview_view = staticmethod(views.render_meeting)
    inlines = (DirectiveInline, AttachmentInline)
    list_display = ("title", "kind", "start_local", "state_badge", "is_internal", "summary_link")
    list_filter = EditorialAdmin.list_filter + ("kind", "format")
    list_select_related = ("created_by", "public_summary")
    search_fields = ("title", "summary", "conclusions")
    date_hierarchy = "start_at"
    autocomplete_fields = ("chair", "attendees", "attending_units")
    raw_id_fields = ("news_article",)
    readonly_fields = ("summary_link",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "start_at", "end_at", "place", "format", "bridge_points")}),
        (_("Thành phần"), {"fields": ("chair", "attendees", "attending_units")}),
        (_("Nội dung"), {"fields": ("agenda", "summary", "conclusions")}),
        (_("Liên kết"), {"fields": ("news_article", "stats_release")}),
        (_("Xuất bản"), {"fields": ("is_internal", "summary_link", "publish_at", "expire_at", "edit_version")}),
    )

    @admin.display(description=_("Thời gian"), ordering="start_at")
    def start_local(self, obj):
        from django.utils import timezone

        return timezone.localtime(obj.start_at).strftime("%d/%m/%Y %H:%M")

    @admin.display(description=_("Tóm tắt công khai"))
    def summary_link(self, obj):
        if obj is None or not obj.pk:
            return _("Lưu cuộc họp trước, sau đó soạn tóm tắt công khai.")
        try:
            summary = obj.public_summary
        except PublicSummary.DoesNotExist:
            url = reverse("admin:meetings_publicsummary_add") + f"?meeting={obj.pk}"
            return format_html('<a href="{}">{}</a>', url, _("Soạn tóm tắt công khai"))
        url = reverse("admin:meetings_publicsummary_change", args=[summary.pk])
        return format_html('<a href="{}">{} ({})</a>', url, summary.title, summary.state_label())

    def save_model(self, request, obj, form, change):
        services.fill_slug(meeting=obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # Directives and documents are not part of the meeting's revisions: they are kept
        # even when a change to a published meeting waits for the board.
        if getattr(form.instance, "_deferred", False):
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            return
        super().save_related(request, form, formsets, change)


@admin.register(PublicSummary)
class PublicSummaryAdmin(EditorialAdmin):
    preview_view = staticmethod(views.render_summary)
    list_display = ("title", "meeting", "state_badge", "created_by", "updated_at")
    list_select_related = ("meeting", "created_by")
    search_fields = ("title", "text", "meeting__title")
    autocomplete_fields = ("meeting",)
    fieldsets = (
        (None, {"fields": ("meeting", "title", "text")}),
        (_("Xuất bản"), {"fields": ("is_internal", "publish_at", "expire_at", "edit_version")}),
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return wf_permissions.may_view_in_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return wf_permissions.may_view_in_admin(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    """What the reminder command sent (one row per directive per day)."""

    list_display = ("day", "kind", "recipient", "directive", "sent_at")
    list_filter = ("kind", "day")
    list_select_related = ("directive",)
    readonly_fields = ("directive", "day", "kind", "recipient", "sent_at")


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdmin):
    """Read-only history; progress is posted from the tracker."""

    list_display = ("directive", "on", "author", "marks_done")
    list_select_related = ("directive", "author")
    fields = readonly_fields = ("directive", "on", "text", "attachment_link", "marks_done", "author", "created_at")

    @admin.display(description=_("tệp kèm theo"))
    def attachment_link(self, obj):
        if not obj.attachment:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("meetings:progress_file", args=[obj.pk]), _("Tải về"))
