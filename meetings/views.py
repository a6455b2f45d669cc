"""Meeting pages, the calendar and the directive tracker. Each page runs a fixed number
of queries whatever the number of meetings or directives."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.editorial.permissions import may_see, may_see_internal

from . import exports, permissions, selectors, services
from .enums import ExtensionState, MeetingKind
from .files import content_type_of
from .forms import DecisionForm, ExtensionRequestForm, ProgressForm, TrackerFilterForm
from .models import Attachment, DeadlineExtension, Directive, Meeting

PAGE_SIZE = 20
TRACKER_PAGE_SIZE = 50


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _month(value: str | None) -> dict:
    """``?thang=2022-02`` → that month; anything else → the current month."""
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in (value or "").split("-"))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return {"year": year, "month": month}
    except ValueError:
        pass
    return {"year": today.year, "month": today.month}


def index(request):
    """Calendar of upcoming meetings and the archive of past ones."""
    now = timezone.now()
    qs = selectors.listed_meetings(request.user, now)
    kind = request.GET.get("loai") or ""
    if kind in MeetingKind.values:
        qs = qs.filter(kind=kind)
    else:
        kind = ""
    upcoming = list(qs.filter(start_at__gte=now).order_by("start_at", "id")[:20])
    page = Paginator(qs.filter(start_at__lt=now), PAGE_SIZE).get_page(request.GET.get("trang"))
    # Public summaries of meetings the reader may not read: listed by their own date, with
    # nothing of the record (not its kind, time, place or address).
    summaries = Paginator(selectors.listed_summaries(request.user, now), PAGE_SIZE).get_page(
        request.GET.get("trang_tom_tat")
    )
    context = {
        "upcoming": upcoming,
        "page": page,
        "summaries": summaries,
        "kinds": MeetingKind.choices,
        "kind": kind,
        "grid": selectors.month_grid(user=request.user, **_month(request.GET.get("thang"))),
    }
    response = render(request, "meetings/index.html", context)
    return _private(response) if may_see_internal(request.user) else response


def render_meeting(request, meeting, preview: bool = False):
    """The meeting page (also the admin preview)."""
    page = selectors.build_meeting_page(meeting=meeting, user=request.user, at=timezone.now(), preview=preview)
    if page is None:
        raise Http404(_("Không tìm thấy cuộc họp."))
    response = render(request, "meetings/detail.html", {"p": page, "m": meeting, "preview": preview})
    if preview or meeting.is_internal or may_see_internal(request.user):
        _private(response)
    return response


def render_summary(request, summary, preview: bool = False):
    """A public summary at its own address (also the admin preview): only what it says."""
    context = {
        "s": summary,
        "preview": preview,
        # Staff who may read the record find the way to it; readers never see its address.
        "meeting_url": summary.meeting.get_absolute_url() if may_see(request.user, summary.meeting) else "",
    }
    response = render(request, "meetings/summary.html", context)
    if preview or summary.is_internal or may_see_internal(request.user):
        _private(response)
    return response


def detail(request, slug):
    """``/giao-ban/<slug>/``: a meeting the user may read, else a public summary at its own
    address. An internal meeting's slug answers 404 to readers, summary or not."""
    page = selectors.meeting_page(slug=slug, user=request.user)
    if page is not None:
        response = render(request, "meetings/detail.html", {"p": page, "m": page.meeting, "preview": False})
        if page.meeting.is_internal or may_see_internal(request.user):
            _private(response)
        return response
    summary = selectors.summary_page(slug=slug, user=request.user)
    if summary is None:
        raise Http404(_("Không tìm thấy cuộc họp."))
    return render_summary(request, summary)


