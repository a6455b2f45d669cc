"""States, actions and roles of the editorial-board approval workflow."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    DRAFT = "draft", _("Nháp")
    PENDING = "pending", _("Chờ duyệt")
    RETURNED = "returned", _("Trả lại")
    PUBLISHED = "published", _("Đã xuất bản")
    WITHDRAWN = "withdrawn", _("Đã gỡ")


class Action(models.TextChoices):
    SUBMIT = "submit", _("Gửi duyệt")
    RETURN = "return", _("Trả lại")
    PUBLISH = "publish", _("Duyệt và xuất bản")
    FORCE_PUBLISH = "force_publish", _("Xuất bản bắt buộc")
    WITHDRAW = "withdraw", _("Gỡ xuống")
    REOPEN = "reopen", _("Mở lại thành nháp")
    # Recorded, never requested: a live item was edited, its change waits for review.
    EDIT_LIVE = "edit_live", _("Sửa bản đã xuất bản")


class Role(models.TextChoices):
    """Each role is a Django group of that name, created by a data migration."""

    REPORTER = "Phóng viên", _("Phóng viên")
    EDITOR = "Biên tập viên", _("Biên tập viên")
    BOARD = "Ban Biên tập", _("Ban Biên tập")
    ADMIN = "Quản trị", _("Quản trị")
    # Units, people and their accounts; verifies directive completion. Not an editorial role:
    # it never writes, submits or approves content.
    SECRETARIAT = "Văn phòng", _("Văn phòng")


# The roles that write and approve content (the transition table's roles).
EDITORIAL_ROLES = frozenset({Role.REPORTER, Role.EDITOR, Role.BOARD, Role.ADMIN})


class RevisionKind(models.TextChoices):
    SAVE = "save", _("Lưu")
    CONFLICT = "conflict", _("Bản bị từ chối do sửa đồng thời")
    PUBLISHED = "published", _("Bản được xuất bản")


class ChangeKind(models.TextChoices):
    """What happened to a reference record (unit, person, indicator, category…)."""

    ADD = "add", _("Thêm")
    CHANGE = "change", _("Sửa")
    DELETE = "delete", _("Xoá")
