"""The workflow's storage: the abstract content model, revisions and the audit log.

A content model inherits ``EditorialModel``. While an item is not live, its row is the
working copy. Once live, the row is what readers see: later edits are kept as revisions
(``has_unpublished_changes``) and copied onto the row only when the board approves them.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import Action, ChangeKind, RevisionKind, State


def window_q(at=None, prefix: str = "") -> Q:
    """The time half of the visibility rule: publish time reached, expiry not reached."""
    at = at or timezone.now()
    return Q(**{f"{prefix}publish_at__lte": at}) & (
        Q(**{f"{prefix}expire_at__isnull": True}) | Q(**{f"{prefix}expire_at__gt": at})
    )


def live_q(at=None, prefix: str = "") -> Q:
    """The condition "readers can see it at ``at``" (default now): approved, publish time
    reached, expiry not reached; ``prefix`` ("meeting__") applies it across a relation.
    ``permissions.is_live_at`` is the same rule for a loaded object."""
    return Q(**{f"{prefix}live": True}) & window_q(at, prefix)


class EditorialQuerySet(models.QuerySet):
    def live_at(self, at=None):
        """Items readers can see at ``at`` (default now). No worker is needed: the clock decides."""
        return self.filter(live_q(at))

    def visible_to(self, user, at=None):
        """What ``user`` may read on the public site now: internal items need staff."""
        from .permissions import may_see_internal

        qs = self.live_at(at)
        if not may_see_internal(user):
            qs = qs.filter(is_internal=False)
        return qs

    def public(self, at=None):
        """What an anonymous reader sees (feeds, sitemap, cached pages)."""
        return self.live_at(at).filter(is_internal=False)


# Fields that belong to the workflow, not to the content: never copied by revisions.
WORKFLOW_FIELDS = frozenset(
    {
        "id",
        "state",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "created_by",
        "created_at",
        "updated_at",
        "updated_by",
        "submitted_by",
        "version",
    }
)


class EditorialModel(models.Model):
    state = models.CharField(_("trạng thái"), max_length=16, choices=State.choices, default=State.DRAFT, db_index=True)
    live = models.BooleanField(
        _("đang xuất bản"),
        default=False,
        editable=False,
        help_text=_("Bạn đọc thấy bản đã duyệt (hoặc sẽ thấy khi đến giờ xuất bản)."),
    )
    has_unpublished_changes = models.BooleanField(_("có thay đổi chưa duyệt"), default=False, editable=False)
    is_internal = models.BooleanField(
        _("chỉ lưu hành nội bộ"),
        default=False,
        help_text=_("Mục nội bộ chỉ cán bộ đã đăng nhập mới xem được."),
    )
    publish_at = models.DateTimeField(
        _("thời điểm xuất bản"),
        null=True,
        blank=True,
        help_text=_(
            "Giờ Việt Nam (UTC+7). Để trống: xuất bản ngay khi được duyệt. "
            "Một thời điểm trong tương lai: mục tự xuất hiện khi đến giờ."
        ),
    )
    expire_at = models.DateTimeField(
        _("thời điểm hết hạn"),
        null=True,
        blank=True,
        help_text=_("Giờ Việt Nam (UTC+7). Mục tự gỡ khỏi trang khi đến giờ này."),
    )
    first_published_at = models.DateTimeField(_("lần đầu xuất bản"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi duyệt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người sửa cuối"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    objects = EditorialQuerySet.as_manager()

    class Meta:
        abstract = True
        # The next scheduled change (portal.pagecache.schedule.next_change): the earliest
        # publish or expiry time still ahead, one index entry per model. A model with indexes
        # of its own writes ``class Meta(EditorialModel.Meta)`` and
        # ``indexes = [*EditorialModel.Meta.indexes, …]``.
        indexes = [
            models.Index(fields=["publish_at"], condition=models.Q(live=True), name="%(class)s_schedule_idx"),
            models.Index(
                fields=["expire_at"],
                condition=models.Q(live=True, expire_at__isnull=False),
                name="%(class)s_expiry_idx",
            ),
        ]

    # -- display helpers (no business logic) --------------------------------------
    @property
    def is_scheduled(self) -> bool:
        return bool(self.live and self.publish_at and self.publish_at > timezone.now())

    @property
    def is_expired(self) -> bool:
        return bool(self.live and self.expire_at and self.expire_at <= timezone.now())

    def state_label(self) -> str:
        from django.utils.formats import date_format

        if self.state == State.PUBLISHED and self.is_scheduled:
            local = timezone.localtime(self.publish_at)
            return _("Đã lên lịch (%(at)s)") % {"at": date_format(local, "d/m/Y H:i")}
        if self.state == State.PUBLISHED and self.is_expired:
            return _("Đã hết hạn")
        label = State(self.state).label
        if self.live and self.state != State.PUBLISHED:
            return _("%(state)s · bản cũ vẫn đang xuất bản") % {"state": label}
        return label

    @classmethod
    def revision_fields(cls):
        """Concrete and many-to-many content fields copied into revisions."""
        fields = []
        for f in cls._meta.get_fields():
            if not getattr(f, "concrete", False) and not f.many_to_many:
                continue
            if f.auto_created or f.name in WORKFLOW_FIELDS or not getattr(f, "editable", True):
                continue
            if f.many_to_many and not f.concrete:
                continue
            fields.append(f)
        return fields


class Revision(models.Model):
    """A snapshot of an item's content, kept at every save."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField(_("số phiên bản"))
    kind = models.CharField(_("loại"), max_length=16, choices=RevisionKind.choices, default=RevisionKind.SAVE)
    state = models.CharField(_("trạng thái khi lưu"), max_length=16, choices=State.choices)
    data = models.JSONField(encoder=DjangoJSONEncoder)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lưu"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("lưu lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("phiên bản")
        verbose_name_plural = _("phiên bản")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "number"], name="revision_unique_number")
        ]

    def __str__(self) -> str:
        return f"#{self.number}"