def notice(request, slug, fmt):
    """The conclusion notice of an approved record, as PDF or DOCX, for who may read the
    record (never a draft: made from what the board approved)."""
    from . import notices

    if fmt not in ("pdf", "docx"):
        raise Http404
    meeting = get_object_or_404(Meeting.objects.select_related("notice_signer"), slug=slug, live=True)
    if not may_see(request.user, meeting) or not meeting.notice_number:
        raise Http404(_("Không tìm thấy thông báo kết luận."))
    body = notices.notice_file(meeting, fmt, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type=notices.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="thong-bao-ket-luan-{meeting.pk}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response) if meeting.is_internal or may_see_internal(request.user) else response


def calendar_ics(request):
    """Meetings the reader may read, as iCalendar (anonymous: public ones only; a public
    summary is no event: it has no time of its own). Staff get each meeting's place with
    its format (online bridge points) as LOCATION and its kind, chair and agenda as
    DESCRIPTION; the public feed gives a public meeting's place only."""
    staff = may_see_internal(request.user)
    meetings = selectors.listed_meetings(request.user)
    if staff:
        meetings = meetings.select_related("chair").only(
            "id", "title", "slug", "kind", "start_at", "end_at", "place", "format", "bridge_points", "is_internal",
            "agenda", "chair__full_name", "chair__title",
        )  # fmt: skip
    entries = []
    for m in meetings[:500]:
        entry = {"id": m.pk, "title": m.title, "start": m.start_at, "end": m.end_at, "place": m.place,
                 "url": m.get_absolute_url()}  # fmt: skip
        if staff:
            entry["place"] = ", ".join(x for x in (m.place, m.format_label()) if x)
            lines = [str(MeetingKind(m.kind).label)]
            if m.chair_id:
                lines.append(_("Chủ trì: %(name)s") % {"name": str(m.chair)})
            lines += [f"- {item}" for item in m.agenda_items()]
            entry["description"] = "\n".join(lines)
        entries.append(entry)
    body = exports.calendar_ics(entries=entries, base_url=request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-giao-ban.ics"'
    return _private(response) if staff else response


def attachment(request, pk):
    """A meeting document, only for who may read the meeting in full."""
    item = get_object_or_404(Attachment.objects.select_related("meeting"), pk=pk)
    if not may_see(request.user, item.meeting):
        raise Http404(_("Không tìm thấy tài liệu."))
    ext = item.file.name.rsplit(".", 1)[-1].lower()
    name = item.original_name or f"tai-lieu-{item.pk}.{ext}"
    response = FileResponse(
        item.file.open("rb"), content_type=content_type_of(item.file.name), as_attachment=True, filename=name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response) if item.meeting.is_internal or may_see_internal(request.user) else response


# -- the directive tracker (staff only) ---------------------------------------------------------


def _require_staff(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.may_view_tracker(request.user):
        raise PermissionDenied(_("Chỉ cán bộ của Bộ được xem theo dõi nhiệm vụ."))
    return None


def _tracker_query(request):
    """The filter form and the directives it selects. The meeting filter lists every
    meeting with a directive matching the other filters (so it is filled after them)."""
    selected = request.GET.get("cuoc_hop", "")
    selected = int(selected) if selected.isdigit() and len(selected) < 10 else None
    form = TrackerFilterForm(request.GET or None, choices=selectors.filter_choices())
    filters = form.filters()
    meeting, filters.meeting = filters.meeting, None
    others = selectors.tracker_directives(filters=filters, user=request.user)
    form.set_meetings(selectors.meeting_choices(directives=others, selected=selected))
    qs = others.filter(meeting_id=meeting) if meeting else others
    return form, qs


def tracker(request):
    if (refused := _require_staff(request)) is not None:
        return refused
    form, qs = _tracker_query(request)
    page = Paginator(selectors.tracker_rows(qs), TRACKER_PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "form": form,
        "page": page,
        "counts": selectors.unit_counts(qs),
        "count_columns": selectors.COUNT_COLUMNS,
        "query": query.urlencode(),
        "person": permissions.person_of(request.user),
        "today": timezone.localdate(),
        # Văn phòng sees the units its reminders could not reach.
        "unreachable": selectors.unreachable_units() if permissions.may_verify(request.user) else None,
    }
    return _private(render(request, "meetings/tracker.html", context))


def tracker_export(request, fmt):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if (refused := _require_staff(request)) is not None:
        return refused
    _form, rows = _tracker_query(request)
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    name = f"nhiem-vu-{stamp}.{fmt}"
    if fmt == "xlsx":
        response = FileResponse(
            exports.tracker_xlsx_file(rows),
            as_attachment=True,
            filename=name,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = StreamingHttpResponse(exports.tracker_csv_stream(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


def _see_other(directive):
    response = HttpResponseRedirect(reverse("meetings:directive", args=[directive.pk]))
    response.status_code = 303
    return response


def _directive_action(request, directive, action: str):
    """The Văn phòng and extension actions of the directive page: None when done (the
    caller redirects), else the form with its errors."""
    if action == "gia-han":
        form = ExtensionRequestForm(request.POST)
        if form.is_valid():
            services.request_extension(
                directive=directive,
                user=request.user,
                new_deadline=form.cleaned_data["new_deadline"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Đã gửi đề nghị gia hạn tới Văn phòng."))
            return None
        return form
    form = DecisionForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note") or ""
    if action == "xac-nhan":
        services.verify_completion(directive=directive, user=request.user)
        messages.success(request, _("Đã xác nhận nhiệm vụ hoàn thành."))
    elif action == "tra-lai":
        services.return_completion(directive=directive, user=request.user, reason=note)
        messages.success(request, _("Đã trả lại báo cáo hoàn thành."))
    elif action in ("dong-y-gia-han", "tu-choi-gia-han"):
        extension = get_object_or_404(DeadlineExtension, pk=request.POST.get("de_nghi") or 0, directive=directive)
        services.decide_extension(extension=extension, user=request.user, approve=action == "dong-y-gia-han", note=note)
        messages.success(request, _("Đã ghi quyết định về đề nghị gia hạn."))
    else:
        raise Http404
    if action != "xac-nhan" and not services.lead_unit_reachable(directive):
        messages.warning(
            request,
            _(
                "Không gửi được thư báo: %(unit)s chưa có người nhận thư (chưa có cán bộ gắn tài khoản, "
                "chưa có lãnh đạo đơn vị có địa chỉ thư). Hãy báo đơn vị theo cách khác."
            )
            % {"unit": directive.lead_unit.name},
        )
    return None


def directive_detail(request, pk):
    if (refused := _require_staff(request)) is not None:
        return refused
    directive = get_object_or_404(
        Directive.objects.in_effect().with_status().select_related("meeting", "lead_unit", "lead_person", "giver"),
        pk=pk,
    )
    may_post = permissions.may_post_progress(request.user, directive)
    may_verify = permissions.may_verify(request.user)
    form = ProgressForm(initial={"on": timezone.localdate()}) if may_post else None
    extension_form = ExtensionRequestForm() if may_post else None
    action_error = None
    if request.method == "POST":
        action = request.POST.get("hanh_dong", "")
        if action:
            try:
                extension_form = _directive_action(request, directive, action) or extension_form
                if not extension_form or not extension_form.errors:
                    return _see_other(directive)
            except ValidationError as exc:
                action_error = " ".join(exc.messages)
        else:
            if not may_post:
                raise PermissionDenied(
                    _("Chỉ cán bộ của đơn vị chủ trì, người giao nhiệm vụ và quản trị viên được cập nhật tiến độ.")
                )
            form = ProgressForm(request.POST, request.FILES)
            if form.is_valid():
                c = form.cleaned_data
                try:
                    services.post_progress(
                        directive=directive,
                        user=request.user,
                        text=c["text"],
                        on=c["on"],
                        attachment=c.get("attachment"),
                        mark_done=c["mark_done"],
                        completed_on=c.get("completed_on"),
                        evidence=c.get("evidence") or "",
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    messages.success(request, _("Đã cập nhật tiến độ nhiệm vụ."))
                    return _see_other(directive)
    updates = list(directive.progress_updates.select_related("author__meeting_person").order_by("-on", "-id"))
    extensions = list(directive.extensions.select_related("requested_by", "decided_by").order_by("-requested_at"))
    context = {
        "d": directive,
        "meeting_url": directive.meeting.get_absolute_url() if may_see(request.user, directive.meeting) else "",
        "supporting": list(directive.supporting_units.all()),
        "updates": updates,
        "events": list(directive.events.select_related("user").order_by("-at", "-id")),
        "extensions": extensions,
        "pending_extension": next((e for e in extensions if e.state == ExtensionState.PENDING), None),
        "form": form,
        "extension_form": extension_form,
        "decision_form": DecisionForm() if may_verify else None,
        "action_error": action_error,
        "may_post": may_post,
        "may_verify": may_verify,
    }
    status = 400 if request.method == "POST" else 200
    return _private(render(request, "meetings/directive.html", context, status=status))


def progress_file(request, pk):
    """The file attached to a progress update (staff only)."""
    if (refused := _require_staff(request)) is not None:
        return refused
    from .models import ProgressUpdate

    update = get_object_or_404(ProgressUpdate.objects.filter(directive__in=Directive.objects.in_effect()), pk=pk)
    if not update.attachment:
        raise Http404
    ext = update.attachment.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        update.attachment.open("rb"),
        as_attachment=True,
        filename=f"tien-do-{pk}.{ext}",
        content_type=content_type_of(update.attachment.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)
