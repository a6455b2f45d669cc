"""The admin built on top of the workflow: every content admin subclasses
``EditorialAdmin``. Permissions come from ``permissions.py``; writes from ``services.py``."""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Max, Min
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.text import person_name, vietnamese_sort_key

from . import permissions, registry, services
from .enums import Action, ChangeKind, Role, State
from .models import ChangeLog, PreviewLog, Revision, TransitionLog
from .workflow import TRANSITIONS

TZ_NOTE = gettext_lazy("Mọi thời điểm được nhập và hiển thị theo giờ Việt Nam (UTC+7).")
DATETIME_PLACEHOLDER = gettext_lazy("dd/mm/yyyy HH:MM")


class VietnamDateTimeInput(forms.DateTimeInput):
    """One box for a moment, written as Vietnamese write it ("01/02/2023 15:00", Vietnam
    time), instead of the admin's separate date and time boxes. A post from the split
    boxes (``name_0``, ``name_1``) is still read."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"placeholder": DATETIME_PLACEHOLDER, "size": 18, "autocomplete": "off", **(attrs or {})},
            format="%d/%m/%Y %H:%M",
        )

    def value_from_datadict(self, data, files, name):
        if name in data:
            return data.get(name)
        if f"{name}_0" in data or f"{name}_1" in data:
            return " ".join(p for p in (data.get(f"{name}_0", ""), data.get(f"{name}_1", "")) if p).strip()
        return None

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_0" not in data and f"{name}_1" not in data


# The workflow's own times, edited in one box each.
ONE_BOX_TIMES = ("publish_at", "expire_at")


def parse_moment(raw: str):
    """A posted moment ("01/02/2023 15:00", or ISO as a datetime-local box sends it) as an
    aware datetime in Vietnam time; ``ValidationError`` when it is no moment."""
    value = forms.DateTimeField().clean(raw)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


class EditorialAdminForm(forms.ModelForm):
    """Carries the version the editor started from, to refuse a save over someone
    else's newer one (the refused text is kept as a revision)."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    MISSING_VERSION = gettext_lazy(
        "Biểu mẫu không cho biết bạn đang sửa phiên bản nào, nên không được lưu (có thể trang đã cũ hoặc "
        "biểu mẫu bị sửa). Hãy mở lại trang và sửa lại."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            self.fields["edit_version"].initial = instance.version
            for name, ids in (getattr(instance, "_working_m2m", None) or {}).items():
                if name in self.fields:
                    self.initial[name] = ids

    def clean(self):
        cleaned = super().clean()
        publish_at, expire_at = cleaned.get("publish_at"), cleaned.get("expire_at")
        if publish_at and expire_at and expire_at <= publish_at:
            self.add_error("expire_at", _("Thời điểm hết hạn phải sau thời điểm xuất bản."))
        if self.instance.pk and cleaned.get("edit_version") is None:
            # Never "no check": a post without the version it started from is refused.
            raise ValidationError(self.MISSING_VERSION)
        if self.instance.pk and not self.errors and not getattr(self, "probe", False):
            data = {}
            for field in type(self.instance).revision_fields():
                if field.name not in cleaned:
                    continue
                value = cleaned[field.name]
                if field.many_to_many:
                    data[field.name] = sorted(o.pk for o in value)
                elif field.is_relation:
                    data[field.attname] = value.pk if value else None
                else:
                    data[field.attname] = getattr(value, "name", value) if value is not None else None
            try:
                services.check_version(
                    item=self.instance,
                    expected_version=cleaned.get("edit_version"),
                    user=self._request_user,
                    data=data,
                )
            except services.EditConflict as exc:
                raise ValidationError(exc.messages) from exc
        return cleaned


class WorkflowActionForm(admin.helpers.ActionForm):
    """The change list's action bar, with the one reason a bulk return or withdrawal needs."""

    comment = forms.CharField(
        label=gettext_lazy("Lý do (khi trả lại, gỡ xuống)"),
        required=False,
        widget=forms.TextInput(attrs={"size": 40}),
    )


def _bulk(action: Action, description):
    def run(modeladmin, request, queryset):
        return modeladmin.bulk_transition(request, queryset, action)

    run.__name__ = f"bulk_{action.value}"
    run.short_description = description
    return run


