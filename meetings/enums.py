"""Choices of the meetings app, with Vietnamese labels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    MONTHLY = "giao-ban-thang", _("Giao ban tháng")
    QUARTERLY = "giao-ban-quy", _("Giao ban quý")
    WORKING = "lam-viec", _("Làm việc với đơn vị")
    PRESS = "hop-bao", _("Họp báo")
    THEMATIC = "chuyen-de", _("Chuyên đề")


class MeetingFormat(models.TextChoices):
    IN_PERSON = "truc-tiep", _("Trực tiếp")
    ONLINE = "truc-tuyen", _("Trực tuyến")
    HYBRID = "ket-hop", _("Kết hợp")


class DeadlineKind(models.TextChoices):
    """How a directive's deadline was given: a day, a month or a quarter (meaning its last
    day), ongoing ("thường xuyên", reported monthly, never overdue as a whole) or none (with
    a reason recorded)."""

    DATE = "date", _("Ngày")
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    ONGOING = "ongoing", _("Thường xuyên")
    NONE = "none", _("Không thời hạn")


# Kinds whose deadline is a day (the others have none).
DATED_KINDS = ("date", "month", "quarter")


class DirectiveStatus(models.TextChoices):
    """Derived, never typed: see ``DirectiveQuerySet.with_status``."""

    NOT_STARTED = "chua-thuc-hien", _("Chưa thực hiện")
    IN_PROGRESS = "dang-thuc-hien", _("Đang thực hiện")
    ONGOING = "thuong-xuyen", _("Thường xuyên")
    REPORTED = "cho-xac-nhan", _("Chờ xác nhận hoàn thành")
    DONE = "hoan-thanh", _("Hoàn thành")
    OVERDUE = "qua-han", _("Quá hạn")


class ExtensionState(models.TextChoices):
    PENDING = "cho-duyet", _("Chờ Văn phòng xem xét")
    APPROVED = "dong-y", _("Đã đồng ý")
    REFUSED = "tu-choi", _("Không đồng ý")


class DirectiveEventKind(models.TextChoices):
    """The follow-up history of a directive (who, when, what was said)."""

    REPORTED = "bao-cao-xong", _("Báo cáo hoàn thành")
    VERIFIED = "xac-nhan", _("Văn phòng xác nhận hoàn thành")
    RETURNED = "tra-lai", _("Văn phòng trả lại báo cáo hoàn thành")
    EXTENSION_REQUESTED = "xin-gia-han", _("Đề nghị gia hạn")
    EXTENSION_APPROVED = "dong-y-gia-han", _("Đồng ý gia hạn")
    EXTENSION_REFUSED = "tu-choi-gia-han", _("Không đồng ý gia hạn")


class ReminderKind(models.TextChoices):
    DUE_SOON = "sap-den-han", _("Sắp đến hạn")
    OVERDUE = "qua-han", _("Quá hạn")
    DIGEST = "tong-hop", _("Thư tổng hợp của đơn vị")
    ESCALATION = "bao-van-phong", _("Báo Văn phòng nhiệm vụ quá hạn lâu")
