"""Monthly sector statistics: sectors, indicators, releases and their values.

A release passes through the editorial workflow like a news article. Its figures live in
``Value`` rows and, with the indicators' names and units as the release shows them
(``Release.catalogue``), in every revision of the release (``stats.parts``): while a
release is live, edits wait in the workflow's pending revision and reach the rows only
when the board approves them (a correction, recorded with its note and the superseded
figures).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.text import person_name
from portal.editorial.models import EditorialModel


class Sector(models.Model):
    code = models.SlugField(_("mã lĩnh vực"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    code = models.SlugField(
        _("mã chỉ tiêu"),
        max_length=60,
        unique=True,
        help_text=_("Mã ổn định, dùng trong tệp nhập số liệu và trong địa chỉ trang chỉ tiêu."),
    )
    sector = models.ForeignKey(Sector, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="indicators")
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=300, blank=True)
    unit = models.CharField(_("đơn vị tính"), max_length=60, blank=True, help_text=_("Ví dụ: triệu thuê bao, %"))
    unit_en = models.CharField(_("đơn vị tính (tiếng Anh)"), max_length=60, blank=True)
    definition = models.TextField(_("định nghĩa"), blank=True)
    definition_en = models.TextField(_("định nghĩa (tiếng Anh)"), blank=True)
    source_unit = models.CharField(_("đơn vị cung cấp số liệu"), max_length=200, blank=True)
    decimals = models.PositiveSmallIntegerField(_("số chữ số thập phân hiển thị"), default=0)
    kind = models.CharField(
        _("loại chỉ tiêu"),
        max_length=10,
        choices=[
            ("count", _("số đếm (thay đổi tính bằng đơn vị của chỉ tiêu)")),
            ("rate", _("tỷ lệ, tỷ trọng (thay đổi tính bằng điểm phần trăm)")),
            ("amount", _("tiền, sản lượng (thay đổi tính bằng %)")),
        ],
        blank=True,
        help_text=_("Quyết định cách tính mức thay đổi (stats/changes.py). Để trống: suy ra từ đơn vị tính."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("chỉ tiêu tổng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        help_text=_("Chỉ tiêu này là một phần của chỉ tiêu tổng (ví dụ: sự cố Phishing trong tổng số sự cố)."),
    )
    required = models.BooleanField(
        _("bắt buộc có giá trị"),
        default=False,
        help_text=_("Tệp nhập có dòng của chỉ tiêu này thì phải có giá trị."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["sector__order", "order", "id"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("stats:indicator", args=[self.code])


class Release(EditorialModel):
    """One month's release: "Tổng quan một số lĩnh vực ngành TT&TT tháng MM/YYYY".
    Its release time is ``publish_at``: before it, the release is under embargo."""

    # The board's queue flags a waiting release with its embargo (portal/editorial/desk.py).
    editorial_embargo = True

    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    month = models.PositiveSmallIntegerField(_("tháng"), choices=[(m, str(m)) for m in range(1, 13)])
    notes = models.TextField(_("ghi chú"), blank=True)
    notes_en = models.TextField(_("ghi chú (tiếng Anh)"), blank=True)
    # The indicators as this release shows them to readers (code -> name, unit, decimals,
    # definition, sector…), fixed when the board approves the release: renaming an
    # indicator in the catalogue reaches a published release only through a correction.
    # Empty until first approved (the current catalogue is shown meanwhile). Kept in every
    # revision as the "catalogue" part, not as a revision field.
    catalogue = models.JSONField(_("danh mục chỉ tiêu khi duyệt"), default=dict, blank=True, editable=False)
    # The summary paragraph at the top of the release (stats.summary): written from the
    # figures when they are saved, editable until approval, kept in every revision.
    summary = models.TextField(
        _("tóm tắt"),
        blank=True,
        help_text=_("Tự động viết từ số liệu khi lưu bảng số liệu (nếu chưa ai sửa tay); có thể sửa trước khi duyệt."),
    )
    summary_en = models.TextField(_("tóm tắt (tiếng Anh)"), blank=True)
    # The last generated texts: a summary still equal to them was not edited by hand.
    summary_generated = models.JSONField(default=dict, blank=True, editable=False)
    provisional = models.BooleanField(
        _("số liệu sơ bộ"), default=False, help_text=_("Đánh dấu khi số liệu còn là ước tính, sẽ được cập nhật.")
    )
    next_release_at = models.DateTimeField(
        _("kỳ công bố tiếp theo"),
        null=True,
        blank=True,
        help_text=_("Giờ Việt Nam (UTC+7). Để trống: theo lịch công bố."),
    )
    contact_unit = models.CharField(_("đơn vị chịu trách nhiệm"), max_length=200, blank=True)
    contact_phone = models.CharField(_("điện thoại liên hệ"), max_length=40, blank=True)
    contact_email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    meeting_url = models.CharField(
        _("liên kết hội nghị công bố"),
        max_length=300,
        blank=True,
        help_text=_("Địa chỉ trang hội nghị giao ban đã trình bày số liệu (ví dụ /giao-ban/…/)."),
    )
    article_url = models.CharField(
        _("liên kết bài tin"),
        max_length=300,
        blank=True,
        help_text=_("Địa chỉ bài tin đưa số liệu (ví dụ /tin-tuc/…/)."),
    )

    class Meta(EditorialModel.Meta):  # release_schedule_idx, release_expiry_idx
        verbose_name = _("kỳ công bố số liệu")
        verbose_name_plural = _("kỳ công bố số liệu")
        ordering = ["-year", "-month"]
        constraints = [models.UniqueConstraint(fields=["year", "month"], name="stats_release_unique_period")]

    def __str__(self) -> str:
        return _("Tổng quan một số lĩnh vực ngành TT&TT tháng %(mm)02d/%(yyyy)s") % {
            "mm": self.month,
            "yyyy": self.year,
        }

    @property
    def period(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def period_label(self) -> str:
        return f"{self.month:02d}/{self.year:04d}"

    def get_absolute_url(self) -> str:
        return reverse("stats:release", args=[self.year, self.month])

    def clean(self):
        from django.core.exceptions import ValidationError

        for name in ("meeting_url", "article_url"):
            value = getattr(self, name)
            if value and not (value.startswith("/") or value.startswith("https://") or value.startswith("http://")):
                raise ValidationError({name: _("Liên kết phải bắt đầu bằng / hoặc https://.")})


class Value(models.Model):
    release = models.ForeignKey(Release, verbose_name=_("kỳ công bố"), on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(_("giá trị"), max_digits=24, decimal_places=6, null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    note_en = models.CharField(_("ghi chú (tiếng Anh)"), max_length=500, blank=True)
    # Changes the source states ("tăng 3% so với cùng kỳ"), by base: see stats/changes.py
    # (STATED_SCHEMA). They take the place of a computed change.
    stated = models.JSONField(_("mức thay đổi theo báo cáo"), default=dict, blank=True)

    class Meta:
        verbose_name = _("giá trị")
        verbose_name_plural = _("giá trị")
        constraints = [models.UniqueConstraint(fields=["release", "indicator"], name="stats_value_unique")]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value}"


class Correction(models.Model):
    """A correction of a published release: the note, and the figures it replaced."""

    release = models.ForeignKey(
        Release, verbose_name=_("kỳ công bố"), on_delete=models.CASCADE, related_name="corrections"
    )
    number = models.PositiveSmallIntegerField(_("lần đính chính"), default=0)
    note = models.TextField(_("nội dung đính chính"))
    note_en = models.TextField(_("nội dung đính chính (tiếng Anh)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề nghị"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    applied_at = models.DateTimeField(_("áp dụng lúc"), null=True, blank=True)
    superseded = models.JSONField(_("số liệu bị thay thế"), default=dict, blank=True)

    class Meta:
        verbose_name = _("đính chính")
        verbose_name_plural = _("đính chính")
        ordering = ["release", "number", "id"]

    def __str__(self) -> str:
        return _("Đính chính lần %(n)s") % {"n": self.number}


class PreReleaseAccess(models.Model):
    """The named pre-release list: staff accounts that may open a release's figures (admin
    preview, grid, import templates) during its embargo, besides the editors, the board
    and Quản trị. Kept by the board and Quản trị; every view is logged."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="stats_pre_release",
        help_text=_("Tài khoản cán bộ (có quyền đăng nhập trang quản trị)."),
    )
    note = models.CharField(
        _("ghi chú"), max_length=300, blank=True, help_text=_("Ví dụ: chức vụ, lý do được xem trước.")
    )
    added_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("người được xem trước số liệu")
        verbose_name_plural = _("danh sách xem trước số liệu")
        ordering = ["user__username"]

    def __str__(self) -> str:
        return person_name(self.user)


