"""factory_boy factories for every model the tests make, and the helpers built on them.

Content models (``Article``, ``Meeting``, ``PublicSummary``, ``Release``) are created the
way the admin creates them: through the workflow's services (``wf.save_new``; an article
also keeps its first revision), never with a bare ``objects.create``. Bringing an item to
a state goes through ``wf.transition`` (``article_in_state``, ``published_article``).

Every workflow step taken here runs its ``transaction.on_commit`` callbacks (the
``transitioned`` signal: notifications, search index, cache generation) when it ends, as
the commit of a real request would: see ``committed``.
"""

from __future__ import annotations

import datetime as dt
import threading
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth.models import Group, User
from factory.django import DjangoModelFactory

from meetings.enums import MeetingFormat, MeetingKind
from portal.editorial import services as wf
from portal.editorial.enums import Action, Role, State

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PASSWORD = "mat-khau-thu-nghiem"

# -- on-commit callbacks ------------------------------------------------------------------

_capturing = threading.local()


@contextmanager
def committed():
    """Run the ``transaction.on_commit`` callbacks registered inside the block when it ends
    (``django_capture_on_commit_callbacks(execute=True)``, the same context manager). The
    test's wrapping transaction never commits; this stands for the commit that ends a
    request or a service call. Nested uses run each callback once (the outermost block
    runs them); under a transactional test the real commit has already run them."""
    if getattr(_capturing, "active", False):
        yield
        return
    from django.test import TestCase

    _capturing.active = True
    try:
        with TestCase.captureOnCommitCallbacks(execute=True):
            yield
    finally:
        _capturing.active = False


# -- users ------------------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    """A user; ``role`` (a ``Role``) puts it in that group and makes it staff."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@mic.gov.vn")
    role = None
    is_staff = factory.LazyAttribute(lambda u: u.role is not None)

    @classmethod
    def _create(cls, model_class, *args, role=None, password=PASSWORD, **kwargs):
        user = model_class.objects.create_user(*args, password=password, **kwargs)
        if role is not None:
            user.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])
        return user

    @classmethod
    def _build(cls, model_class, *args, role=None, **kwargs):
        return model_class(*args, **kwargs)


class ReporterFactory(UserFactory):
    role = Role.REPORTER


class EditorFactory(UserFactory):
    role = Role.EDITOR


class BoardFactory(UserFactory):
    role = Role.BOARD


class AdministratorFactory(UserFactory):
    role = Role.ADMIN


class SecretariatFactory(UserFactory):
    role = Role.SECRETARIAT


def make_user(role: Role | None, username: str | None = None, **extra) -> User:
    """A user in the group of ``role`` (staff), or with no role (staff only if asked)."""
    if username is not None:
        extra["username"] = username
    if role is None:
        extra.setdefault("is_staff", False)
    else:
        extra["is_staff"] = True
    return UserFactory(role=role, **extra)


# -- news -------------------------------------------------------------------------------


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = "news.Category"

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")


class TagFactory(DjangoModelFactory):
    class Meta:
        model = "news.Tag"

    name = factory.Sequence(lambda n: f"Thẻ {n}")
    slug = factory.Sequence(lambda n: f"the-{n}")


