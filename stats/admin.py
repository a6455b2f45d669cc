"""Statistics in the admin: the release grid (every indicator of every sector, with the
previous values beside), file import, the template to download, the catalogue and the
pre-release list. During a release's embargo its figures open only to the roles and
people ``stats.access`` names, and every view is logged and listed on the release."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.text import person_name
from portal.editorial import permissions
from portal.editorial import services as wf
from portal.editorial.admin import EditorialAdmin, RoleManagedAdmin, int_or_none
from portal.editorial.enums import Role

from . import access, selectors, services, templates_xlsx, views
from .importers import ImportRefused
from .models import AnnouncedRelease, Correction, Indicator, PreReleaseAccess, Release, Sector


class CatalogueAdmin(RoleManagedAdmin):
    """Sectors, indicators and the calendar: editors and above edit, administrators delete."""

    add_roles = change_roles = frozenset({Role.EDITOR, Role.BOARD, Role.ADMIN})
    delete_roles = frozenset({Role.ADMIN})


@admin.register(Sector)
class SectorAdmin(CatalogueAdmin):
    list_display = ("name", "name_en", "code", "order")
    list_editable = ("order",)
    search_fields = ("name", "code")


@admin.register(Indicator)
class IndicatorAdmin(CatalogueAdmin):
    list_display = ("code", "name", "sector", "unit", "kind", "decimals", "parent", "required", "order")
    list_filter = ("sector",)
    list_select_related = ("sector", "parent")
    search_fields = ("code", "name", "name_en")
    autocomplete_fields = ("parent",)


@admin.register(AnnouncedRelease)
class AnnouncedReleaseAdmin(CatalogueAdmin):
    """The calendar readers are told: editors announce a period, but moving or removing a
    date already announced is the board's (or Quản trị's) decision, recorded in the
    change log."""

    change_roles = frozenset({Role.BOARD, Role.ADMIN})
    delete_roles = frozenset({Role.BOARD, Role.ADMIN})
    list_display = ("__str__", "planned_at", "note", "cancelled", "sequence")


@admin.register(PreReleaseAccess)
class PreReleaseAccessAdmin(RoleManagedAdmin):
    """The named pre-release list, kept by the board and Quản trị (each change logged)."""

    view_roles = frozenset({Role.EDITOR, Role.BOARD, Role.ADMIN})
    add_roles = change_roles = delete_roles = frozenset({Role.BOARD, Role.ADMIN})
    list_display = ("__str__", "person", "note", "added_at")
    search_fields = ("user__username", "user__first_name", "user__last_name", "note")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = get_user_model().objects.filter(is_active=True, is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=gettext_lazy("người dùng"), ordering="user__last_name")
    def person(self, obj):
        return person_name(obj.user)


class CorrectionInline(admin.TabularInline):
    model = Correction
    extra = 0
    fields = ("number", "note", "note_en", "created_by_name", "created_at", "applied_at")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("người tạo"))
    def created_by_name(self, obj):
        return person_name(obj.created_by)


@admin.register(Release)
class ReleaseAdmin(EditorialAdmin):
    preview_view = staticmethod(views.render_release)
    list_display = ("__str__", "state_badge", "publish_at", "created_by_name", "updated_at")
    list_filter = EditorialAdmin.list_filter + ("year",)
    ordering = ("-year", "-month")
    readonly_fields = ("grid_link", "data_check", "pre_release_views", "import_records")
    inlines = (CorrectionInline,)
    fieldsets = (
        (None, {"fields": ("year", "month", "grid_link", "data_check", "notes", "notes_en")}),
        (
            gettext_lazy("Tóm tắt và trạng thái"),
            {
                "fields": ("summary", "summary_en", "provisional", "next_release_at"),
                "description": gettext_lazy(
                    "Tóm tắt được viết tự động từ số liệu mỗi khi lưu bảng số liệu; sửa tay thì bản sửa được giữ "
                    "(không bị viết đè) và được duyệt cùng số liệu."
                ),
            },
        ),
        (
            gettext_lazy("Liên hệ và liên kết"),
            {"fields": ("contact_unit", "contact_phone", "contact_email", "meeting_url", "article_url")},
        ),
        (
            gettext_lazy("Công bố"),
            {
                "fields": ("is_internal", "publish_at", "expire_at", "edit_version"),
                "description": gettext_lazy(
                    "Thời điểm xuất bản trong tương lai là thời điểm hết cấm công bố (embargo): "
                    "trước giờ đó chỉ Biên tập viên, Ban Biên tập, Quản trị và danh sách xem trước số liệu "
                    "được mở số liệu, và mỗi lượt xem được ghi lại."
                ),
            },
        ),
        (gettext_lazy("Xem số liệu trước khi công bố"), {"fields": ("pre_release_views",)}),
        (gettext_lazy("Các lần nhập tệp"), {"fields": ("import_records",)}),
    )

    # -- during an embargo the figures open to the privileged roles only -----------------
    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if obj is not None and access.under_embargo(obj):
            return allowed and access.is_privileged(request.user)
        return allowed

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is not None and access.under_embargo(obj):
            return allowed and access.is_privileged(request.user)
        return allowed

    def _open_figures(self, request, release, what: str) -> None:
        """Refuse (403, in Vietnamese) unless the user may open the release's figures now;
        log the view when it comes before readers may see them."""
        if not access.may_open_figures(request.user, release):
            raise PermissionDenied(access.refusal_reason(release))
        if access.under_embargo(release):
            wf.log_preview(item=release, user=request.user, what=what)

    def preview_view_admin(self, request, pk):
        release = get_object_or_404(Release, pk=pk)
        self._open_figures(request, release, access.PREVIEW)
        # Editors see the change awaiting approval; the pre-release list the approved release.
        pending = permissions.may_view_content_in_admin(request.user)
        if pending:
            release, _m2m = wf.working_copy(release)
        response = views.render_release(request, release, preview=True, pending=pending)
        response["X-Robots-Tag"] = "noindex"
        response["Cache-Control"] = "private, no-store"
        return response

    def compare_view(self, request, pk):
        release = get_object_or_404(Release, pk=pk)
        if not self.has_view_permission(request, release):
            raise PermissionDenied(access.refusal_reason(release))
        if access.under_embargo(release):
            wf.log_preview(item=release, user=request.user, what=access.COMPARE)
        return super().compare_view(request, pk)

    @admin.display(description=gettext_lazy("Các lần nhập tệp"))
    def import_records(self, obj):
        """Every file imported; a save over totals that do not add up shows its reason."""
        if not obj or not obj.pk:
            return "—"
        records = list(obj.imports.select_related("user")[:100])
        if not records:
            return _("Chưa nhập tệp nào.")
        head = format_html(
            "<tr><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th>"
            "<th scope='col'>{}</th></tr>",
            _("Lúc"), _("Người nhập"), _("Tệp"), _("Số giá trị thay đổi"), _("Vẫn lưu dù tổng không khớp, lý do"),
        )  # fmt: skip
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (timezone.localtime(r.at).strftime("%d/%m/%Y %H:%M"), person_name(r.user), r.filename, r.changed,
                 r.override_reason or "—")
                for r in records
            ),
        )  # fmt: skip
        return format_html('<table id="lan-nhap-tep">{}{}</table>', head, rows)

    @admin.display(description=gettext_lazy("Lượt xem trước khi công bố"))
    def pre_release_views(self, obj):
        if not obj or not obj.pk:
            return "—"
        views_ = list(wf.previews_of(obj)[:200])
        if not views_:
            return _("Chưa có ai mở số liệu của kỳ này trong thời gian cấm công bố.")
        head = format_html(
            "<tr><th scope='col'>{}</th><th scope='col'>{}</th><th scope='col'>{}</th></tr>",
            _("Lúc"),
            _("Người xem"),
            _("Đã xem"),
        )
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((timezone.localtime(v.at).strftime("%d/%m/%Y %H:%M:%S"), person_name(v.user), v.what) for v in views_),
        )
        return format_html('<table id="luot-xem-truoc">{}{}</table>', head, rows)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return super().get_readonly_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return ((None, {"fields": ("year", "month", "notes", "notes_en")}),) + tuple(fieldsets[1:2])
        return fieldsets

    @admin.display(description=gettext_lazy("Bảng số liệu"))
    def grid_link(self, obj):
        if not obj or not obj.pk:
            return "—"
        return format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("admin:stats_release_grid", args=[obj.pk]),
            _("Nhập và sửa số liệu của tháng (bảng, hoặc nhập từ tệp XLSX/CSV)"),
        )

    @admin.display(description=gettext_lazy("Kiểm tra số liệu"))
    def data_check(self, obj):
        if not obj or not obj.pk:
            return "—"
        problems = selectors.release_breakdown_problems(obj)
        if not problems:
            return _("Các chỉ tiêu tổng khớp với tổng các thành phần.")
        return format_html(
            '<ul class="errorlist">{}</ul>', format_html_join("", "<li>⚠ {}</li>", ((p,) for p in problems))
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/bang-so-lieu/", wrap(self.grid_view), name="stats_release_grid"),
            path("<int:pk>/nhap-tep/", wrap(self.import_view), name="stats_release_import"),
            path("<int:pk>/nhap-tep/xac-nhan/", wrap(self.import_confirm_view), name="stats_release_import_confirm"),
            path("<int:pk>/mau-nhap.xlsx", wrap(self.template_view), name="stats_release_template"),
            path("<int:pk>/mau-nhap.csv", wrap(self.template_csv_view), name="stats_release_template_csv"),
        ] + super().get_urls()

    def _grid_context(self, request, release, *, errors=None, posted=None):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "release": release,
            "title": _("Bảng số liệu: %(r)s") % {"r": release},
            **selectors.release_grid(release, posted=posted, errors=errors),
            "may_edit": permissions.may_edit(request.user, release),
            "needs_note": services.needs_correction_note(release),
            "problems": selectors.release_breakdown_problems(release),
            "change_url": reverse("admin:stats_release_change", args=[release.pk]),
        }

    def grid_view(self, request, pk):
        release = get_object_or_404(Release, pk=pk)
        self._open_figures(request, release, access.GRID)
        if request.method == "POST":
            if not permissions.may_edit(request.user, release):
                raise PermissionDenied(_("Bạn không được sửa kỳ công bố này."))
            entries, errors = services.grid_entries(data=request.POST, indicators=selectors.all_indicators())
            if errors:
                messages.error(request, _("Số liệu chưa được lưu: có ô không phải là số (đánh dấu bên dưới)."))
                context = self._grid_context(request, release, errors=errors, posted=request.POST)
                return TemplateResponse(request, "stats/admin/grid.html", context, status=400)
            try:
                services.save_values(
                    release=release,
                    entries=entries,
                    user=request.user,
                    correction_note=request.POST.get("correction_note", ""),
                    correction_note_en=request.POST.get("correction_note_en", ""),
                    expected_version=int_or_none(request.POST.get("edit_version")),
                    require_version=True,
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                release.refresh_from_db()
                context = self._grid_context(request, release, posted=request.POST)
                return TemplateResponse(request, "stats/admin/grid.html", context, status=400)
            self._saved_message(request, release)
            return HttpResponseRedirect(request.path)
        return TemplateResponse(request, "stats/admin/grid.html", self._grid_context(request, release))

    def _saved_message(self, request, release):
        if release.live:
            messages.info(
                request,
                _(
                    "Đã lưu. Số liệu sửa đang chờ Ban Biên tập duyệt; bạn đọc vẫn thấy số liệu đã "
                    "công bố cho đến khi được duyệt."
                ),
            )
        else:
            messages.success(request, _("Đã lưu số liệu."))
        for problem in selectors.release_breakdown_problems(release):
            messages.warning(request, _("Cần kiểm tra trước khi duyệt: %(p)s") % {"p": problem})

    SESSION_KEY = "stats-import-%s"

    def _may_import(self, request, release):
        if not access.may_open_figures(request.user, release):
            raise PermissionDenied(access.refusal_reason(release))
        if not permissions.may_edit(request.user, release):
            raise PermissionDenied(_("Bạn không được sửa kỳ công bố này."))

    def import_view(self, request, pk):
        """Step 1: read and check the file; nothing is saved. A good file is shown as the
        list of every change against the figures now, with jumps and totals that do not
        add up flagged, and kept (in the session) for the editor to confirm."""
        release = get_object_or_404(Release, pk=pk)
        grid = reverse("admin:stats_release_grid", args=[pk])
        if request.method != "POST":
            return HttpResponseRedirect(grid)
        self._may_import(request, release)
        if int_or_none(request.POST.get("edit_version")) is None:
            messages.error(request, str(services.MISSING_VERSION))
            return HttpResponseRedirect(grid)
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Hãy chọn tệp XLSX hoặc CSV để nhập."))
            return HttpResponseRedirect(grid)
        try:
            plan = services.read_import(release=release, upload=upload, filename=upload.name)
        except ImportRefused as exc:
            messages.error(
                request, _("Tệp “%(f)s” không được nhập; chưa có số liệu nào được lưu.") % {"f": upload.name}
            )
            for m in exc.messages:
                messages.error(request, m)
            return HttpResponseRedirect(grid)
        request.session[self.SESSION_KEY % release.pk] = plan.to_session()
        return self._preview_response(request, release, plan)

    def _preview_response(self, request, release, plan, status=200):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": release,
            "release": release,
            "title": _("Xem trước khi nhập: %(f)s") % {"f": plan.filename},
            "plan": plan,
            "edit_version": int_or_none(request.POST.get("edit_version")) or release.version,
            "needs_note": services.needs_correction_note(release),
            "correction_note": request.POST.get("correction_note", ""),
            "grid_url": reverse("admin:stats_release_grid", args=[release.pk]),
            "change_url": reverse("admin:stats_release_change", args=[release.pk]),
        }
        return TemplateResponse(request, "stats/admin/import_preview.html", context, status=status)

    def import_confirm_view(self, request, pk):
        """Step 2: save the previewed file (an override with a reason for totals that do
        not add up, recorded)."""
        release = get_object_or_404(Release, pk=pk)
        grid = reverse("admin:stats_release_grid", args=[pk])
        if request.method != "POST":
            return HttpResponseRedirect(grid)
        self._may_import(request, release)
        stored = request.session.get(self.SESSION_KEY % release.pk)
        if not stored:
            messages.error(request, _("Không còn tệp đang chờ xác nhận: hãy chọn tệp và nhập lại."))
            return HttpResponseRedirect(grid)
        plan = services.plan_from_session(release=release, data=stored)
        reason = request.POST.get("override_reason", "").strip() if request.POST.get("override") else ""
        try:
            count = services.apply_import(
                release=release,
                plan=plan,
                user=request.user,
                correction_note=request.POST.get("correction_note", ""),
                override_reason=reason,
                expected_version=int_or_none(request.POST.get("edit_version")),
                require_version=True,
            )
        except ImportRefused as exc:
            for m in exc.messages:
                messages.error(request, m)
            return self._preview_response(request, release, plan, status=400)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            release.refresh_from_db()
            return self._preview_response(request, release, plan, status=400)
        request.session.pop(self.SESSION_KEY % release.pk, None)
        messages.success(request, _("Đã nhập %(n)s giá trị từ tệp “%(f)s”.") % {"n": count, "f": plan.filename})
        self._saved_message(request, release)
        return HttpResponseRedirect(grid)

    def template_view(self, request, pk):
        release = get_object_or_404(Release, pk=pk)
        self._open_figures(request, release, access.TEMPLATE)
        body = templates_xlsx.template_xlsx(release=release)
        response = HttpResponse(body, content_type=views.CONTENT_TYPES["xlsx"])
        response["Content-Disposition"] = f'attachment; filename="mau-nhap-thong-ke-{release.period}.xlsx"'
        return response

    def template_csv_view(self, request, pk):
        release = get_object_or_404(Release, pk=pk)
        self._open_figures(request, release, access.TEMPLATE)
        body = templates_xlsx.template_csv(release=release)
        response = HttpResponse(body, content_type=views.CONTENT_TYPES["csv"])
        response["Content-Disposition"] = f'attachment; filename="mau-nhap-thong-ke-{release.period}.csv"'
        return response
