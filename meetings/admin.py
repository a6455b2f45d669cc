"""The Vietnamese admin of meetings: the meeting passes through the workflow
(``EditorialAdmin``) with its directives and documents inline; the public summary is
approved on its own."""

from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.core.forms import SlugFromTextMixin
from portal.editorial import permissions as wf_permissions
from portal.editorial import services as wf_services
from portal.editorial.admin import EditorialAdmin, ReadOnlyAdmin, RoleManagedAdmin
from portal.editorial.enums import Role

from . import services, views
from .deadlines import input_text, parse_deadline
from .enums import DeadlineKind
from .files import content_type_of, document_kind
from .models import (
    Attachment,
    DeadlineExtension,
    DigestLog,
    Directive,
    DirectiveEvent,
    Meeting,
    Person,
    ProgressUpdate,
    PublicSummary,
    ReminderLog,
    Unit,
)
from .revisions import directive_entry, entry_deadline, number_entries


class PeopleAdmin(RoleManagedAdmin):
    """Units, people and the link of a person to an account decide who may report on a
    directive and what published records name: Văn phòng and administrators manage them
    (every change in the append-only ChangeLog, by ``RoleManagedAdmin``); every role reads."""

    view_roles = frozenset(Role)
    add_roles = change_roles = frozenset({Role.SECRETARIAT, Role.ADMIN})
    delete_roles = frozenset({Role.ADMIN})


@admin.register(Unit)
class UnitAdmin(PeopleAdmin):
    list_display = ("name", "short_name", "parent", "head", "order")
    list_select_related = ("parent", "head")
    autocomplete_fields = ("head",)
    search_fields = ("name", "short_name")
    list_filter = ("parent",)


@admin.register(Person)
class PersonAdmin(PeopleAdmin):
    list_display = ("full_name", "title", "unit", "user")
    list_select_related = ("unit", "user")
    search_fields = ("full_name", "title", "unit__name")
    list_filter = ("unit",)
    raw_id_fields = ("user",)


def _working_rows(obj, key: str) -> list[dict]:
    """A live meeting's directives or documents as its editors see them: the pending
    change's, else the rows' (cached on the object for the request)."""
    cache = getattr(obj, "_meeting_parts", None)
    if cache is None:
        cache = obj._meeting_parts = wf_services.working_parts(obj)
    return cache.get(key) or []


def _held(obj) -> bool:
    """Are changes to this meeting's inlines held for approval (the meeting is live)?"""
    return obj is not None and obj.pk is not None and obj.live


class InlineForMeeting:
    """Inline rows follow the meeting's own edit permission. On a live meeting the rows are
    not edited: the forms start from the pending change (else the rows) and what is posted
    goes into the pending revision (``MeetingAdmin.save_related``)."""

    part_key = ""

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

    def get_extra(self, request, obj=None, **kwargs):
        if _held(obj):
            return len(_working_rows(obj, self.part_key))
        return super().get_extra(request, obj, **kwargs)

    def get_min_num(self, request, obj=None, **kwargs):
        return 0 if _held(obj) else super().get_min_num(request, obj, **kwargs)

    def initial_of(self, entry: dict) -> dict:
        raise NotImplementedError