class AnnouncedRelease(models.Model):
    """The release calendar: a period and the time its release is planned for.
    It announces a date only, never a value."""

    year = models.PositiveSmallIntegerField(_("năm"))
    month = models.PositiveSmallIntegerField(_("tháng"), choices=[(m, str(m)) for m in range(1, 13)])
    planned_at = models.DateTimeField(_("dự kiến công bố lúc"), help_text=_("Giờ Việt Nam (UTC+7)."))
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    cancelled = models.BooleanField(
        _("đã hủy"),
        default=False,
        help_text=_("Lịch đã hủy vẫn ở trong tệp lịch (để lịch của người theo dõi cập nhật)."),
    )
    # iCalendar SEQUENCE: raised whenever the time changes or the entry is cancelled.
    sequence = models.PositiveIntegerField(_("lần sửa"), default=0, editable=False)

    class Meta:
        verbose_name = _("lịch công bố")
        verbose_name_plural = _("lịch công bố")
        ordering = ["planned_at"]
        constraints = [models.UniqueConstraint(fields=["year", "month"], name="stats_announced_unique_period")]

    def __str__(self) -> str:
        return f"{self.month:02d}/{self.year}"

    def save(self, *args, **kwargs):
        if self.pk:
            old = AnnouncedRelease.objects.filter(pk=self.pk).values("planned_at", "cancelled").first()
            if old and (old["planned_at"] != self.planned_at or old["cancelled"] != self.cancelled):
                self.sequence += 1
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)

    @property
    def period(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class ImportRecord(models.Model):
    """Every file imported into a release: who, when, how many figures changed, and, when
    totals did not add up, the reason the importer gave for saving anyway."""

    release = models.ForeignKey(Release, verbose_name=_("kỳ công bố"), on_delete=models.CASCADE, related_name="imports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    filename = models.CharField(_("tệp"), max_length=200)
    changed = models.PositiveIntegerField(_("số giá trị thay đổi"), default=0)
    mismatches = models.TextField(_("tổng không khớp"), blank=True)
    override_reason = models.TextField(_("lý do vẫn lưu"), blank=True)

    class Meta:
        verbose_name = _("lần nhập tệp")
        verbose_name_plural = _("lần nhập tệp")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.at:%d/%m/%Y %H:%M})"