class ArticleFactory(DjangoModelFactory):
    """A draft article saved as the admin saves it: ``wf.save_new`` by ``author``, then
    its first revision (with its tags, when ``tags=[…]`` is given)."""

    class Meta:
        model = "news.Article"
        skip_postgeneration_save = True

    author = factory.SubFactory(ReporterFactory)
    title = factory.Sequence(lambda n: f"Chuyển đổi số trong ngành Thông tin và Truyền thông số {n}")
    slug = factory.Sequence(lambda n: f"bai-viet-{n}")
    lead = "Bộ Thông tin và Truyền thông tổ chức giao ban quản lý nhà nước."
    body = "<p>Doanh thu dịch vụ viễn thông đạt 11.496 tỷ đồng.</p>"
    category = factory.SubFactory(CategoryFactory)

    @factory.post_generation
    def tags(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.tags.set(extracted)

    @classmethod
    def _create(cls, model_class, *args, author, **kwargs):
        return wf.save_new(item=model_class(*args, **kwargs), user=author)

    @classmethod
    def _build(cls, model_class, *args, author=None, **kwargs):
        return model_class(*args, created_by=author, **kwargs)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:  # as the admin keeps one at every save
            wf.record_revision(item=instance, user=instance.created_by)


def category(**kw):
    return CategoryFactory(**kw)


def article(*, author, cat=None, **kw):
    """A draft article by ``author`` (in ``cat``, else a new category)."""
    if cat is not None:
        kw["category"] = cat
    return ArticleFactory(author=author, **kw)


def transition(item, action, *, user, **kw):
    """``wf.transition``, its after-commit signal run (notifications, index, cache)."""
    with committed():
        return wf.transition(item=item, action=action, user=user, **kw)


def published_article(*, author, approver, at=None, **kw):
    """An approved article; ``at`` in the past makes it an article published back then (as
    an import of the old portal's articles would: the workflow itself refuses back-dating)."""
    from django.utils import timezone

    item = article(author=author, **kw)
    transition(item, Action.SUBMIT, user=author)
    past = at is not None and at < timezone.now()
    transition(item, Action.PUBLISH, user=approver, publish_at=None if past else at)
    if past:
        type(item).objects.filter(pk=item.pk).update(publish_at=at, first_published_at=at)
        item.refresh_from_db()
    return item


def shown(item, **data) -> dict:
    """The POST data of an action taken from the item's admin page: the version and the
    revision the page showed (as the page's hidden fields send them), and ``data``."""
    item.refresh_from_db()
    return {"version": str(item.version), "revision": str(wf.latest_revision_number(item)), **data}


def article_in_state(state, *, author, editor=None, board=None, **kw):
    """An article brought to ``state`` through the workflow (written and submitted by
    ``author``; returned by ``editor``; published and withdrawn by ``board``)."""
    item = article(author=author, **kw)
    if state == State.DRAFT:
        return item
    transition(item, Action.SUBMIT, user=author)
    if state == State.RETURNED:
        transition(item, Action.RETURN, user=editor or board, comment="Cần bổ sung số liệu.")
    elif state in (State.PUBLISHED, State.WITHDRAWN):
        transition(item, Action.PUBLISH, user=board)
        if state == State.WITHDRAWN:
            transition(item, Action.WITHDRAW, user=board, comment="Thông tin cần đính chính.")
    return item


def article_form_data(item, **overrides):
    """The POST data of the article admin form as a browser sends it, from ``item``."""
    from django.utils import timezone

    def split(value):
        if not value:
            return "", ""
        local = timezone.localtime(value)
        return local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")

    pub_d, pub_t = split(item.publish_at)
    exp_d, exp_t = split(item.expire_at)
    data = {
        "title": item.title,
        "slug": item.slug,
        "lead": item.lead,
        "body": item.body,
        "cover_alt": item.cover_alt,
        "cover_caption": item.cover_caption,
        "category": str(item.category_id),
        "byline": item.byline,
        "source": item.source,
        "language": item.language,
        "translation": str(item.translation_id or ""),
        "publish_at_0": pub_d,
        "publish_at_1": pub_t,
        "expire_at_0": exp_d,
        "expire_at_1": exp_t,
        "edit_version": str(item.version) if item.pk else "",
        "_save": "Lưu",
    }
    if item.pk:
        data["tags"] = [str(pk) for pk in item.tags.values_list("pk", flat=True)]
    if item.is_internal:
        data["is_internal"] = "on"
    if item.featured:
        data["featured"] = "on"
    return with_overrides(data, overrides)


def with_overrides(data: dict, overrides: dict) -> dict:
    """Form data with ``overrides`` applied: a value replaces a field, ``None`` drops it
    (as a browser that does not send it, or a forged post)."""
    data = dict(data)
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


# -- meetings ---------------------------------------------------------------------------


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = "meetings.Unit"

    name = factory.Sequence(lambda n: f"Đơn vị {n}")
    order = factory.Sequence(int)


class PersonFactory(DjangoModelFactory):
    """A person of a unit; ``username="…"`` also gives them a staff account."""

    class Meta:
        model = "meetings.Person"

    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    unit = factory.SubFactory(UnitFactory)

    @classmethod
    def _create(cls, model_class, *args, username=None, **kwargs):
        if username and "user" not in kwargs:
            kwargs["user"] = make_user(None, username, is_staff=True)
        return super()._create(model_class, *args, **kwargs)


class MeetingFactory(DjangoModelFactory):
    """A draft meeting record (the January 2022 monthly meeting unless told otherwise),
    its slug made as the admin makes it, saved by ``author`` through ``wf.save_new``."""

    class Meta:
        model = "meetings.Meeting"
        skip_postgeneration_save = True

    author = factory.SubFactory(EditorFactory)
    title = "Hội nghị Giao ban quản lý nhà nước tháng 01/2022"
    kind = MeetingKind.MONTHLY
    start_at = dt.datetime(2022, 2, 10, 8, 30, tzinfo=VN)
    place = "Hà Nội"
    format = MeetingFormat.ONLINE
    bridge_points = 11
    summary = "Năm 2022 là năm tổng tiến công chuyển đổi số; Bộ phải đi đầu về chuyển đổi số trong nội bộ."
    conclusions = "Bộ trưởng giao xây dựng kế hoạch chuyển đổi số của Bộ.\nCác đơn vị lập kế hoạch công tác theo tuần."
    agenda = "Đánh giá kết quả tháng 01/2022\nNhiệm vụ trọng tâm tháng 02/2022"

    @classmethod
    def _create(cls, model_class, *args, author, **kwargs):
        from meetings import services

        meeting = model_class(*args, **kwargs)
        services.fill_slug(meeting=meeting)
        return wf.save_new(item=meeting, user=author)


class PublicSummaryFactory(DjangoModelFactory):
    class Meta:
        model = "meetings.PublicSummary"

    author = factory.SubFactory(EditorFactory)
    meeting = factory.SubFactory(MeetingFactory, author=factory.SelfAttribute("..author"))
    title = "Bộ TT&TT giao ban quản lý nhà nước tháng 01/2022"
    text = "Hội nghị trực tuyến với 11 điểm cầu.\nNăm 2022 là năm tổng tiến công chuyển đổi số."

    @classmethod
    def _create(cls, model_class, *args, author, **kwargs):
        from meetings import services

        summary = model_class(*args, **kwargs)
        services.fill_summary_slug(summary=summary)
        return wf.save_new(item=summary, user=author)


class DirectiveFactory(DjangoModelFactory):
    """A directive row as an approved change leaves it; ``deadline`` as written
    ("20/02/2022", "trong tháng 02/2022")."""

    class Meta:
        model = "meetings.Directive"

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.LazyAttribute(lambda d: d.meeting.directives.count() + 1)
    text = factory.Sequence(lambda n: f"Nhiệm vụ {n}")
    lead_unit = factory.SubFactory(UnitFactory)
    deadline = "trong tháng 02/2022"

    @classmethod
    def _create(cls, model_class, *args, deadline, **kwargs):
        from meetings.deadlines import parse_deadline

        if isinstance(deadline, str):
            kwargs["deadline"], kwargs["deadline_kind"] = parse_deadline(deadline)
        else:
            kwargs["deadline"] = deadline
        return super()._create(model_class, *args, **kwargs)


# -- statistics -------------------------------------------------------------------------


class SectorFactory(DjangoModelFactory):
    class Meta:
        model = "stats.Sector"

    code = factory.Sequence(lambda n: f"linh-vuc-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")
    name_en = factory.Sequence(lambda n: f"Sector {n}")
    order = factory.Sequence(lambda n: 100 + n)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = "stats.Indicator"

    code = factory.Sequence(lambda n: f"chi-tieu-{n}")
    sector = factory.SubFactory(SectorFactory)
    name = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    unit = "%"
    order = factory.Sequence(lambda n: 100 + n)


class ReleaseFactory(DjangoModelFactory):
    """A draft monthly release saved by ``author`` through ``wf.save_new``."""

    class Meta:
        model = "stats.Release"

    author = factory.SubFactory(ReporterFactory)
    year = 2022
    month = 1

    @classmethod
    def _create(cls, model_class, *args, author, **kwargs):
        return wf.save_new(item=model_class(*args, **kwargs), user=author)


class ValueFactory(DjangoModelFactory):
    class Meta:
        model = "stats.Value"

    release = factory.SubFactory(ReleaseFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    value = 1