class HeldRowsFormSet(BaseInlineFormSet):
    """On a live meeting each form starts from one pending (or current) row: the form's
    instance is new, so show the row's follow-up (read-only fields) from the row itself."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        row_id = form.initial.get("row_id")
        if row_id and not form.instance.pk:
            row = self._rows().get(row_id)
            if row is not None:
                form.instance._row_pk = row.pk
                for name in ("completed_on", "completion_evidence", "last_progress_at", "deadline", "number"):
                    if hasattr(row, name):
                        setattr(form.instance, name, getattr(row, name))
        return form

    def _rows(self):
        if not hasattr(self, "_row_cache"):
            self._row_cache = self.model._default_manager.filter(**{self.fk.name: self.instance}).in_bulk()
        return self._row_cache


class DirectiveForm(forms.ModelForm):
    deadline_text = forms.CharField(
        label=_("Thời hạn"),
        max_length=40,
        help_text=_(
            "Một ngày (20/02/2022), một tháng (trong tháng 02/2022) hoặc một quý (quý II/2023) — tính đến hết "
            "ngày cuối; “thường xuyên” (báo cáo hằng tháng); “không thời hạn” (ghi lý do)."
        ),
    )
    # The directive this form changes, when the meeting is live (its change is held).
    row_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Directive
        # Completion is not typed here: the lead unit reports it through the tracker's
        # progress form (recorded with who and when). The admin shows it read-only.
        # The number is not typed either: items are numbered 1..n in the record's order.
        fields = (
            "text", "giver", "lead_unit", "lead_person", "supporting_units", "deadline_text", "no_deadline_reason",
            "row_id",
        )  # fmt: skip
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "cols": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deadline_text"].required = False
        if self.instance.pk:
            self.fields["deadline_text"].initial = input_text(self.instance.deadline, self.instance.deadline_kind)

    def clean_deadline_text(self):
        day, kind = parse_deadline(self.cleaned_data.get("deadline_text") or "")
        self.instance.deadline = day
        self.instance.deadline_kind = kind
        return self.cleaned_data["deadline_text"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.deadline_kind == DeadlineKind.NONE and not (cleaned.get("no_deadline_reason") or "").strip():
            self.add_error(
                "no_deadline_reason", _("Nhiệm vụ không có thời hạn: hãy ghi lý do (ví dụ: chờ văn bản của Chính phủ).")
            )
        return cleaned


class DirectiveFormSet(HeldRowsFormSet):
    """A new directive goes after the others; the meeting's directives are then numbered
    1..n (``MeetingAdmin.save_formset``)."""

    def save_new(self, form, commit=True):
        form.instance.number = 30000 + self.new_objects.__len__()
        return super().save_new(form, commit=commit)


class DirectiveInline(InlineForMeeting, admin.StackedInline):
    model = Directive
    form = DirectiveForm
    formset = DirectiveFormSet
    part_key = "directives"
    extra = 0
    classes = ("directives",)
    autocomplete_fields = ("giver", "lead_unit", "lead_person", "supporting_units")
    verbose_name = _("nhiệm vụ (kết luận giao việc)")
    verbose_name_plural = _("Nhiệm vụ giao tại cuộc họp")
    readonly_fields = ("item_number", "current_status", "completed_on", "completion_evidence")

    @admin.display(description=_("Mục"))
    def item_number(self, obj):
        pk = (obj.pk or getattr(obj, "_row_pk", None)) if obj is not None else None
        return obj.number if pk else _("(đánh số khi lưu)")

    @admin.display(description=_("Tình trạng hiện nay"))
    def current_status(self, obj):
        pk = (obj.pk or getattr(obj, "_row_pk", None)) if obj is not None else None
        if not pk:
            return "—"
        url = reverse("meetings:directive", args=[pk])
        return format_html('<a href="{}">{}</a>', url, obj.status_label())

    def initial_of(self, entry: dict) -> dict:
        return {
            "row_id": entry.get("id"),
            "text": entry["text"],
            "giver": entry.get("giver"),
            "lead_unit": entry["lead_unit"],
            "lead_person": entry.get("lead_person"),
            "supporting_units": list(entry.get("supporting_units") or []),
            "deadline_text": input_text(entry_deadline(entry), entry["deadline_kind"]),
            "no_deadline_reason": entry.get("no_deadline_reason") or "",
        }


class _StoredDocument:
    """What the file widget shows of a stored document: its original name, linked to the
    admin's permission-checked download (private documents have no public URL)."""

    def __init__(self, *, label: str, url: str):
        self.label, self.url = label, url

    def __str__(self) -> str:
        return self.label


