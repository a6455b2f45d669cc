"""Management meetings (giao ban), the directives given at them and their follow-up.

A meeting passes through the editorial workflow and is internal by default; its public
summary is a separate item that the board may publish on its own. Directives are
operational records (not publications): their status is derived from the deadline, the
progress posted and the completion date, never typed.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.constraints import Deferrable
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal.core.text import person_name
from portal.editorial.models import EditorialModel

from .enums import (
    DeadlineKind,
    DirectiveEventKind,
    DirectiveStatus,
    ExtensionState,
    MeetingFormat,
    MeetingKind,
    ReminderKind,
)
from .storage import private_storage


class Unit(models.Model):
    """A department or centre of the ministry; units form a tree."""

    name = models.CharField(_("tên đơn vị"), max_length=200, unique=True)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    head = models.ForeignKey(
        "Person",
        verbose_name=_("lãnh đạo đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Nhận thư tổng hợp nhắc việc của đơn vị cùng các cán bộ đã gắn tài khoản."),
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """Someone who chairs, attends, gives or carries out directives; may have an account."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    title = models.CharField(_("chức vụ"), max_length=200, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_person",
        help_text=_("Tài khoản đăng nhập của người này (để nhận nhắc việc và cập nhật tiến độ)."),
    )
    email = models.EmailField(_("thư điện tử"), blank=True, help_text=_("Để trống: dùng địa chỉ của tài khoản."))

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.title})" if self.title else self.full_name

    @property
    def contact_email(self) -> str:
        if self.email:
            return self.email
        return self.user.email if self.user_id and self.user else ""