class AppendOnlyError(Exception):
    pass


class TransitionLog(models.Model):
    """One row per workflow transition; never edited or deleted (database triggers refuse
    UPDATE, DELETE and TRUNCATE as well)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("thao tác"), max_length=16, choices=Action.choices)
    from_state = models.CharField(_("từ"), max_length=16, choices=State.choices)
    to_state = models.CharField(_("sang"), max_length=16, choices=State.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)
    comment = models.TextField(_("ghi chú"), blank=True)
    publish_at = models.DateTimeField(_("xuất bản lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lịch sử duyệt")
        verbose_name_plural = _("lịch sử duyệt")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"]),
            # The audit list in the admin: newest first, one page at a time.
            models.Index(fields=["-at", "-id"], name="transitionlog_newest_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.get_from_state_display()} → {self.get_to_state_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Lịch sử duyệt không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Lịch sử duyệt không được xoá.")


class _AppendOnly(models.Model):
    """Rows that are written once and never changed (triggers refuse it in the database too)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Nhật ký chỉ được thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Nhật ký không được xoá.")


class ChangeLog(_AppendOnly):
    """One row per change of a reference record that pages or permissions depend on
    (units, people and their accounts, the statistics catalogue, categories): who, when,
    what, and each changed field's old and new value."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("loại dữ liệu"))
    object_id = models.PositiveBigIntegerField(_("mã bản ghi"))
    object_repr = models.CharField(_("bản ghi"), max_length=300)
    kind = models.CharField(_("thao tác"), max_length=8, choices=ChangeKind.choices)
    changes = models.JSONField(_("thay đổi"), default=dict, encoder=DjangoJSONEncoder)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("nhật ký sửa danh mục")
        verbose_name_plural = _("nhật ký sửa danh mục")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.object_repr}"


class PreviewLog(_AppendOnly):
    """Who opened an item's figures or text before readers could (an embargoed release's
    preview, grid or import template): one row per view."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("loại dữ liệu"))
    object_id = models.PositiveBigIntegerField(_("mã bản ghi"))
    what = models.CharField(_("trang đã xem"), max_length=60)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xem"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("lượt xem trước khi công bố")
        verbose_name_plural = _("lượt xem trước khi công bố")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.what} — {self.at:%d/%m/%Y %H:%M}"


class Assignment(_AppendOnly):
    """ "Giao cho": who an item was given to, by whom and when. A new row for every
    assignment (the latest is current); none is ever changed."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("loại dữ liệu"))
    object_id = models.PositiveBigIntegerField(_("mã bản ghi"))
    item = GenericForeignKey("content_type", "object_id")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("giao cho"), on_delete=models.PROTECT, related_name="+"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người giao"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("giao việc")
        verbose_name_plural = _("giao việc")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"]),
            models.Index(fields=["assignee", "at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.object_id} → {self.assignee_id}"


class Note(_AppendOnly):
    """One message of an item's notes thread between reporter, editor and board: kept
    with the item, never shown on the public page."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("loại dữ liệu"))
    object_id = models.PositiveBigIntegerField(_("mã bản ghi"))
    item = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người viết"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("nội dung"))
    at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        verbose_name = _("trao đổi")
        verbose_name_plural = _("trao đổi")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return self.text[:60]


class FailedMail(models.Model):
    """A notification that could not be sent: kept with its item and sent again by the
    next transition of any item or by ``manage.py resend_notifications``."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    recipients = models.JSONField(default=list)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("thư chưa gửi được")
        verbose_name_plural = _("thư chưa gửi được")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["sent_at", "created_at"])]

    def __str__(self) -> str:
        return self.subject