class PrivateDocumentInput(forms.ClearableFileInput):
    """The file input of a meeting document. Django's widget links to ``file.url``, which
    the private storage refuses (the change page of any meeting with a document answered
    500)."""

    owner = None  # the form, set by ``AttachmentForm``

    def is_initial(self, value):
        return bool(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            stored = getattr(value, "name", value)
            form = self.owner
            label = ""
            meeting_id = None
            if form is not None:
                label = form.initial.get("original_name") or getattr(form.instance, "original_name", "")
                meeting_id = form.instance.meeting_id
            label = label or stored.rsplit("/", 1)[-1]
            url = ""
            if meeting_id:
                url = reverse("admin:meetings_meeting_document", args=[meeting_id]) + "?" + urlencode({"tep": stored})
            context["widget"]["value"] = _StoredDocument(label=label, url=url)
        return context


class AttachmentForm(forms.ModelForm):
    row_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Attachment
        fields = ("title", "file", "row_id")
        widgets = {"file": PrivateDocumentInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.owner = self

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload
            kind = document_kind(upload)
            # Kept and served under the type its content is, never the uploader's extension.
            stem = upload.name.rsplit(".", 1)[0] if "." in upload.name else upload.name
            upload.shown_name = f"{stem[:290]}.{kind}"
            upload.name = f"tai-lieu.{kind}"
            self.instance.original_name = upload.shown_name
            self.instance.size = upload.size
        return upload


class AttachmentInline(InlineForMeeting, admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    formset = HeldRowsFormSet
    part_key = "attachments"
    extra = 0
    verbose_name = _("tài liệu (biên bản PDF/DOCX, tối đa 20 MB)")
    verbose_name_plural = _("Tài liệu, biên bản")

    def initial_of(self, entry: dict) -> dict:
        return {
            "row_id": entry.get("id"),
            "title": entry["title"],
            "file": entry["file"],
            "original_name": entry.get("original_name") or "",
        }


def _store_upload(upload) -> str:
    """Keep a document of a pending change in the private storage, with no row (so no
    address anyone could open) until the change is approved."""
    field = Attachment._meta.get_field("file")
    return field.storage.save(field.generate_filename(None, upload.name), upload)


class MeetingForm(SlugFromTextMixin, EditorialAdmin.form):
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
        slug = self.cleaned_data.get("slug") or ""
        if slug and services.slug_taken(slug, meeting_pk=self.instance.pk):
            raise ValidationError(_("Đường dẫn này đã dành cho trang khác; hãy chọn đường dẫn khác."))
        return slug


class PublicSummaryForm(SlugFromTextMixin, EditorialAdmin.form):
    class Meta:
        model = PublicSummary
        fields = "__all__"

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        if slug and services.slug_taken(slug, summary_pk=self.instance.pk or 0):
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
    autocomplete_fields = ("chair", "attendees", "attending_units", "notice_signer")
    raw_id_fields = ("news_article",)
    readonly_fields = ("summary_link",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "start_at", "end_at", "place", "format", "bridge_points")}),
        (_("Thành phần"), {"fields": ("chair", "attendees", "attending_units")}),
        (_("Nội dung"), {"fields": ("agenda", "summary", "conclusions")}),
        (_("Thông báo kết luận"), {"fields": ("notice_number", "notice_date", "notice_signer", "notice_recipients")}),
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

    # -- a live meeting: the change, with its directives and documents, waits for the board --

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if _held(obj) and isinstance(inline, InlineForMeeting):
            kwargs["queryset"] = inline.model._default_manager.none()
            kwargs["initial"] = [inline.initial_of(e) for e in _working_rows(obj, inline.part_key)]
        return kwargs

    def save_model(self, request, obj, form, change):
        services.fill_slug(meeting=obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Directive:
            services.renumber_directives(meeting=form.instance)

    def deferred_parts(self, request, obj, formsets) -> dict:
        """Each part as the form started from it, unless its formset says otherwise."""
        parts = {key: _working_rows(obj, key) for key in ("directives", "attachments")}
        for formset in formsets:
            if formset.model is Directive:
                parts["directives"] = number_entries(self._held_directives(obj, formset))
            elif formset.model is Attachment:
                parts["attachments"] = self._held_attachments(obj, formset)
        return parts

    @staticmethod
    def _row_id(form, model, meeting) -> int | None:
        """The row a held form changes: its hidden ``row_id`` (or the inline's own ``id``),
        only if that row belongs to this meeting."""
        cleaned = form.cleaned_data
        row_id = cleaned.get("row_id")
        if row_id is None and cleaned.get("id") is not None:
            row_id = cleaned["id"].pk
        if row_id and model._default_manager.filter(pk=row_id, meeting=meeting).exists():
            return row_id
        return None

    @staticmethod
    def _held_forms(formset, rows: list[dict]):
        """(form, row) for each form kept; an unchanged form stands for the row it started
        from (the forms start from ``rows`` in order), a blank extra form for nothing."""
        deleted = set(map(id, formset.deleted_forms))
        for index, form in enumerate(formset.forms):
            if id(form) in deleted:
                continue
            if not form.has_changed():
                if index < len(rows):
                    yield form, rows[index]
                continue
            yield form, None

    def _held_directives(self, meeting, formset) -> list[dict]:
        out = []
        for form, row in self._held_forms(formset, _working_rows(meeting, "directives")):
            if row is not None:
                out.append(row)
                continue
            c = form.cleaned_data
            out.append(
                directive_entry(
                    id=self._row_id(form, Directive, meeting),
                    number=0,  # numbered with the others (``number_entries``)
                    text=c["text"],
                    giver=c["giver"].pk if c.get("giver") else None,
                    lead_unit=c["lead_unit"].pk,
                    lead_person=c["lead_person"].pk if c.get("lead_person") else None,
                    supporting_units=[u.pk for u in c.get("supporting_units") or []],
                    deadline=form.instance.deadline,
                    deadline_kind=form.instance.deadline_kind,
                    no_deadline_reason=(c.get("no_deadline_reason") or "").strip(),
                )
            )
        return out

    def _held_attachments(self, meeting, formset) -> list[dict]:
        rows = _working_rows(meeting, "attachments")
        by_file = {e["file"]: e for e in rows}
        out = []
        for form, row in self._held_forms(formset, rows):
            if row is not None:
                out.append(row)
                continue
            c = form.cleaned_data
            upload = c.get("file")
            if upload is not None and hasattr(upload, "content_type"):
                shown = getattr(upload, "shown_name", upload.name)[:300]
                entry = {"file": _store_upload(upload), "original_name": shown, "size": upload.size}
            else:
                # The stored file comes from the form's initial value (never from the post).
                previous = by_file.get(getattr(upload, "name", upload) or "")
                if previous is None:
                    continue
                entry = {k: previous[k] for k in ("file", "original_name", "size")}
            out.append({"id": self._row_id(form, Attachment, meeting), "title": c.get("title") or "", **entry})
        return out

    # -- documents in the admin -----------------------------------------------------------

    def get_urls(self):
        extra = [
            path(
                "<int:pk>/tai-lieu/",
                self.admin_site.admin_view(self.document_view),
                name="meetings_meeting_document",
            )
        ]
        return extra + super().get_urls()

    def document_view(self, request, pk):
        """A document of the meeting, current or in one of its revisions (a pending change's
        documents have no row yet), for those who may read meetings in the admin."""
        meeting = get_object_or_404(Meeting, pk=pk)
        if not self.has_view_permission(request, meeting):
            raise PermissionDenied
        name = request.GET.get("tep", "")
        known = Attachment.objects.filter(meeting=meeting, file=name).exists() or any(
            any(e.get("file") == name for e in (data or {}).get("attachments") or [])
            for data in wf_services.revisions_of(meeting).values_list("data", flat=True)
        )
        if not name or not known:
            raise Http404(_("Không tìm thấy tài liệu."))
        storage = Attachment._meta.get_field("file").storage
        if not storage.exists(name):
            raise Http404(_("Không tìm thấy tài liệu."))
        entry = Attachment.objects.filter(meeting=meeting, file=name).first()
        filename = (entry.original_name if entry else "") or name.rsplit("/", 1)[-1]
        response = FileResponse(
            storage.open(name, "rb"), as_attachment=True, filename=filename, content_type=content_type_of(name)
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response


@admin.register(PublicSummary)
class PublicSummaryAdmin(EditorialAdmin):
    form = PublicSummaryForm
    preview_view = staticmethod(views.render_summary)
    list_display = ("title", "meeting", "state_badge", "created_by_name", "updated_at")
    list_select_related = ("meeting", "created_by")
    search_fields = ("title", "text", "meeting__title")
    autocomplete_fields = ("meeting",)
    fieldsets = (
        (None, {"fields": ("meeting", "title", "slug", "text")}),
        (_("Xuất bản"), {"fields": ("is_internal", "publish_at", "expire_at", "edit_version")}),
    )


@admin.register(ReminderLog)
class ReminderLogAdmin(ReadOnlyAdmin):
    """What the reminder command sent (one row per directive per day)."""

    list_display = ("day", "kind", "recipient", "directive", "sent_at")
    list_filter = ("kind", "day")
    list_select_related = ("directive",)
    readonly_fields = ("directive", "day", "kind", "recipient", "sent_at")


@admin.register(DigestLog)
class DigestLogAdmin(ReadOnlyAdmin):
    """What the reminder command sent: one digest per unit, one mail to Văn phòng, a day."""

    list_display = ("day", "kind", "unit", "recipients", "directives", "sent_at")
    list_filter = ("kind", "day")
    list_select_related = ("unit",)
    readonly_fields = ("day", "key", "kind", "unit", "recipients", "directives", "sent_at")


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(ReadOnlyAdmin):
    """Extension requests and Văn phòng's decisions (made on the directive's page)."""

    list_display = ("directive", "previous_deadline", "requested_deadline", "state", "requested_by", "decided_by")
    list_filter = ("state",)
    list_select_related = ("directive", "requested_by", "decided_by")
    readonly_fields = (
        "directive", "previous_deadline", "requested_deadline", "reason", "requested_by", "requested_at", "state",
        "decided_by", "decided_at", "decision_note",
    )  # fmt: skip


@admin.register(DirectiveEvent)
class DirectiveEventAdmin(ReadOnlyAdmin):
    """The follow-up history of directives (reports, verifications, returns, extensions)."""

    list_display = ("directive", "kind", "user", "at")
    list_filter = ("kind",)
    list_select_related = ("directive", "user")
    readonly_fields = ("directive", "kind", "user", "at", "note")


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