class Meeting(EditorialModel):
    title = models.CharField(_("tên cuộc họp"), max_length=300)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=300,
        unique=True,
        blank=True,
        help_text=_("Để trống: tự tạo từ tên cuộc họp (bỏ dấu, “đ” thành “d”)."),
    )
    kind = models.CharField(_("loại cuộc họp"), max_length=20, choices=MeetingKind.choices)
    start_at = models.DateTimeField(_("thời gian bắt đầu"), help_text=_("Giờ Việt Nam (UTC+7)."))
    end_at = models.DateTimeField(_("thời gian kết thúc"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    format = models.CharField(
        _("hình thức"), max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    bridge_points = models.PositiveSmallIntegerField(
        _("số điểm cầu"), null=True, blank=True, help_text=_("Với hình thức trực tuyến hoặc kết hợp.")
    )
    chair = models.ForeignKey(
        Person, verbose_name=_("chủ trì"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attendees = models.ManyToManyField(Person, verbose_name=_("thành phần dự (cá nhân)"), blank=True, related_name="+")
    attending_units = models.ManyToManyField(
        Unit, verbose_name=_("thành phần dự (đơn vị)"), blank=True, related_name="+"
    )
    agenda = models.TextField(_("chương trình"), blank=True, help_text=_("Mỗi nội dung một dòng."))
    summary = models.TextField(_("nội dung tóm tắt"), blank=True)
    conclusions = models.TextField(_("kết luận"), blank=True, help_text=_("Mỗi kết luận một đoạn."))
    news_article = models.ForeignKey(
        "news.Article",
        verbose_name=_("bài tin đưa tin cuộc họp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stats_release = models.ForeignKey(
        "stats.Release",
        verbose_name=_("kỳ số liệu trình bày tại cuộc họp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The conclusion notice (Thông báo kết luận) the units receive: part of the record, so
    # approved with it and kept in its revisions.
    notice_number = models.CharField(
        _("số thông báo kết luận"), max_length=50, blank=True, help_text=_("Ví dụ: 25/TB-BTTTT.")
    )
    notice_date = models.DateField(_("ngày thông báo"), null=True, blank=True)
    notice_signer = models.ForeignKey(
        Person, verbose_name=_("người ký thông báo"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notice_recipients = models.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi nơi nhận một dòng."))
    # Meetings are internal unless the board decides otherwise.
    is_internal = models.BooleanField(
        _("chỉ lưu hành nội bộ"),
        default=True,
        help_text=_("Cuộc họp nội bộ chỉ cán bộ đã đăng nhập mới xem được; tóm tắt công khai được duyệt riêng."),
    )
    # The names of the units and people the approved record shows (chair, attendees,
    # attending units, each directive's units and people) as they were when the board
    # approved it: a later rename of a unit does not rewrite a published record. Written by
    # ``services.snapshot_names`` at each approval; empty before the first one.
    shown_names = models.JSONField(_("tên đơn vị, cán bộ khi duyệt"), default=dict, blank=True, editable=False)

    class Meta(EditorialModel.Meta):
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")
        ordering = ["-start_at", "-id"]
        indexes = [
            *EditorialModel.Meta.indexes,  # meeting_schedule_idx, meeting_expiry_idx
            models.Index(fields=["live", "is_internal", "-start_at"], name="meeting_list_idx"),
            # The lists (page, calendar feed, home section) in their order: the visibility
            # test is an OR over the public summary, so no other index gives the order.
            models.Index(fields=["-start_at", "-id"], name="meeting_start_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.slug])

    def agenda_items(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.agenda.splitlines() if line.strip(" -•\t")]

    def conclusion_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.conclusions.split("\n") if p.strip()]

    def notice_label(self) -> str:
        """ "TB 25/TB-BTTTT" once the notice has a number, else ""."""
        return f"TB {self.notice_number}" if self.notice_number else ""

    def recipient_lines(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.notice_recipients.splitlines() if line.strip(" -•\t")]

    def format_label(self) -> str:
        label = str(MeetingFormat(self.format).label)
        if self.format != MeetingFormat.IN_PERSON and self.bridge_points:
            return _("%(format)s, %(n)s điểm cầu") % {"format": label, "n": self.bridge_points}
        return label


class PublicSummary(EditorialModel):
    """What readers outside the ministry may know of a meeting; approved on its own."""

    meeting = models.OneToOneField(
        Meeting, verbose_name=_("cuộc họp"), on_delete=models.CASCADE, related_name="public_summary"
    )
    title = models.CharField(_("tiêu đề công khai"), max_length=300)
    # Readers reach the summary at its own address, made from its public title: the
    # internal record's slug (made from the internal title) is never shown to them.
    slug = models.SlugField(
        _("đường dẫn công khai"),
        max_length=300,
        unique=True,
        blank=True,
        help_text=_("Để trống: tự tạo từ tiêu đề công khai (bỏ dấu, “đ” thành “d”)."),
    )
    text = models.TextField(_("nội dung tóm tắt công khai"), help_text=_("Mỗi đoạn một dòng."))

    class Meta(EditorialModel.Meta):  # publicsummary_schedule_idx, publicsummary_expiry_idx
        verbose_name = _("tóm tắt công khai")
        verbose_name_plural = _("tóm tắt công khai")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.slug])

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n") if p.strip()]


def _upload_to(instance, filename: str) -> str:
    import secrets

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"meetings/{timezone.now():%Y/%m}/{secrets.token_hex(12)}.{ext}"


class Attachment(models.Model):
    """Minutes and documents of a meeting (PDF or DOCX), served only to who may read it."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("cuộc họp"), on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField(_("tên tài liệu"), max_length=300)
    file = models.FileField(_("tệp"), upload_to=_upload_to, storage=private_storage, max_length=300)
    original_name = models.CharField(_("tên tệp gốc"), max_length=300, blank=True, editable=False)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu")
        verbose_name_plural = _("tài liệu (biên bản PDF/DOCX)")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:attachment", args=[self.pk])

    @property
    def extension(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if self.file else ""


class DirectiveQuerySet(models.QuerySet):
    def in_effect(self):
        """Directives in force: their meeting's record was approved and not withdrawn
        (``live``). A directive of a draft, pending or withdrawn record does not exist yet
        for the tracker, its counts, "my directives", exports, progress or reminders."""
        return self.filter(meeting__live=True)

    def with_status(self, today: dt.date | None = None):
        """Annotate ``status`` (``status_q`` gives the same rule as a filter)."""
        today = today or timezone.localdate()
        return self.annotate(
            status=Case(
                *(When(status_q(s, today), then=Value(s.value)) for s in STATUS_ORDER[:-1]),
                default=Value(STATUS_ORDER[-1].value),
                output_field=models.CharField(),
            )
        )

    def with_status_filter(self, status: str, today: dt.date | None = None):
        """Only the directives of one status, as plain conditions on indexed columns (the
        annotated ``status`` cannot use an index)."""
        return self.filter(status_q(DirectiveStatus(status), today or timezone.localdate()))


# The order the rules are tried in: a verified completion wins, then a completion waiting
# for Văn phòng, then an ongoing directive, then the (possibly extended) deadline.
STATUS_ORDER = (
    DirectiveStatus.DONE,
    DirectiveStatus.REPORTED,
    DirectiveStatus.ONGOING,
    DirectiveStatus.OVERDUE,
    DirectiveStatus.IN_PROGRESS,
    DirectiveStatus.NOT_STARTED,
)


def status_q(status: DirectiveStatus, today: dt.date) -> Q:
    """The directives of ``status`` on ``today``, exclusive of each other."""
    done = Q(completed_on__isnull=False)
    reported = Q(completed_on__isnull=True, reported_done_on__isnull=False)
    open_ = Q(completed_on__isnull=True, reported_done_on__isnull=True)
    ongoing = open_ & Q(deadline_kind=DeadlineKind.ONGOING)
    dated_open = open_ & ~Q(deadline_kind=DeadlineKind.ONGOING)
    overdue = dated_open & Q(due_on__lt=today)
    not_overdue = dated_open & (Q(due_on__gte=today) | Q(due_on__isnull=True))
    return {
        DirectiveStatus.DONE: done,
        DirectiveStatus.REPORTED: reported,
        DirectiveStatus.ONGOING: ongoing,
        DirectiveStatus.OVERDUE: overdue,
        DirectiveStatus.IN_PROGRESS: not_overdue & Q(last_progress_at__isnull=False),
        DirectiveStatus.NOT_STARTED: not_overdue & Q(last_progress_at__isnull=True),
    }[status]


class Directive(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("cuộc họp giao"), on_delete=models.CASCADE, related_name="directives"
    )
    # 1..n in the order of the record, given by the record (``services.number_entries``),
    # never typed; unique per meeting (checked at commit, so that a change may reorder).
    number = models.PositiveSmallIntegerField(_("số thứ tự"), default=1)
    text = models.TextField(_("nội dung nhiệm vụ"))
    giver = models.ForeignKey(
        Person, verbose_name=_("người giao"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lead_unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="led_directives"
    )
    lead_person = models.ForeignKey(
        Person,
        verbose_name=_("người chủ trì"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_directives",
    )
    supporting_units = models.ManyToManyField(
        Unit, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="supported_directives"
    )
    # The deadline as the record gave it (a month or quarter: its last day; none for an
    # ongoing directive or one without a deadline). Extensions never change it.
    deadline = models.DateField(_("thời hạn"), null=True, blank=True, db_index=True)
    deadline_kind = models.CharField(
        _("kiểu thời hạn"), max_length=8, choices=DeadlineKind.choices, default=DeadlineKind.DATE
    )
    no_deadline_reason = models.CharField(_("lý do không có thời hạn"), max_length=300, blank=True)
    # Follow-up, never part of the record's content: set by an approved extension.
    extended_deadline = models.DateField(_("thời hạn sau gia hạn"), null=True, blank=True, editable=False)
    # The deadline in force: the extended one, else the record's. Every status and count
    # reads it (indexed).
    due_on = models.GeneratedField(
        expression=Coalesce(F("extended_deadline"), F("deadline")),
        output_field=models.DateField(),
        db_persist=True,
        verbose_name=_("hạn đang áp dụng"),
    )
    # The lead unit's report of completion, waiting for Văn phòng.
    reported_done_on = models.DateField(_("ngày hoàn thành (đơn vị báo cáo)"), null=True, blank=True, editable=False)
    reported_at = models.DateTimeField(_("báo cáo hoàn thành lúc"), null=True, blank=True, editable=False)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người báo cáo hoàn thành"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", editable=False,
    )  # fmt: skip
    completion_document = models.FileField(
        _("văn bản minh chứng"), upload_to=_upload_to, storage=private_storage, max_length=300, blank=True,
        editable=False,
    )  # fmt: skip
    # Set only when Văn phòng verifies the report: only a verified completion is "done".
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    completion_evidence = models.TextField(
        _("kết quả, minh chứng hoàn thành"), blank=True, help_text=_("Ví dụ: số văn bản đã ban hành.")
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Văn phòng xác nhận"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", editable=False,
    )  # fmt: skip
    verified_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True, editable=False)
    last_progress_at = models.DateTimeField(_("cập nhật tiến độ gần nhất"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["deadline", "meeting_id", "number", "id"]
        indexes = [
            models.Index(fields=["lead_unit", "due_on"], name="directive_unit_due_idx"),
            models.Index(fields=["completed_on", "due_on"], name="directive_open_idx"),
            # The tracker's list order and its status filters on open directives.
            models.Index(
                fields=["due_on", "id"], condition=Q(completed_on__isnull=True), name="directive_open_due_idx"
            ),
            models.Index(fields=["lead_person", "due_on"], name="directive_person_due_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="directive_number_unique", deferrable=Deferrable.DEFERRED
            ),
            models.CheckConstraint(
                condition=Q(deadline__isnull=False) | Q(deadline_kind__in=["ongoing", "none"]),
                name="directive_dated_kind_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("meetings:directive", args=[self.pk])

    @property
    def current_deadline(self) -> dt.date | None:
        """The deadline in force (``due_on`` before the row is read back)."""
        return self.extended_deadline or self.deadline

    def status_on(self, today: dt.date | None = None) -> str:
        """The same rule as ``DirectiveQuerySet.with_status``, for one object."""
        annotated = getattr(self, "status", None)
        if annotated and today is None:
            return annotated
        today = today or timezone.localdate()
        due = self.current_deadline
        if self.completed_on:
            return DirectiveStatus.DONE.value
        if self.reported_done_on:
            return DirectiveStatus.REPORTED.value
        if self.deadline_kind == DeadlineKind.ONGOING:
            return DirectiveStatus.ONGOING.value
        if due is not None and due < today:
            return DirectiveStatus.OVERDUE.value
        if self.last_progress_at:
            return DirectiveStatus.IN_PROGRESS.value
        return DirectiveStatus.NOT_STARTED.value

    def status_label(self) -> str:
        return str(DirectiveStatus(self.status_on()).label)

    def days_late(self, today: dt.date | None = None) -> int:
        """Days past the deadline in force: of the completion when done (or reported),
        else of today; 0 when on time or without a deadline."""
        due = self.current_deadline
        if due is None or self.deadline_kind == DeadlineKind.ONGOING:
            return 0
        end = self.completed_on or self.reported_done_on or today or timezone.localdate()
        return max(0, (end - due).days)

    def status_text(self, today: dt.date | None = None) -> str:
        """The status as a reader wants it: "Quá hạn 12 ngày", "Hoàn thành trễ 3 ngày"."""
        status = self.status_on(today)
        late = self.days_late(today)
        if status == DirectiveStatus.OVERDUE:
            return gettext("Quá hạn %(n)s ngày") % {"n": late}
        if status == DirectiveStatus.DONE:
            return gettext("Hoàn thành trễ %(n)s ngày") % {"n": late} if late else gettext("Hoàn thành đúng hạn")
        return str(DirectiveStatus(status).label)

    @property
    def completed_late(self) -> bool:
        due = self.current_deadline
        return bool(self.completed_on and due and self.completed_on > due)

    def deadline_label(self) -> str:
        from .deadlines import format_deadline

        return format_deadline(self.deadline, self.deadline_kind, capital=True)

    def current_deadline_label(self) -> str:
        """The deadline in force, with the original one when it was extended."""
        if self.extended_deadline:
            return gettext("%(new)s (gia hạn từ %(old)s)") % {
                "new": self.extended_deadline.strftime("%d/%m/%Y"),
                "old": self.deadline_label() or "—",
            }
        return self.deadline_label()

    def reference(self) -> str:
        """ "TB 25/TB-BTTTT, mục 3" (the notice and item the units cite); "mục 3" before the
        notice has a number."""
        notice = self.meeting.notice_label()
        item = gettext("mục %(n)s") % {"n": self.number}
        return f"{notice}, {item}" if notice else item


class ProgressUpdate(models.Model):
    directive = models.ForeignKey(
        Directive, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="progress_updates"
    )
    on = models.DateField(_("ngày cập nhật"))
    text = models.TextField(_("nội dung tiến độ"))
    attachment = models.FileField(
        _("tệp kèm theo"), upload_to=_upload_to, storage=private_storage, max_length=300, blank=True
    )
    marks_done = models.BooleanField(_("báo cáo hoàn thành"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người cập nhật"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("cập nhật tiến độ")
        verbose_name_plural = _("cập nhật tiến độ")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on:%d/%m/%Y}: {self.text[:60]}"

    def author_name(self) -> str:
        """The author as Vietnamese write a name: the linked person's full name, else
        ``person_name`` (family name first)."""
        from django.core.exceptions import ObjectDoesNotExist

        user = self.author
        try:
            person = user.meeting_person
        except ObjectDoesNotExist:
            person = None
        if person is not None and person.full_name:
            return person.full_name
        return person_name(user)


class DeadlineExtension(models.Model):
    """A lead unit's request to move a deadline, and Văn phòng's decision. The record's
    deadline is never changed: an approved request sets ``Directive.extended_deadline``."""

    directive = models.ForeignKey(
        Directive, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="extensions"
    )
    previous_deadline = models.DateField(_("thời hạn trước khi gia hạn"), null=True, blank=True)
    requested_deadline = models.DateField(_("thời hạn đề nghị"))
    reason = models.TextField(_("lý do đề nghị gia hạn"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("đề nghị lúc"), default=timezone.now)
    state = models.CharField(
        _("tình trạng"), max_length=10, choices=ExtensionState.choices, default=ExtensionState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến của Văn phòng"), blank=True)

    class Meta:
        verbose_name = _("đề nghị gia hạn")
        verbose_name_plural = _("đề nghị gia hạn")
        ordering = ["requested_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["directive"], condition=Q(state="cho-duyet"), name="one_pending_extension")
        ]

    def __str__(self) -> str:
        return f"{self.directive_id}: {self.requested_deadline:%d/%m/%Y}"


class DirectiveEvent(models.Model):
    """The follow-up history of a directive: completion reports, verifications, returns
    and extension decisions, with who, when and what was said. Append-only."""

    directive = models.ForeignKey(
        Directive, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("sự kiện"), max_length=16, choices=DirectiveEventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    note = models.TextField(_("nội dung"), blank=True)

    class Meta:
        verbose_name = _("lịch sử theo dõi nhiệm vụ")
        verbose_name_plural = _("lịch sử theo dõi nhiệm vụ")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.at:%d/%m/%Y})"


class DigestLog(models.Model):
    """One row per addressee key (a unit's digest, Văn phòng's escalation) per day,
    inserted before the e-mail is sent: a second run, on this server or another, finds it
    and sends nothing."""

    day = models.DateField(_("ngày"))
    key = models.CharField(_("khóa"), max_length=40)
    kind = models.CharField(_("loại nhắc"), max_length=16, choices=ReminderKind.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.SET_NULL)
    recipients = models.TextField(_("người nhận"))
    directives = models.PositiveIntegerField(_("số nhiệm vụ"), default=0)
    sent_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("thư tổng hợp đã gửi")
        verbose_name_plural = _("thư tổng hợp đã gửi")
        constraints = [models.UniqueConstraint(fields=["day", "key"], name="digest_once_per_day")]


class ReminderLog(models.Model):
    """One row per directive per day, inserted before the e-mail is sent: a second run
    (or a second server running at the same time) finds it and sends nothing."""

    directive = models.ForeignKey(
        Directive, verbose_name=_("nhiệm vụ"), on_delete=models.CASCADE, related_name="reminders"
    )
    day = models.DateField(_("ngày"))
    kind = models.CharField(_("loại nhắc"), max_length=16, choices=ReminderKind.choices)
    recipient = models.EmailField(_("người nhận"))
    sent_at = models.DateTimeField(_("gửi lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("nhắc việc đã gửi")
        verbose_name_plural = _("nhắc việc đã gửi")
        constraints = [models.UniqueConstraint(fields=["directive", "day"], name="reminder_once_per_day")]


OPEN = Q(completed_on__isnull=True)