class PersonFilter(admin.RelatedFieldListFilter):
    """A filter by person (the author, the person who acted) listing names as Vietnamese
    write them, family name first and in that order ("Nguyễn Minh Thùy"), not user names."""

    def field_choices(self, field, request, model_admin):
        people = field.related_model._default_manager.only("first_name", "last_name", "username")
        return sorted(((u.pk, person_name(u)) for u in people), key=lambda choice: vietnamese_sort_key(choice[1]))


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of person labelled with the name, family name first, not the user name."""

    def label_from_instance(self, obj):
        return person_name(obj)


class PeopleByName:
    """For an admin: every choice of a user (author, pre-release reader, linked account)
    lists names as Vietnamese write them, sorted by family name."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from django.contrib.auth import get_user_model

        if db_field.related_model is get_user_model():
            kwargs.setdefault("form_class", PersonChoiceField)
            people = kwargs.get("queryset", db_field.related_model._default_manager.all())
            kwargs["queryset"] = people.order_by("last_name", "first_name", "username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class StateFilter(admin.SimpleListFilter):
    title = gettext_lazy("trạng thái")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(state=self.value())
        return queryset


class PublishYearFilter(admin.SimpleListFilter):
    """The year of the publish time (Vietnam time), years from the first to the last item."""

    title = gettext_lazy("năm xuất bản")
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        bounds = model_admin.model._default_manager.aggregate(first=Min("publish_at"), last=Max("publish_at"))
        if not bounds["first"]:
            return []
        first, last = (timezone.localtime(bounds[k]).year for k in ("first", "last"))
        return [(str(y), str(y)) for y in range(last, first - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        if not (value and value.isdigit() and 1900 < int(value) < 3000):
            return queryset
        tz = timezone.get_current_timezone()
        start = dt.datetime(int(value), 1, 1, tzinfo=tz)
        return queryset.filter(publish_at__gte=start, publish_at__lt=start.replace(year=start.year + 1))


class EditorialAdmin(PeopleByName, admin.ModelAdmin):
    form = EditorialAdminForm
    change_form_template = "admin/editorial/change_form.html"
    list_display_workflow = ("state_badge", "created_by_name", "updated_at")
    list_filter = (StateFilter, "is_internal", ("created_by", PersonFilter))
    readonly_fields = ()
    action_form = WorkflowActionForm
    actions = (
        _bulk(Action.SUBMIT, gettext_lazy("Gửi duyệt các mục đã chọn")),
        _bulk(Action.RETURN, gettext_lazy("Trả lại các mục đã chọn (một lý do)")),
        _bulk(Action.PUBLISH, gettext_lazy("Duyệt và xuất bản các mục đã chọn")),
        _bulk(Action.WITHDRAW, gettext_lazy("Gỡ xuống các mục đã chọn (một lý do)")),
    )
    # The public view that renders an item, used for previews: ``view(request, item)``.
    preview_view = None

    # -- permissions: the workflow decides, not Django's model permissions ----------
    def has_module_permission(self, request):
        return permissions.may_view_content_in_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.may_view_content_in_admin(request.user)

    def has_add_permission(self, request):
        return permissions.may_create(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.may_view_content_in_admin(request.user)
        return permissions.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return permissions.may_delete(request.user, obj)

    def get_view_on_site_url(self, obj=None):
        """ "Xem trên trang web" only for what readers can see now (a draft's address is 404)."""
        if obj is None or not permissions.is_live_at(obj):
            return None
        return super().get_view_on_site_url(obj)

    # -- list ------------------------------------------------------------------------
    def get_queryset(self, request):
        # A select_related here makes the change list skip ``list_select_related``: merge them.
        related = {"created_by"}
        if isinstance(self.list_select_related, (list, tuple)):
            related.update(self.list_select_related)
        return super().get_queryset(request).select_related(*sorted(related))

    @admin.display(description=gettext_lazy("người tạo"), ordering="created_by__last_name")
    def created_by_name(self, obj):
        return person_name(obj.created_by)

    @admin.display(description=gettext_lazy("Trạng thái"), ordering="state")
    def state_badge(self, obj):
        # The version the list shows rides with a bulk action (an approval pins what was seen).
        return format_html(
            '<span class="wf-state wf-{}">{}</span><input type="hidden" name="wf_v_{}" value="{}">',
            obj.state,
            obj.state_label(),
            obj.pk,
            obj.version,
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not permissions.may_view_content_in_admin(request.user):
            return {}
        return actions

    def bulk_transition(self, request, queryset, action: Action):
        """One action on many items, each through ``services.transition`` with the version
        the list showed: a message per item, naming those refused and why."""
        comment = request.POST.get("comment", "")
        done, refused = [], []
        for obj in queryset.order_by("pk"):
            try:
                services.transition(
                    item=obj,
                    action=action,
                    user=request.user,
                    comment=comment,
                    expected_version=int_or_none(request.POST.get(f"wf_v_{obj.pk}")),
                    require_version=True,
                )
            except (permissions.TransitionNotAllowed, ValidationError) as exc:
                reason = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                refused.append((obj, reason))
            else:
                done.append(obj)
        if done:
            messages.success(
                request,
                _("Đã “%(action)s” %(n)s mục: %(items)s.")
                % {"action": action.label, "n": len(done), "items": "; ".join(f"“{o}”" for o in done)},
            )
        for obj, reason in refused:
            messages.error(
                request,
                _("Không “%(action)s” được “%(item)s”: %(reason)s")
                % {"action": action.label, "item": obj, "reason": reason},
            )
        return None

    # -- form --------------------------------------------------------------------------
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in ONE_BOX_TIMES:
            kwargs["widget"] = VietnamDateTimeInput
            field = db_field.formfield(**kwargs)
            field.help_text = "{} {}".format(_("Nhập dạng dd/mm/yyyy HH:MM."), db_field.help_text)
            return field
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form._request_user = request.user
        return form

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "GET":
            obj, m2m = services.working_copy(obj)
            obj._working_m2m = m2m
        return obj

    def save_model(self, request, obj, form, change):
        if not change:
            services.save_new(item=obj, user=request.user)
            obj._deferred = False
            return
        try:
            obj._deferred = services.save_existing(item=obj, user=request.user)
        except permissions.TransitionNotAllowed as exc:
            raise PermissionDenied(str(exc)) from exc

    def save_related(self, request, form, formsets, change):
        """Keep the save as a revision. A change to a live item touches no row: its fields,
        many-to-many and parts (``deferred_parts``, from the inline formsets) are one
        revision awaiting approval."""
        obj = form.instance
        if not getattr(obj, "_deferred", False):
            super().save_related(request, form, formsets, change)
            services.record_revision(item=obj, user=request.user)
            return
        m2m = {
            f.name: [o.pk for o in form.cleaned_data.get(f.name, [])]
            for f in type(obj).revision_fields()
            if f.many_to_many and f.name in form.cleaned_data
        }
        parts = self.deferred_parts(request, obj, formsets)
        for formset in formsets:  # nothing saved to rows (the change message reads these)
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        services.record_deferred_change(item=obj, user=request.user, m2m=m2m, parts=parts)

    def deferred_parts(self, request, obj, formsets) -> dict:
        """The registered parts of a change to a live item, from its inline formsets; a part
        left out stays as the pending change (else the rows) has it."""
        return {}

    def response_change(self, request, obj):
        if getattr(obj, "_deferred", False):
            messages.info(
                request,
                _(
                    "Thay đổi đã được lưu thành bản chờ duyệt. Bạn đọc vẫn thấy bản đã "
                    "xuất bản cho đến khi Ban Biên tập duyệt thay đổi."
                ),
            )
        return super().response_change(request, obj)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {"wf_tz_note": TZ_NOTE, **(extra_context or {})}
        return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context.update(self.workflow_context(request, obj))
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_context(self, request, obj):
        actions = permissions.allowed_actions(user=request.user, item=obj)
        # A correction of a live item: its edits are saved first (a change awaiting approval,
        # the item a draft again), then submitted, in one press.
        correction = (
            obj.state == State.PUBLISHED
            and obj.live
            and permissions.may_edit(request.user, obj)
            and bool(permissions.user_roles(request.user) & TRANSITIONS[Action.SUBMIT].roles)
        )
        if correction:
            actions = [Action.SUBMIT, *actions]
        info = self.opts.app_label, self.opts.model_name
        history = list(services.history_of(obj))
        last = history[-1] if history else None
        return {
            "wf_item": obj,
            "wf_actions": [
                {
                    "action": a,
                    "label": _("Gửi duyệt bản đính chính") if correction and a == Action.SUBMIT else a.label,
                    "requires_comment": TRANSITIONS[a].requires_comment,
                    "schedulable": TRANSITIONS[a].schedulable,
                    "url": reverse(f"admin:{info[0]}_{info[1]}_transition", args=[obj.pk, a.value]),
                }
                for a in actions
            ],
            "wf_correction": correction,
            "wf_reason_actions": [a.label for a in actions if TRANSITIONS[a].requires_comment],
            "wf_schedulable": any(TRANSITIONS[a].schedulable for a in actions),
            "wf_return": last if last and obj.state == State.RETURNED and last.to_state == State.RETURNED else None,
            "wf_last": last,
            "wf_holder": services.holder_of(obj),
            "wf_version": obj.version,
            "wf_revision": services.latest_revision_number(obj),
            "wf_history": history,
            "wf_revisions": services.revisions_of(obj).select_related("created_by")[:50],
            "wf_compare_url": reverse(f"admin:{info[0]}_{info[1]}_compare", args=[obj.pk]),
            "wf_preview_url": reverse(f"admin:{info[0]}_{info[1]}_preview", args=[obj.pk]),
            "wf_tz_note": TZ_NOTE,
            "wf_notes": services.notes_of(obj),
            "wf_note_url": reverse(f"admin:{info[0]}_{info[1]}_note", args=[obj.pk]),
            "wf_assign_url": reverse(f"admin:{info[0]}_{info[1]}_assign", args=[obj.pk]),
            "wf_people": _people() if permissions.may_assign(request.user) else [],
        }

    # -- extra views -------------------------------------------------------------------
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/quy-trinh/<str:action>/",
                wrap(self.transition_view),
                name="{}_{}_transition".format(*info),
            ),
            path("<int:pk>/so-sanh/", wrap(self.compare_view), name="{}_{}_compare".format(*info)),
            path("<int:pk>/giao-viec/", wrap(self.assign_view), name="{}_{}_assign".format(*info)),
            path("<int:pk>/trao-doi/", wrap(self.note_view), name="{}_{}_note".format(*info)),
            path(
                "<int:pk>/khoi-phuc/<int:number>/",
                wrap(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            path("<int:pk>/xem-truoc/", wrap(self.preview_view_admin), name="{}_{}_preview".format(*info)),
        ] + super().get_urls()

    def transition_view(self, request, pk, action):
        """Apply a workflow action. The action's buttons belong to the change form: when
        the form carries unsaved edits they are saved first (as a revision, through the
        usual checks) and the action applies to that new version; otherwise it applies
        to the version the page showed, or to nothing if the item changed since."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = get_object_or_404(self.model, pk=pk)
        if action not in Action.values:
            raise PermissionDenied(_("Thao tác không tồn tại."))
        try:
            publish_at = self._posted_publish_at(request, obj, action)
        except ValidationError:
            messages.error(request, _("Thời điểm xuất bản không hợp lệ."))
            return HttpResponseRedirect(self._change_url(obj))
        comment = request.POST.get(f"wf_comment_{action}") or request.POST.get("comment", "")
        expected_version = int_or_none(request.POST.get("version"))
        shown_revision = int_or_none(request.POST.get("revision"))
        saved_note = None
        if "edit_version" in request.POST and self.has_change_permission(request, obj):
            # The publish time of an approval is the action's, not an edit of the content.
            carried = {"publish_at"} if TRANSITIONS[Action(action)].schedulable else set()
            if self._has_posted_edits(request, obj, ignore=carried):
                response = self.changeform_view(request, str(obj.pk))
                saved = type(obj).objects.get(pk=obj.pk)
                if response.status_code != 302 or saved.version == obj.version:
                    messages.warning(
                        request,
                        _("“%(action)s” chưa được thực hiện: hãy xem lại biểu mẫu rồi bấm lại.")
                        % {"action": Action(action).label},
                    )
                    return response
                obj = saved
                expected_version, shown_revision = obj.version, services.latest_revision_number(obj)
                saved_note = _("Phần sửa của bạn đã được lưu thành phiên bản #%(number)s.") % {"number": shown_revision}
        try:
            services.transition(
                item=obj,
                action=action,
                user=request.user,
                comment=comment,
                publish_at=publish_at,
                expected_version=expected_version,
                shown_revision=shown_revision,
                require_version=True,
            )
        except services.StaleVersion as exc:
            return self.refusal(request, obj, str(exc), status=409, shown=exc.shown, current=exc.current)
        except permissions.TransitionNotAllowed as exc:
            return self.refusal(request, obj, str(exc), note=saved_note)
        except ValidationError as exc:
            if saved_note:
                messages.info(request, saved_note)
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(self._change_url(obj))
        messages.success(
            request,
            _("Đã thực hiện “%(action)s”. Trạng thái: %(state)s.")
            % {"action": Action(action).label, "state": obj.state_label()},
        )
        return HttpResponseRedirect(self._change_url(obj))

    def _posted_publish_at(self, request, obj, action):
        """The publish time an action carries: a box of its own (``wf_publish_at_<action>``,
        ``publish_at`` from a script), else the change form's one publish-time box when it
        was changed from what the page showed. ``ValidationError`` for no moment."""
        rule = TRANSITIONS.get(Action(action)) if action in Action.values else None
        if rule is None or not rule.schedulable:
            return None
        if "edit_version" in request.POST:
            raw = VietnamDateTimeInput().value_from_datadict(request.POST, request.FILES, "publish_at")
            raw = (raw or "").strip()
            if not raw:
                return None
            value = parse_moment(raw)
            shown = services.working_copy(type(obj).objects.get(pk=obj.pk))[0].publish_at
            if shown is not None and value.replace(second=0, microsecond=0) == timezone.localtime(shown).replace(
                second=0, microsecond=0
            ):
                return None  # the time the page showed: planned, or the live item's own
            return value
        raw = (request.POST.get(f"wf_publish_at_{action}") or request.POST.get("publish_at") or "").strip()
        return parse_moment(raw) if raw else None

    def _has_posted_edits(self, request, obj, ignore=frozenset()) -> bool:
        """Does the posted change form differ from what the page showed (its revision)?
        Compared as revision data after cleaning, so a rich-text editor's re-serialising
        of an unchanged text is no edit; an invalid form counts as edits (to show errors)."""
        shown = services.content_of_revision(item=obj, number=int_or_none(request.POST.get("revision")))
        working, m2m = services.working_copy(type(obj).objects.get(pk=obj.pk))
        working._working_m2m = m2m
        form = self.get_form(request, working, change=True)(request.POST, request.FILES, instance=working)
        form.probe = True  # only looking: the version check (and its kept revision) runs when saving
        if not form.is_valid():
            return True
        model_fields = {f.name for f in type(obj)._meta.get_fields()}
        if any(n not in model_fields and n != "edit_version" and form.cleaned_data.get(n) for n in form.changed_data):
            return True  # a field outside the model, such as a new cover upload
        after_m2m = {
            f.name: [o.pk for o in form.cleaned_data[f.name]]
            for f in type(obj).revision_fields()
            if f.many_to_many and f.name in form.cleaned_data
        }
        posted = services.serialize(item=form.instance, m2m={**(m2m or {}), **after_m2m})
        if any(posted.get(key) != value for key, value in shown.items() if key not in ignore):
            return True
        formsets, _inlines = self._create_formsets(request, working, change=True)
        return any(fs.has_changed() for fs in formsets)

    def refusal(self, request, obj, reason: str, *, status: int = 403, shown=None, current=None, note=None):
        """The refused action's reason, in the admin, with links back (and, when the item
        changed since it was shown, to the comparison of the two versions)."""
        info = self.opts.app_label, self.opts.model_name
        compare_url = None
        if shown and current and shown != current:
            compare_url = reverse(f"admin:{info[0]}_{info[1]}_compare", args=[obj.pk]) + f"?a={shown}&b={current}"
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": _("Thao tác không được thực hiện"),
            "reason": reason,
            "note": note,
            "compare_url": compare_url,
            "change_url": self._change_url(obj),
        }
        return TemplateResponse(request, "admin/editorial/refused.html", context, status=status)

    def _change_url(self, obj):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def compare_view(self, request, pk):
        obj = get_object_or_404(self.model, pk=pk)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        revisions = services.revisions_of(obj)
        try:
            a = revisions.get(number=int(request.GET.get("a", "0")))
            b = revisions.get(number=int(request.GET.get("b", "0")))
        except (ValueError, Revision.DoesNotExist):
            messages.error(request, _("Hãy chọn hai phiên bản để so sánh."))
            return HttpResponseRedirect(self._change_url(obj))
        if a.number > b.number:
            a, b = b, a
        rows = []
        for field in self._fields_in_form_order(request, obj):
            key = field.name if field.many_to_many else field.attname
            left, right = a.data.get(key), b.data.get(key)
            images: list[tuple[str, str]] = []
            left_html, right_html = diff_html(
                _as_text(_display(field, left), images), _as_text(_display(field, right), images)
            )
            rows.append(
                {
                    "label": field.verbose_name,
                    "changed": left != right,
                    "left": _with_images(left_html, images) if not _is_image_field(field) else _thumb(field, left),
                    "right": _with_images(right_html, images) if not _is_image_field(field) else _thumb(field, right),
                }
            )
        for part in registry.parts_of(self.model):
            left_rows = part.display(a.data[part.key]) if part.key in a.data else {}
            right_rows = part.display(b.data[part.key]) if part.key in b.data else {}
            for label in list(dict.fromkeys([*left_rows, *right_rows])):
                left, right = left_rows.get(label, ""), right_rows.get(label, "")
                left_html, right_html = diff_html(left, right)
                rows.append(
                    {
                        "label": f"{part.label}: {label}",
                        "changed": left != right,
                        "left": left_html,
                        "right": right_html,
                    }
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": _("So sánh phiên bản #%(a)s và #%(b)s") % {"a": a.number, "b": b.number},
            "a": a,
            "b": b,
            "rows": rows,
            "change_url": self._change_url(obj),
            "restorable": [a, b] if self.has_change_permission(request, obj) else [],
            "restore_base": reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_restore", args=[obj.pk, 0]
            ).rsplit("/0/", 1)[0],
            "wf_version": obj.version,
            "current_number": services.latest_revision_number(obj),
        }
        return TemplateResponse(request, "admin/editorial/compare.html", context)

    def _fields_in_form_order(self, request, obj):
        """The revision fields in the order the change form shows them (a field the form
        edits through another box, such as a cover through its upload, where that box is)."""
        names = [n for _name, opts in self.get_fieldsets(request, obj) for n in opts.get("fields", ())]
        names = [n for group in names for n in (group if isinstance(group, (list, tuple)) else [group])]

        def position(field):
            for i, name in enumerate(names):
                if name == field.name or name.startswith(field.name + "_"):
                    return i
            return len(names)

        return sorted(type(obj).revision_fields(), key=position)

    def assign_view(self, request, pk):
        """ "Giao cho": give the item to a person (recorded and notified)."""
        from django.contrib.auth import get_user_model
        from django.utils.http import url_has_allowed_host_and_scheme

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = get_object_or_404(self.model, pk=pk)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        assignee = get_user_model().objects.filter(pk=int_or_none(request.POST.get("assignee"))).first()
        try:
            if assignee is None:
                raise ValidationError(_("Hãy chọn người được giao."))
            services.assign(item=obj, assignee=assignee, user=request.user)
        except permissions.TransitionNotAllowed as exc:
            return self.refusal(request, obj, str(exc))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Đã giao “%(item)s” cho %(who)s.") % {"item": obj, "who": person_name(assignee)}
            )
        target = request.POST.get("next") or ""
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = self._change_url(obj)
        return HttpResponseRedirect(target)

    def note_view(self, request, pk):
        """A message in the item's notes thread (reporter, editor, board)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = get_object_or_404(self.model, pk=pk)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        try:
            services.add_note(item=obj, user=request.user, text=request.POST.get("text", ""))
        except permissions.TransitionNotAllowed as exc:
            return self.refusal(request, obj, str(exc))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã gửi lời nhắn; những người liên quan được báo qua thư."))
        return HttpResponseRedirect(self._change_url(obj) + "#wf-notes-h")

    def restore_view(self, request, pk, number):
        """Make an old revision the content again, as a new revision (history is kept)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = get_object_or_404(self.model, pk=pk)
        try:
            revision = services.restore_revision(
                item=obj, number=number, user=request.user, expected_version=int_or_none(request.POST.get("version"))
            )
        except Revision.DoesNotExist:
            raise PermissionDenied(_("Không có phiên bản này.")) from None
        except services.StaleVersion as exc:
            return self.refusal(request, obj, str(exc), status=409)
        except permissions.TransitionNotAllowed as exc:
            return self.refusal(request, obj, str(exc))
        messages.success(
            request,
            _("Đã khôi phục nội dung của phiên bản #%(old)s thành phiên bản mới #%(new)s.")
            % {"old": number, "new": revision.number},
        )
        if obj.live:
            messages.info(request, _("Bạn đọc vẫn thấy bản đã xuất bản cho đến khi Ban Biên tập duyệt thay đổi."))
        return HttpResponseRedirect(self._change_url(obj))

    def preview_view_admin(self, request, pk):
        obj = get_object_or_404(self.model, pk=pk)
        if not self.has_view_permission(request, obj) or self.preview_view is None:
            raise PermissionDenied
        obj, m2m = services.working_copy(obj)
        obj._preview_m2m = m2m
        response = type(self).preview_view(request, obj, preview=True)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        return response


def _people():
    from .desk import assignable_people

    return assignable_people()


def int_or_none(raw) -> int | None:
    """A posted number, or None when it is missing or not a number."""
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


TAG_RE = re.compile(r"<[^>]+>")


def _display(field, value):
    """What an editor reads for a stored value: names for related items, labels for
    choices, "Có"/"Không", times in Vietnam time; not ids and ISO strings."""
    if value in (None, "", []):
        return value
    if isinstance(field, models.BooleanField):
        return _("Có") if value else _("Không")
    if field.choices and not field.is_relation:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.DateTimeField):
        parsed = parse_datetime(str(value))
        if parsed is None:
            return value
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return timezone.localtime(parsed).strftime("%d/%m/%Y %H:%M")
    if not field.is_relation:
        return value
    ids = value if isinstance(value, list) else [value]
    names = {o.pk: str(o) for o in field.related_model._default_manager.filter(pk__in=ids)}
    return [names.get(i, f"#{i}") for i in ids] if isinstance(value, list) else names.get(value, f"#{value}")


BLOCK_END_RE = re.compile(r"</(p|h[1-6]|li|figcaption|figure|blockquote|tr)>|<br\s*/?>", re.I)
IMG_RE = re.compile(r"<img\b[^>]*>", re.I)
ATTR_RE = re.compile(r'(src|alt)\s*=\s*"([^"]*)"', re.I)


def _as_text(value, images: list | None = None) -> str:
    """Text to compare word by word. Rich text keeps its paragraphs (a caption is a line
    of its own) and each image becomes one word, ``⟦img:N⟧``, shown as the image again
    (``_with_images``); ``images`` collects their addresses and descriptions."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    if "<" in text:
        if images is not None:

            def token(match):
                attrs = {k.lower(): html.unescape(v) for k, v in ATTR_RE.findall(match.group(0))}
                images.append((attrs.get("src", ""), attrs.get("alt", "")))
                return f"\n⟦img:{len(images) - 1}⟧\n"

            text = IMG_RE.sub(token, text)
        text = BLOCK_END_RE.sub("\n", text)
        text = TAG_RE.sub(" ", text)
        text = html.unescape(text)
        text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return text


IMG_TOKEN_RE = re.compile(r"⟦img:(\d+)⟧")


def _with_images(diffed: str, images: list) -> str:
    """Put the images back where ``_as_text`` left their words (only our own addresses)."""
    if not images:
        return diffed

    def image(match):
        src, alt = images[int(match.group(1))]
        if not src.startswith("/") or src.startswith("//"):
            return html.escape(alt or src)
        return format_html('<img class="wf-thumb" src="{}" alt="{}">', src, alt or _("(ảnh không có mô tả)"))

    return mark_safe(IMG_TOKEN_RE.sub(image, diffed))


def _is_image_field(field) -> bool:
    from portal.core.models import Image

    return field.is_relation and field.related_model is Image


def _thumb(field, value):
    """An image field shown as the picture it holds, not as a file name."""
    if not value:
        return ""
    image = field.related_model._default_manager.filter(pk=value).first()
    if image is None:
        return f"#{value}"
    url = image.rendition_url("jpeg", 320) if image.renditions else image.file.url
    return format_html('<img class="wf-thumb" src="{}" alt="{}">', url, image.alt or str(image))


def diff_html(left: str, right: str) -> tuple[str, str]:
    """Word-level diff: removed words marked <del> on the left, added <ins> on the right."""
    lw, rw = re.split(r"(\s+)", left), re.split(r"(\s+)", right)
    matcher = difflib.SequenceMatcher(a=lw, b=rw, autojunk=False)
    out_l, out_r = [], []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        lpart = html.escape("".join(lw[i1:i2]))
        rpart = html.escape("".join(rw[j1:j2]))
        if op == "equal":
            out_l.append(lpart)
            out_r.append(rpart)
        else:
            if lpart:
                out_l.append(f"<del>{lpart}</del>")
            if rpart:
                out_r.append(f"<ins>{rpart}</ins>")
    return mark_safe("".join(out_l)), mark_safe("".join(out_r))


class RoleManagedAdmin(PeopleByName, admin.ModelAdmin):
    """Admin for the reference data around workflow items (categories, tags, website
    links, units and people, the statistics catalogue): decided by workflow role like the
    items themselves, never by Django's model permissions (the role groups hold none).
    Each kind of access names the roles that have it; the user must also be staff."""

    view_roles: frozenset[Role] = frozenset(Role)
    add_roles: frozenset[Role] = frozenset({Role.BOARD, Role.ADMIN})
    change_roles: frozenset[Role] = frozenset({Role.BOARD, Role.ADMIN})
    delete_roles: frozenset[Role] = frozenset({Role.BOARD, Role.ADMIN})

    @staticmethod
    def _holds(request, roles: frozenset[Role]) -> bool:
        return request.user.is_staff and bool(permissions.user_roles(request.user) & roles)

    def has_module_permission(self, request):
        return self._holds(request, self.view_roles)

    def has_view_permission(self, request, obj=None):
        return self._holds(request, self.view_roles)

    def has_add_permission(self, request):
        return self._holds(request, self.add_roles)

    def has_change_permission(self, request, obj=None):
        return self._holds(request, self.change_roles)

    def has_delete_permission(self, request, obj=None):
        return self._holds(request, self.delete_roles)

    # -- every change of reference data is recorded (append-only ChangeLog) --------------
    def save_model(self, request, obj, form, change):
        changes = {}
        if change:
            for name in form.changed_data:
                before = form.initial.get(name)
                after = form.cleaned_data.get(name)
                changes[name] = [_audit_text(before), _audit_text(after)]
        super().save_model(request, obj, form, change)
        if change and not changes:
            return
        if not change:
            changes = {n: ["", _audit_text(form.cleaned_data.get(n))] for n in form.changed_data}
        services.log_change(obj=obj, user=request.user, kind=ChangeKind.CHANGE if change else ChangeKind.ADD,
                            changes=changes)  # fmt: skip

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)

    def delete_model(self, request, obj):
        services.log_change(obj=obj, user=request.user, kind=ChangeKind.DELETE)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.log_change(obj=obj, user=request.user, kind=ChangeKind.DELETE)
        super().delete_queryset(request, queryset)


def _audit_text(value) -> str:
    """A form value as the audit log keeps it: names for records, ids never alone."""
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return f"{value} (#{value.pk})"
    if hasattr(value, "__iter__") and not isinstance(value, str):
        return ", ".join(_audit_text(v) for v in value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written by the portal itself (audit tables, reminder and progress logs): every
    editorial role may list and open them; nobody adds, changes or deletes them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return permissions.may_view_in_admin(request.user)

    def has_module_permission(self, request):
        return permissions.may_view_in_admin(request.user)


class ContentTypeFilter(admin.SimpleListFilter):
    """The kinds of item an audit table holds rows for, by their Vietnamese names (not every
    content type Django knows)."""

    title = gettext_lazy("loại dữ liệu")
    parameter_name = "loai"

    def lookups(self, request, model_admin):
        from django.contrib.contenttypes.models import ContentType

        ids = model_admin.model.objects.values_list("content_type_id", flat=True).distinct()
        kinds = [(ct.pk, ct.model_class()) for ct in ContentType.objects.filter(pk__in=ids)]
        return sorted(((pk, capfirst(m._meta.verbose_name)) for pk, m in kinds if m), key=lambda c: str(c[1]))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(content_type_id=self.value())
        return queryset


class AuditLogAdmin(ReadOnlyAdmin):
    """Read-only lists of what the audit tables hold, newest first, for every editorial role."""

    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "content_type")

    @admin.display(description=gettext_lazy("Người thực hiện"), ordering="user__last_name")
    def who(self, obj):
        return person_name(obj.user)

    @admin.display(description=gettext_lazy("Loại dữ liệu"), ordering="content_type")
    def kind_of_item(self, obj):
        model = obj.content_type.model_class()
        return capfirst(model._meta.verbose_name) if model else obj.content_type.model

    @admin.display(description=gettext_lazy("Lúc"), ordering="at")
    def when(self, obj):
        return timezone.localtime(obj.at).strftime("%d/%m/%Y %H:%M:%S")


@admin.register(TransitionLog)
class TransitionLogAdmin(AuditLogAdmin):
    list_display = ("when", "kind_of_item", "item_title", "action", "from_state", "to_state", "who", "comment_short")
    list_filter = (ContentTypeFilter, "action", "to_state", ("user", PersonFilter))
    ordering = ("-at", "-id")
    fields = readonly_fields = (
        "when", "kind_of_item", "item_title", "action", "from_state", "to_state", "who", "comment", "publish_at",
    )  # fmt: skip
    search_fields = ("comment",)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("item")

    @admin.display(description=gettext_lazy("Mục"))
    def item_title(self, obj):
        item = obj.item
        if item is None:
            return format_html("<em>{}</em>", _("(đã xoá) #%(id)s") % {"id": obj.object_id})
        opts = item._meta
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
        except NoReverseMatch:
            return str(item)
        return format_html('<a href="{}">{}</a>', url, item)

    @admin.display(description=gettext_lazy("Ghi chú"))
    def comment_short(self, obj):
        return obj.comment if len(obj.comment) <= 120 else obj.comment[:119] + "…"


@admin.register(ChangeLog)
class ChangeLogAdmin(AuditLogAdmin):
    list_display = ("when", "kind_of_item", "object_repr", "kind", "who", "changed_fields")
    list_filter = (ContentTypeFilter, "kind", ("user", PersonFilter))
    ordering = ("-at", "-id")
    fields = readonly_fields = ("when", "kind_of_item", "object_repr", "kind", "who", "changes_table")
    search_fields = ("object_repr",)

    @admin.display(description=gettext_lazy("Trường đã đổi"))
    def changed_fields(self, obj):
        return ", ".join(obj.changes)

    @admin.display(description=gettext_lazy("Thay đổi"))
    def changes_table(self, obj):
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            ((k, v[0], v[1]) for k, v in obj.changes.items()),
        )
        head = format_html("<tr><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th></tr>",
                           _("Trường"), _("Trước"), _("Sau"))  # fmt: skip
        return format_html("<table>{}{}</table>", head, rows)


@admin.register(PreviewLog)
class PreviewLogAdmin(AuditLogAdmin):
    list_display = ("when", "kind_of_item", "object_id", "what", "who")
    list_filter = (ContentTypeFilter, ("user", PersonFilter))
    ordering = ("-at", "-id")
    fields = readonly_fields = ("when", "kind_of_item", "object_id", "what", "who")
