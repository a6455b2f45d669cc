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
    DATE = "date", _("Ngày")
    MONTH = "month", _("Tháng")


class DirectiveStatus(models.TextChoices):
    """Derived, never typed: see ``DirectiveQuerySet.with_status``."""

    NOT_STARTED = "chua-thuc-hien", _("Chưa thực hiện")
    IN_PROGRESS = "dang-thuc-hien", _("Đang thực hiện")
    DONE = "hoan-thanh", _("Hoàn thành")
    OVERDUE = "qua-han", _("Quá hạn")


class ReminderKind(models.TextChoices):
    DUE_SOON = "sap-den-han", _("Sắp đến hạn")
    OVERDUE = "qua-han", _("Quá hạn")
