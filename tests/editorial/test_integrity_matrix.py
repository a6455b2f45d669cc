"""Issue "Approval integrity", "Done when": one matrix of role × action × content type ×
condition. The EXPECTED tables below are written out by hand from DESIGN.md ("The approval
workflow") and the issue's rules; nothing here asks the application's permission code what
the answer should be. Every cell goes through the address a browser (or a forged post)
reaches and asserts the status code; a refused cell also asserts that nothing changed, an
allowed one the intended change and who made it.

Cell ids read ``<content type>-<action>-<role>-<condition>``, e.g.
``article-publish-board-own_rewrite``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from portal.editorial import services as wf
from portal.editorial.enums import Action, ChangeKind, RevisionKind, Role, State
from portal.editorial.models import ChangeLog, PreviewLog
from tests import factories
from tests.factories import committed, make_user

# =====================================================================================
# The EXPECTED tables (by hand, from the rules)
# =====================================================================================
#
# Tokens:
#   ok        allowed: 302 back to the admin (303 to the directive page for progress;
#             200 for a page that is only read), and the intended change, by this user
#   403       refused (a Vietnamese page): nothing changed
#   404       no such thing for anyone (directive of an unapproved meeting, embargoed
#             public page): nothing changed
#   409       the action did not carry the version shown, or carried an older one (only
#             when the role would otherwise be allowed: a role not allowed at all gets
#             403 first): nothing changed
#   conflict  change form posted with an older ``edit_version``: 200, the conflict
#             message, the row unchanged (the posted text kept as a conflict revision)
#   noversion change form posted without ``edit_version``: 200, the error, row unchanged
#   login     anonymous: 302 to /admin/login/, nothing changed
#   -         meaningless, not generated: Văn phòng and anonymous create nothing and
#             rewrite nothing, so "own creation" and "own rewrite" do not exist for them;
#             a reporter edits only his own items, so he has no "own rewrite of another's
#             item"; "publish" of a live item is "approve", and a withdrawn item
#             ("reopen") is not live.
#
# Roles: reporter = Phóng viên, editor = Biên tập viên, board and board2 = two members of
# Ban Biên tập, administrator = Quản trị, secretariat = Văn phòng, anonymous.
#
# Conditions of the workflow actions (``author`` is another reporter; ``publisher`` and
# ``third`` are two more board members who never act in a cell):
#   own_creation  the acting user created the item (and, where the action needs a pending
#                 item, submitted it; where it needs a live one, ``publisher`` published
#                 it and, for "approve", ``third`` then changed it and submitted the change)
#   own_rewrite   ``author`` created it and the acting user saved a rewrite of it (for a
#                 live item: in the change awaiting approval)
#   stale_version another's item in the state the action needs; the page was shown, then
#                 ``third`` saved a change, and the action carries the version shown
#   missing_version the same item, the action carrying no version at all
#   live_item     ``author``'s item published by ``publisher``, then changed by ``third``
#                 and submitted (for "submit": changed, not yet submitted)
# The second board member (board2) acts on the very item the condition describes for the
# first (board): "own_creation" is then his colleague's creation, "own_rewrite" his
# colleague's rewrite — the second pair of eyes. In the other conditions board2 is simply
# another board member.
#
# States the workflow actions start from: save (own creation: draft; otherwise pending),
# submit (draft), return (pending), publish (pending), force_publish (draft), approve (a
# live item's submitted change), withdraw (live), reopen (withdrawn).
# A live item whose change awaits approval is in state "pending": an editor may save it
# ("edit any item not yet published: draft, pending, returned"); readers keep the
# approved version until the board approves.

WORKFLOW_EXPECTED = """
action         condition        reporter  editor     board      board2     administrator  secretariat  anonymous
save           own_creation     ok        ok         ok         ok         ok             -            -
save           own_rewrite      -         ok         ok         ok         ok             -            -
save           stale_version    403       conflict   conflict   conflict   conflict       403          login
save           missing_version  403       noversion  noversion  noversion  noversion      403          login
save           live_item        403       ok         ok         ok         ok             403          login
submit         own_creation     ok        ok         ok         ok         ok             -            -
submit         own_rewrite      -         ok         ok         ok         ok             -            -
submit         stale_version    403       409        409        409        409            403          login
submit         missing_version  403       409        409        409        409            403          login
submit         live_item        403       ok         ok         ok         ok             403          login
return         own_creation     403       ok         ok         ok         ok             -            -
return         own_rewrite      -         ok         ok         ok         ok             -            -
return         stale_version    403       409        409        409        409            403          login
return         missing_version  403       409        409        409        409            403          login
return         live_item        403       ok         ok         ok         ok             403          login
publish        own_creation     403       403        403        ok         403            -            -
publish        own_rewrite      -         403        403        ok         403            -            -
publish        stale_version    403       403        409        409        409            403          login
publish        missing_version  403       403        409        409        409            403          login
publish        live_item        -         -          -          -          -              -            -
approve        own_creation     403       403        403        ok         403            -            -
approve        own_rewrite      -         403        403        ok         403            -            -
approve        stale_version    403       403        409        409        409            403          login
approve        missing_version  403       403        409        409        409            403          login
approve        live_item        403       403        ok         ok         ok             403          login
force_publish  own_creation     403       403        403        403        403            -            -
force_publish  own_rewrite      -         403        403        403        403            -            -
force_publish  stale_version    403       403        403        403        409            403          login
force_publish  missing_version  403       403        403        403        409            403          login
force_publish  live_item        403       403        403        403        ok             403          login
withdraw       own_creation     403       403        ok         ok         ok             -            -
withdraw       own_rewrite      -         403        ok         ok         ok             -            -
withdraw       stale_version    403       403        409        409        409            403          login
withdraw       missing_version  403       403        409        409        409            403          login
withdraw       live_item        403       403        ok         ok         ok             403          login
reopen         own_creation     403       403        ok         ok         ok             -            -
reopen         own_rewrite      -         403        ok         ok         ok             -            -
reopen         stale_version    403       403        409        409        409            403          login
reopen         missing_version  403       403        409        409        409            403          login
reopen         live_item        -         -          -          -          -              -            -
"""

# The tables below have one board column: the second member only matters to the second
# pair of eyes, which is the workflow's.
#
# Directives: "add progress" and "mark done" through the tracker's progress form. Allowed
# for the lead unit's linked people, the giver and administrators; only on directives in
# effect (meeting record approved and live); a directive of an unapproved or withdrawn
# record does not exist (404 for everyone). staff = a staff account with no role (the
# usual lead-unit officer). Conditions:
#   own_creation        the directive was given by the acting user (his Person is the giver)
#   lead_unit           the acting user's Person belongs to the directive's lead unit
#   other_unit          the acting user's Person belongs to another unit
#   unlinked            the acting user has no Person
#   unapproved_meeting  as lead_unit, but the meeting's record is a draft
#   withdrawn_meeting   as lead_unit, but the meeting's record was withdrawn
# Anonymous has no Person: only "unlinked" and the two unapproved conditions apply.
DIRECTIVE_EXPECTED = """
action        condition           reporter  editor  board  administrator  secretariat  staff  anonymous
add_progress  own_creation        ok        ok      ok     ok             ok           ok     -
add_progress  lead_unit           ok        ok      ok     ok             ok           ok     -
add_progress  other_unit          403       403     403    ok             403          403    -
add_progress  unlinked            403       403     403    ok             403          403    login
add_progress  unapproved_meeting  404       404     404    404            404          404    login
add_progress  withdrawn_meeting   404       404     404    404            404          404    login
mark_done     own_creation        ok        ok      ok     ok             ok           ok     -
mark_done     lead_unit           ok        ok      ok     ok             ok           ok     -
mark_done     other_unit          403       403     403    ok             403          403    -
mark_done     unlinked            403       403     403    ok             403          403    login
mark_done     unapproved_meeting  404       404     404    404            404          404    login
mark_done     withdrawn_meeting   404       404     404    404            404          404    login
"""

# Units and people (and a person's link to an account): Văn phòng and Quản trị; every
# change in the ChangeLog. Condition: live_item (the unit/person is named on an approved
# meeting record); "add" has no existing row.
UNIT_PERSON_EXPECTED = """
action         condition  reporter  editor  board  administrator  secretariat  staff  anonymous
unit_add       new        403       403     403    ok             ok           403    login
unit_change    live_item  403       403     403    ok             ok           403    login
person_add     new        403       403     403    ok             ok           403    login
person_change  live_item  403       403     403    ok             ok           403    login
"""

# Renaming an indicator shown on a published release (stats/admin.py CatalogueAdmin:
# editors, the board and Quản trị change the catalogue; each change in the ChangeLog). The
# published release page and CSV do not change until a correction is approved.
INDICATOR_EXPECTED = """
action  condition  reporter  editor  board  administrator  secretariat  staff  anonymous
rename  live_item  403       ok      ok     ok             403          403    login
"""

# A release approved with its release time ahead (embargo). The admin preview, grid and
# import templates: editors, the board, Quản trị and the named pre-release list (a staff
# account on stats.PreReleaseAccess), each view logged (PreviewLog); the public page and
# its CSV: 404 for everyone until the time. Conditions: own_creation (the acting user
# created the release; ``publisher`` approved it) and live_item (``author``'s release,
# approved). Who cannot create has no own_creation.
EMBARGO_EXPECTED = """
action        condition     reporter  editor  board  administrator  secretariat  staff  pre_release  anonymous
preview       own_creation  403       ok      ok     ok             -            -      -            -
preview       live_item     403       ok      ok     ok             403          403    ok           login
grid          own_creation  403       ok      ok     ok             -            -      -            -
grid          live_item     403       ok      ok     ok             403          403    ok           login
template      own_creation  403       ok      ok     ok             -            -      -            -
template      live_item     403       ok      ok     ok             403          403    ok           login
template_csv  own_creation  403       ok      ok     ok             -            -      -            -
template_csv  live_item     403       ok      ok     ok             403          403    ok           login
public_page   own_creation  404       404     404    404            -            -      -            -
public_page   live_item     404       404     404    404            404          404    404          404
public_csv    own_creation  404       404     404    404            -            -      -            -
public_csv    live_item     404       404     404    404            404          404    404          404
"""


@dataclass(frozen=True)
class Cell:
    content: str
    action: str
    role: str
    condition: str
    expect: str

    @property
    def id(self) -> str:
        return f"{self.content}-{self.action}-{self.role}-{self.condition}"


def parse(table: str, contents: tuple[str, ...]) -> list[Cell]:
    lines = [line.split() for line in table.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    roles = header[2:]
    cells = []
    for row in rows:
        assert len(row) == len(header), row
        action, condition, *expected = row
        for content in contents:
            for role, expect in zip(roles, expected, strict=True):
                if expect != "-":
                    cells.append(Cell(content, action, role, condition, expect))
    return cells


WORKFLOW_CONTENTS = ("article", "meeting", "summary", "release")
WORKFLOW_CELLS = parse(WORKFLOW_EXPECTED, WORKFLOW_CONTENTS)
DIRECTIVE_CELLS = parse(DIRECTIVE_EXPECTED, ("directive",))
UNIT_PERSON_CELLS = parse(UNIT_PERSON_EXPECTED, ("unitperson",))
INDICATOR_CELLS = parse(INDICATOR_EXPECTED, ("indicator",))
EMBARGO_CELLS = parse(EMBARGO_EXPECTED, ("release",))

REASON = "Lý do: số liệu chưa khớp với báo cáo của đơn vị."
LOGIN = "/admin/login/"

# Where each workflow action leads (the URL's action, its target state).
ACTIONS = {
    "submit": (Action.SUBMIT, State.PENDING),
    "return": (Action.RETURN, State.RETURNED),
    "publish": (Action.PUBLISH, State.PUBLISHED),
    "approve": (Action.PUBLISH, State.PUBLISHED),
    "force_publish": (Action.FORCE_PUBLISH, State.PUBLISHED),
    "withdraw": (Action.WITHDRAW, State.WITHDRAWN),
    "reopen": (Action.REOPEN, State.DRAFT),
}
NEEDS_REASON = {"return", "withdraw", "force_publish"}


# =====================================================================================
# The people
# =====================================================================================

CAST = {
    "reporter": (Role.REPORTER, "phongvien"),
    "editor": (Role.EDITOR, "bientap"),
    "board": (Role.BOARD, "banbientap"),
    "board2": (Role.BOARD, "banbientap2"),
    "administrator": (Role.ADMIN, "quantri"),
    "secretariat": (Role.SECRETARIAT, "vanphong"),
    "staff": (None, "canbo"),
    "pre_release": (None, "xemtruoc"),
    # Never acting in a cell: they make the conditions.
    "author": (Role.REPORTER, "phongvien_tacgia"),
    "publisher": (Role.BOARD, "bbt_xuatban"),
    "third": (Role.BOARD, "bbt_suadoi"),
}


class Cast:
    """The users of one cell, made when first needed (``anonymous`` is None)."""

    def __init__(self) -> None:
        self._users: dict[str, User] = {}

    def __getitem__(self, key: str) -> User | None:
        if key == "anonymous":
            return None
        if key not in self._users:
            role, username = CAST[key]
            extra = {"is_staff": True} if role is None else {}
            self._users[key] = make_user(role, username, **extra)
        return self._users[key]


@pytest.fixture(autouse=True)
def _no_static_scan(settings):
    """Each cell's new test client would make WhiteNoise index every collected static file
    (a tenth of a second, a thousand times over); the matrix requests none, so let it look
    files up on request instead."""
    settings.WHITENOISE_AUTOREFRESH = True


def login(client, user) -> None:
    if user is not None:
        client.force_login(user)


def assert_login_redirect(response) -> None:
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith(LOGIN), response["Location"]


# =====================================================================================
# The content types of the workflow
# =====================================================================================

_seq = itertools.count(1)
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _split(value, date_format="%d/%m/%Y") -> tuple[str, str]:
    if not value:
        return "", ""
    local = timezone.localtime(value)
    return local.strftime(date_format), local.strftime("%H:%M:%S")


def _publish_fields(item) -> dict:
    pub_d, pub_t = _split(item.publish_at)
    exp_d, exp_t = _split(item.expire_at)
    return {"publish_at_0": pub_d, "publish_at_1": pub_t, "expire_at_0": exp_d, "expire_at_1": exp_t}


def _finish_form(item, data: dict, overrides: dict) -> dict:
    data = {**data, "edit_version": str(item.version), "_save": "Lưu"}
    if item.is_internal:
        data["is_internal"] = "on"
    return factories.with_overrides(data, overrides)


def save_new(item, owner) -> None:
    """As the admin's add form saves: the new item and its first revision, committed."""
    with committed():
        wf.save_new(item=item, user=owner)
        wf.record_revision(item=item, user=owner)


def make_article(owner):
    with committed():
        return factories.article(author=owner)


def article_form(item, **overrides):
    return factories.article_form_data(item, **overrides)


def make_meeting(owner):
    from meetings import services as meeting_services
    from meetings.enums import MeetingFormat, MeetingKind
    from meetings.models import Meeting

    n = next(_seq)
    meeting = Meeting(
        title=f"Giao ban quản lý nhà nước tháng {n:02d}",
        kind=MeetingKind.MONTHLY,
        start_at=dt.datetime(2022, 2, 10, 8, 30, tzinfo=VN),
        place="Hà Nội",
        format=MeetingFormat.IN_PERSON,
        agenda="Đánh giá kết quả tháng 01/2022",
        summary="Năm 2022 là năm tổng tiến công chuyển đổi số.",
        conclusions="Giao xây dựng kế hoạch chuyển đổi số của Bộ.",
    )
    meeting_services.fill_slug(meeting=meeting)
    save_new(meeting, owner)
    return meeting


def _inline_management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def meeting_form(item, **overrides):
    start_d, start_t = _split(item.start_at)
    data = {
        "title": item.title,
        "slug": item.slug,
        "kind": item.kind,
        "start_at_0": start_d,
        "start_at_1": start_t,
        "end_at_0": "",
        "end_at_1": "",
        "place": item.place,
        "format": item.format,
        "bridge_points": str(item.bridge_points or ""),
        "chair": str(item.chair_id or ""),
        "agenda": item.agenda,
        "summary": item.summary,
        "conclusions": item.conclusions,
        "news_article": "",
        "stats_release": "",
        **_publish_fields(item),
        **_inline_management("directives"),
        **_inline_management("attachments"),
    }
    return _finish_form(item, data, overrides)


def make_summary(owner):
    from meetings.models import PublicSummary

    meeting = make_meeting(owner)
    summary = PublicSummary(
        meeting=meeting,
        title=f"Bộ TT&TT thông tin kết quả giao ban số {next(_seq)}",
        text="Bộ đã đánh giá kết quả tháng 01/2022.",
    )
    save_new(summary, owner)
    return summary


def summary_form(item, **overrides):
    data = {
        "meeting": str(item.meeting_id),
        "title": item.title,
        "slug": item.slug,
        "text": item.text,
        **_publish_fields(item),
    }
    return _finish_form(item, data, overrides)


def _free_period() -> tuple[int, int]:
    n = next(_seq)
    return 2031 + (n // 12) % 60, n % 12 + 1


def make_release(owner):
    from stats.models import Release

    year, month = _free_period()
    release = Release(year=year, month=month, notes="Số liệu sơ bộ.")
    save_new(release, owner)
    return release


def release_form(item, **overrides):
    data = {
        "year": str(item.year),
        "month": str(item.month),
        "notes": item.notes,
        "notes_en": item.notes_en,
        **_publish_fields(item),
        # The corrections inline is read-only: its management form only.
        **_inline_management("corrections"),
    }
    return _finish_form(item, data, overrides)


@dataclass(frozen=True)
class Kind:
    admin: str  # "<app>_<model>" of the admin URLs
    field: str  # the content field a save changes
    make: Any
    form: Any


KINDS = {
    "article": Kind("news_article", "title", make_article, article_form),
    "meeting": Kind("meetings_meeting", "title", make_meeting, meeting_form),
    "summary": Kind("meetings_publicsummary", "title", make_summary, summary_form),
    "release": Kind("stats_release", "notes", make_release, release_form),
}


# -- the workflow moves that build a condition (services, as the admin calls them) ----------


def fresh(item):
    return type(item).objects.get(pk=item.pk)


def rewrite(kind: Kind, item, user, value: str) -> None:
    """``user`` saves a change of the item's content (on a live item: the change awaiting
    approval, as the admin keeps it)."""
    working, _m2m = wf.working_copy(fresh(item))
    setattr(working, kind.field, value)
    with committed():
        if wf.save_existing(item=working, user=user):
            wf.record_deferred_change(item=working, user=user, m2m={})
        else:
            wf.record_revision(item=working, user=user)


def move(item, action: Action, user, **kw) -> None:
    """A workflow step, its after-commit signal run as a real commit would run it."""
    factories.transition(fresh(item), action, user=user, **kw)


def published(kind: Kind, owner, cast: Cast):
    item = kind.make(owner)
    move(item, Action.SUBMIT, owner)
    move(item, Action.PUBLISH, cast["publisher"])
    return item


def live_with_change(kind: Kind, owner, cast: Cast, *, rewriter=None, submit=True):
    """Published by ``publisher``, changed by ``third`` (and by ``rewriter``), and — when
    ``submit`` — the change submitted by ``third``."""
    item = published(kind, owner, cast)
    rewrite(kind, item, cast["third"], "Bản sửa của người thứ ba")
    if rewriter is not None:
        rewrite(kind, item, rewriter, f"Bản viết lại của {rewriter.username}")
    if submit:
        move(item, Action.SUBMIT, cast["third"])
    return item


NOT_LIVE_START = {"save": State.PENDING, "submit": State.DRAFT, "return": State.PENDING,
                  "publish": State.PENDING, "force_publish": State.DRAFT}  # fmt: skip


def prepare(kind: Kind, cell: Cell, subject, cast: Cast):
    """The item as the cell's condition describes it, for ``subject`` (the acting user, or
    for board2 his colleague ``board``)."""
    author = cast["author"]
    action, condition = cell.action, cell.condition
    if condition == "live_item":
        return live_with_change(kind, author, cast, submit=action != "submit")
    if action == "approve":
        if condition == "own_creation":
            return live_with_change(kind, subject, cast)
        if condition == "own_rewrite":
            return live_with_change(kind, author, cast, rewriter=subject)
        return live_with_change(kind, author, cast)
    if action in ("withdraw", "reopen"):
        if condition == "own_creation":
            item = published(kind, subject, cast)
        elif condition == "own_rewrite":
            item = live_with_change(kind, author, cast, rewriter=subject, submit=False)
        else:
            item = published(kind, author, cast)
        if action == "reopen":
            move(item, Action.WITHDRAW, cast["publisher"], comment=REASON)
        return item
    state = State.DRAFT if (action, condition) == ("save", "own_creation") else NOT_LIVE_START[action]
    owner = subject if condition == "own_creation" else author
    item = kind.make(owner)
    if state == State.PENDING:
        move(item, Action.SUBMIT, owner)
    if condition == "own_rewrite":
        rewrite(kind, item, subject, f"Bản viết lại của {subject.username}")
    return item


def snapshot(kind: Kind, item) -> dict:
    row = fresh(item)
    return {
        "state": row.state,
        "version": row.version,
        "live": row.live,
        "has_unpublished_changes": row.has_unpublished_changes,
        "content": getattr(row, kind.field),
        "publish_at": row.publish_at,
        "updated_at": row.updated_at,
        "transitions": wf.history_of(row).count(),
        "revisions": wf.revisions_of(row).count(),
    }


def pending_value(kind: Kind, item):
    revision = wf.pending_revision(fresh(item))
    return revision.data[kind.field] if revision else None


# =====================================================================================
# Workflow cells: save, submit, return, approve, publish, force-publish, withdraw, reopen
# =====================================================================================


@pytest.mark.parametrize("cell", WORKFLOW_CELLS, ids=lambda c: c.id)
def test_workflow(db, client, cell: Cell):
    cast = Cast()
    kind = KINDS[cell.content]
    actor = cast[cell.role]
    subject = cast["board"] if cell.role == "board2" else actor
    item = prepare(kind, cell, subject, cast)

    # What the page showed the acting user.
    shown_item, _m2m = wf.working_copy(fresh(item))
    new_value = f"Bản sửa của {cell.role} ({cell.condition})"
    if cell.action == "save":
        url = reverse(f"admin:{kind.admin}_change", args=[item.pk])
        payload = kind.form(shown_item, **{kind.field: new_value})
        if cell.condition == "missing_version":
            payload.pop("edit_version")
    else:
        url = reverse(f"admin:{kind.admin}_transition", args=[item.pk, ACTIONS[cell.action][0].value])
        payload = {"version": str(shown_item.version), "revision": str(wf.latest_revision_number(shown_item))}
        if cell.condition == "missing_version":
            payload = {}
        payload["comment"] = REASON
    if cell.condition == "stale_version":
        rewrite(kind, item, cast["third"], "Bản mới hơn của người thứ ba")
    awaiting = pending_value(kind, item)
    before = snapshot(kind, item)

    login(client, actor)
    response = client.post(url, payload)
    after = snapshot(kind, item)

    if cell.expect == "login":
        assert_login_redirect(response)
        assert after == before
    elif cell.expect == "403":
        assert response.status_code == 403, response.content.decode()[:400]
        assert after == before
    elif cell.expect == "409":
        assert response.status_code == 409, response.content.decode()[:400]
        body = response.content.decode()
        if cell.condition == "missing_version":
            assert "không cho biết bạn đang xem phiên bản nào" in body
        else:
            assert "đã thay đổi sau khi bạn mở trang" in body
        assert after == before
    elif cell.expect == "conflict":
        assert response.status_code == 200
        assert "KHÔNG ghi đè" in response.content.decode()
        assert {**after, "revisions": before["revisions"]} == before
        assert after["revisions"] == before["revisions"] + 1
        kept = wf.revisions_of(fresh(item)).order_by("-number").first()
        assert (kept.kind, kept.created_by_id, kept.data[kind.field]) == (RevisionKind.CONFLICT, actor.pk, new_value)
    elif cell.expect == "noversion":
        assert response.status_code == 200
        assert "không cho biết bạn đang sửa phiên bản nào" in response.content.decode()
        assert after == before
    elif cell.action == "save":
        assert cell.expect == "ok"
        assert response.status_code == 302, response.content.decode()[:3000]
        assert not response["Location"].startswith(LOGIN)
        assert after["version"] == before["version"] + 1
        assert (after["state"], after["live"], after["transitions"]) == (
            before["state"],
            before["live"],
            before["transitions"],
        )
        saved = wf.revisions_of(fresh(item)).order_by("-number").first()
        assert (saved.kind, saved.created_by_id, saved.data[kind.field]) == (RevisionKind.SAVE, actor.pk, new_value)
        if before["live"]:
            # Readers keep the approved version until the board approves the change.
            assert after["content"] == before["content"] and after["has_unpublished_changes"]
        else:
            assert after["content"] == new_value
    else:
        assert cell.expect == "ok"
        assert response.status_code == 302, response.content.decode()[:1000]
        assert not response["Location"].startswith(LOGIN)
        action, target = ACTIONS[cell.action]
        assert after["state"] == target
        assert after["version"] > before["version"]
        assert after["transitions"] == before["transitions"] + 1
        last = wf.history_of(fresh(item)).order_by("-at", "-id").first()
        assert (last.action, last.from_state, last.to_state, last.user_id) == (
            action,
            before["state"],
            target,
            actor.pk,
        )
        if cell.action in NEEDS_REASON:
            assert last.comment == REASON
        if target == State.PUBLISHED:
            assert after["live"] and not after["has_unpublished_changes"]
        elif cell.action in ("withdraw", "reopen"):
            assert not after["live"]
        else:
            assert after["live"] == before["live"]
        if cell.action == "approve" or (cell.action == "force_publish" and before["live"]):
            # The approved change is what readers now see.
            assert awaiting is not None and after["content"] == awaiting


@pytest.mark.parametrize("content", WORKFLOW_CONTENTS)
def test_secretariat_cannot_open_drafts_in_the_admin(db, client, content):
    """Văn phòng writes no content and does not even read drafts in the admin."""
    cast = Cast()
    kind = KINDS[content]
    item = kind.make(cast["author"])
    before = snapshot(kind, item)
    client.force_login(cast["secretariat"])
    assert client.get(reverse(f"admin:{kind.admin}_change", args=[item.pk])).status_code == 403
    assert client.get(reverse(f"admin:{kind.admin}_add")).status_code == 403
    assert snapshot(kind, item) == before


# =====================================================================================
# Directives: add progress, mark done (the tracker's progress form)
# =====================================================================================


def directive_world(cast: Cast, *, meeting_state: str):
    from meetings import services as meeting_services
    from meetings.models import Person, Unit

    leadership = Unit.objects.create(name="Lãnh đạo Bộ", order=0)
    lead = Unit.objects.create(name="Cục Chuyển đổi số quốc gia", order=1)
    other = Unit.objects.create(name="Vụ Tổ chức cán bộ", order=2)
    minister = Person.objects.create(
        full_name="Nguyễn Mạnh Hùng", title="Bộ trưởng", unit=leadership, user=make_user(None, "bt_hung", is_staff=True)
    )
    meeting = make_meeting(cast["author"])
    directive = meeting_services.add_directive(
        meeting=meeting,
        text="Xây dựng kế hoạch chuyển đổi số của Bộ, trình Bộ trưởng.",
        giver=minister,
        lead_unit=lead,
        deadline="20/12/2030",
    )
    if meeting_state in ("live", "withdrawn"):
        move(meeting, Action.SUBMIT, cast["author"])
        move(meeting, Action.PUBLISH, cast["publisher"])
    if meeting_state == "withdrawn":
        move(meeting, Action.WITHDRAW, cast["publisher"], comment=REASON)
    return {"directive": directive, "minister": minister, "lead": lead, "other": other, "meeting": meeting}


def directive_state(directive) -> tuple:
    from meetings.models import Directive, ProgressUpdate

    row = Directive.objects.get(pk=directive.pk)
    return (
        row.completed_on,
        row.reported_done_on,
        row.completion_evidence,
        row.last_progress_at,
        row.text,
        ProgressUpdate.objects.filter(directive=row).count(),
    )


@pytest.mark.parametrize("cell", DIRECTIVE_CELLS, ids=lambda c: c.id)
def test_directive(db, client, cell: Cell):
    from meetings.models import Person, ProgressUpdate

    cast = Cast()
    actor = cast[cell.role]
    meeting_state = {"unapproved_meeting": "draft", "withdrawn_meeting": "withdrawn"}.get(cell.condition, "live")
    world = directive_world(cast, meeting_state=meeting_state)
    directive = world["directive"]
    if cell.condition == "own_creation":
        Person.objects.filter(pk=world["minister"].pk).update(user=actor)
    elif cell.condition in ("lead_unit", "unapproved_meeting", "withdrawn_meeting") and actor is not None:
        Person.objects.create(full_name="Lê Văn Minh", title="Cục trưởng", unit=world["lead"], user=actor)
    elif cell.condition == "other_unit":
        Person.objects.create(full_name="Hoàng Văn Nam", title="Vụ trưởng", unit=world["other"], user=actor)

    today = timezone.localdate()
    payload = {"on": today.strftime("%d/%m/%Y"), "text": "Đã có dự thảo kế hoạch, đang lấy ý kiến các đơn vị."}
    if cell.action == "mark_done":
        payload.update({"mark_done": "on", "completed_on": today.strftime("%d/%m/%Y"), "evidence": "Quyết định 1/QĐ"})
    before = directive_state(directive)
    url = reverse("meetings:directive", args=[directive.pk])

    login(client, actor)
    response = client.post(url, payload)

    if cell.expect == "ok":
        assert response.status_code == 303, response.content.decode()[:2000]
        assert response["Location"] == url
        update = ProgressUpdate.objects.get(directive=directive)
        assert (update.author_id, update.marks_done) == (actor.pk, cell.action == "mark_done")
        completed_on, reported_on, evidence, last_progress_at, text, count = directive_state(directive)
        assert count == 1 and last_progress_at is not None and text == before[4]
        # A report of completion waits for Văn phòng: only a verified completion is "done".
        assert completed_on is None
        if cell.action == "mark_done":
            assert (reported_on, evidence) == (today, "Quyết định 1/QĐ")
        else:
            assert (reported_on, evidence) == (None, "")
        return
    if cell.expect == "login":
        assert_login_redirect(response)
    else:
        assert response.status_code == int(cell.expect), response.content.decode()[:400]
    assert directive_state(directive) == before


def _directive_inline(directive, *, held: bool, completed_on: str) -> dict:
    data = _inline_management("directives", total=1, initial=0 if held else 1)
    prefix = "directives-0-"
    data.update({
        f"{prefix}number": str(directive.number), f"{prefix}text": directive.text,
        f"{prefix}giver": str(directive.giver_id or ""), f"{prefix}lead_unit": str(directive.lead_unit_id),
        f"{prefix}lead_person": "", f"{prefix}deadline_text": directive.deadline.strftime("%d/%m/%Y"),
        f"{prefix}row_id": str(directive.pk) if held else "",
        f"{prefix}completed_on": completed_on, f"{prefix}completion_evidence": "Tự ghi hoàn thành trong trang quản trị",
    })  # fmt: skip
    if not held:
        data[f"{prefix}id"] = str(directive.pk)
        data[f"{prefix}meeting"] = str(directive.meeting_id)
    return data


@pytest.mark.parametrize("meeting_state", ["draft", "live"])
def test_directive_admin_cannot_set_completed_on(db, client, meeting_state):
    """The admin never records completion: a board member's posted ``completed_on`` in
    the meeting change form changes nothing (draft record, or a live one once approved)."""
    cast = Cast()
    world = directive_world(cast, meeting_state=meeting_state)
    directive, meeting = world["directive"], world["meeting"]
    before = directive_state(directive)
    today = timezone.localdate().strftime("%d/%m/%Y")
    shown, _m2m = wf.working_copy(fresh(meeting))
    data = {
        **meeting_form(shown),
        **_directive_inline(directive, held=meeting_state == "live", completed_on=today),
    }
    client.force_login(cast["board"])
    response = client.post(reverse("admin:meetings_meeting_change", args=[meeting.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert directive_state(directive) == before
    if meeting_state == "live":
        move(meeting, Action.SUBMIT, cast["board"])
        move(meeting, Action.PUBLISH, cast["board2"])
        assert fresh(meeting).live and not fresh(meeting).has_unpublished_changes
        completed_on, reported_on, evidence, *_rest = directive_state(directive)
        assert (completed_on, reported_on, evidence) == (None, None, "")
    else:
        assert directive_state(directive) == before


# =====================================================================================
# Units and people (and a person's account)
# =====================================================================================


def unit_person_state() -> tuple:
    from meetings.models import Person, Unit

    return (
        sorted(Unit.objects.values_list("id", "name", "short_name", "parent_id", "order")),
        sorted(Person.objects.values_list("id", "full_name", "title", "unit_id", "user_id", "email")),
        ChangeLog.objects.count(),
    )


@pytest.mark.parametrize("cell", UNIT_PERSON_CELLS, ids=lambda c: c.id)
def test_unit_person(db, client, cell: Cell):
    from meetings.models import Person, Unit

    cast = Cast()
    actor = cast[cell.role]
    dx = Unit.objects.create(name="Cục Chuyển đổi số quốc gia", order=1)
    office = Unit.objects.create(name="Văn phòng Bộ", order=2)
    officer = Person.objects.create(
        full_name="Phạm Thu Trang", title="Chuyên viên", unit=dx, user=make_user(None, "cv_trang", is_staff=True)
    )
    # Named on an approved meeting record.
    meeting = make_meeting(cast["author"])
    meeting.attending_units.set([dx])
    meeting.attendees.set([officer])
    move(meeting, Action.SUBMIT, cast["author"])
    move(meeting, Action.PUBLISH, cast["publisher"])

    model, obj, payload = {
        "unit_add": (Unit, None, {"name": "Cục Mới Thành Lập", "short_name": "CMTL", "parent": "", "order": "9"}),
        "unit_change": (Unit, dx, {"name": "Cục Số hoá", "short_name": "CSH", "parent": "", "order": "1"}),
        # A person linked to the acting user's own account: the link decides who reports
        # on a directive.
        "person_add": (Person, None, {"full_name": "Người Mới", "title": "Chuyên viên", "unit": str(dx.pk),
                                      "user": str(actor.pk) if actor else "", "email": ""}),
        "person_change": (Person, officer, {"full_name": officer.full_name, "title": "Phó Cục trưởng",
                                           "unit": str(office.pk), "user": str(actor.pk) if actor else "",
                                           "email": ""}),
    }[cell.action]  # fmt: skip
    name = model._meta.model_name
    if obj is None:
        url = reverse(f"admin:meetings_{name}_add")
    else:
        url = reverse(f"admin:meetings_{name}_change", args=[obj.pk])
    before = unit_person_state()

    login(client, actor)
    response = client.post(url, {**payload, "_save": "Lưu"})

    if cell.expect == "ok":
        assert response.status_code == 302, response.content.decode()[:3000]
        if obj is None:
            obj = model.objects.exclude(pk__in=[r[0] for r in (before[0] if model is Unit else before[1])]).get()
        else:
            obj.refresh_from_db()
        if model is Unit:
            assert (obj.name, obj.short_name) == (payload["name"], payload["short_name"])
        else:
            assert (obj.title, obj.unit_id, obj.user_id) == (payload["title"], int(payload["unit"]), actor.pk)
        log = ChangeLog.objects.get(object_id=obj.pk, content_type__model=name)
        assert log.user_id == actor.pk
        assert log.kind == (ChangeKind.ADD if cell.action.endswith("_add") else ChangeKind.CHANGE)
        assert ChangeLog.objects.count() == before[2] + 1
        return
    if cell.expect == "login":
        assert_login_redirect(response)
    else:
        assert response.status_code == 403, response.content.decode()[:400]
    assert unit_person_state() == before


# =====================================================================================
# Statistics: renaming an indicator, the embargoed release
# =====================================================================================


def stats_world(cast: Cast, *, release_owner, publish_at=None):
    """A sector and an indicator of our own, and a release with one figure for it,
    approved by ``publisher`` (at ``publish_at``, else now)."""
    from decimal import Decimal

    from stats import services as stats_services
    from stats.models import Indicator, Sector

    n = next(_seq)
    sector = Sector.objects.create(code=f"ma-tran-{n}", name=f"Lĩnh vực ma trận {n}", order=90)
    indicator = Indicator.objects.create(
        code=f"ma-tran-chi-tieu-{n}", sector=sector, name="Doanh thu dịch vụ ma trận", unit="tỷ đồng", decimals=0
    )
    release = make_release(release_owner)
    with committed():
        stats_services.save_values(
            release=release, entries={indicator.pk: stats_services.Entry(Decimal("11496"))}, user=release_owner
        )
    move(release, Action.SUBMIT, release_owner)
    move(release, Action.PUBLISH, cast["publisher"], publish_at=publish_at)
    return {"sector": sector, "indicator": indicator, "release": fresh(release)}


def public_views(client, release) -> tuple[bytes, bytes]:
    """The release page and its CSV as readers get them now (no cached copy)."""
    cache.clear()
    client.logout()
    page = client.get(reverse("stats:release", args=[release.year, release.month]))
    csv = client.get(reverse("stats:release_csv", args=[release.year, release.month]))
    assert page.status_code == 200 and csv.status_code == 200
    return page.content, csv.content


def indicator_state(indicator) -> tuple:
    from stats.models import Indicator

    row = Indicator.objects.get(pk=indicator.pk)
    return (row.name, row.unit, row.definition, row.decimals, ChangeLog.objects.count())


@pytest.mark.parametrize("cell", INDICATOR_CELLS, ids=lambda c: c.id)
def test_indicator(db, client, cell: Cell):
    from stats import services as stats_services

    cast = Cast()
    actor = cast[cell.role]
    world = stats_world(cast, release_owner=cast["author"])
    indicator, release = world["indicator"], world["release"]
    old_name, new_name = indicator.name, "Doanh thu dịch vụ ma trận (tên mới)"
    page, csv = public_views(client, release)
    assert old_name.encode() in page and old_name.encode() in csv
    before = indicator_state(indicator)
    release_before = snapshot(KINDS["release"], release)

    login(client, actor)
    response = client.post(
        reverse("admin:stats_indicator_change", args=[indicator.pk]),
        {"code": indicator.code, "sector": str(indicator.sector_id), "name": new_name, "name_en": "",
         "unit": "nghìn tỷ đồng", "unit_en": "", "definition": "Định nghĩa mới.", "definition_en": "",
         "source_unit": "", "decimals": "0", "parent": "", "order": "0", "_save": "Lưu"},
    )  # fmt: skip

    if cell.expect != "ok":
        if cell.expect == "login":
            assert_login_redirect(response)
        else:
            assert response.status_code == 403, response.content.decode()[:400]
        assert indicator_state(indicator) == before
        assert snapshot(KINDS["release"], release) == release_before
        assert public_views(client, release) == (page, csv)
        return
    assert response.status_code == 302, response.content.decode()[:3000]
    indicator.refresh_from_db()
    assert (indicator.name, indicator.unit) == (new_name, "nghìn tỷ đồng")
    log = ChangeLog.objects.get(object_id=indicator.pk, content_type__model="indicator")
    assert log.user_id == actor.pk and log.kind == ChangeKind.CHANGE and "name" in log.changes
    # The published release does not change: not its row, not its page, not its CSV.
    assert snapshot(KINDS["release"], release) == release_before
    assert public_views(client, release) == (page, csv)
    # Until a correction is approved (filed and submitted by one board member, approved by
    # another): then readers get the new name.
    with committed():
        stats_services.save_values(
            release=fresh(release), entries={}, user=cast["third"], correction_note="Cập nhật tên chỉ tiêu."
        )
    assert public_views(client, release) == (page, csv)
    move(release, Action.SUBMIT, cast["third"])
    move(release, Action.PUBLISH, cast["publisher"])
    new_page, new_csv = public_views(client, release)
    assert new_name.encode() in new_page and new_name.encode() in new_csv


EMBARGO_WHAT = {"preview": "xem trước", "grid": "bảng số liệu", "template": "mẫu nhập", "template_csv": "mẫu nhập"}
EMBARGO_URL = {
    "preview": "admin:stats_release_preview",
    "grid": "admin:stats_release_grid",
    "template": "admin:stats_release_template",
    "template_csv": "admin:stats_release_template_csv",
}


@pytest.mark.parametrize("cell", EMBARGO_CELLS, ids=lambda c: c.id)
def test_embargoed_release(db, client, cell: Cell):
    from stats.models import PreReleaseAccess

    cast = Cast()
    actor = cast[cell.role]
    if cell.role == "pre_release":
        PreReleaseAccess.objects.create(user=actor, note="Văn phòng Bộ trưởng")
    owner = actor if cell.condition == "own_creation" else cast["author"]
    release_time = timezone.now() + dt.timedelta(days=1)
    release = stats_world(cast, release_owner=owner, publish_at=release_time)["release"]
    assert release.live and release.publish_at > timezone.now()
    before = snapshot(KINDS["release"], release)
    logged = list(wf.previews_of(release).values_list("id", flat=True))

    login(client, actor)
    if cell.action == "public_page":
        response = client.get(reverse("stats:release", args=[release.year, release.month]))
    elif cell.action == "public_csv":
        response = client.get(reverse("stats:release_csv", args=[release.year, release.month]))
    else:
        response = client.get(reverse(EMBARGO_URL[cell.action], args=[release.pk]))

    assert snapshot(KINDS["release"], release) == before
    if cell.expect == "ok":
        assert response.status_code == 200, response.content[:400]
        (view,) = wf.previews_of(release).exclude(id__in=logged)
        assert (view.user_id, view.what) == (actor.pk, EMBARGO_WHAT[cell.action])
        return
    if cell.expect == "login":
        assert_login_redirect(response)
    else:
        assert response.status_code == int(cell.expect), response.content[:400]
    assert list(wf.previews_of(release).values_list("id", flat=True)) == logged
    if actor is not None:
        assert not PreviewLog.objects.filter(user=actor).exists()


def test_the_matrix_is_complete():
    """Every role, action, content type and condition the issue names has cells."""
    cells = WORKFLOW_CELLS + DIRECTIVE_CELLS + UNIT_PERSON_CELLS + INDICATOR_CELLS + EMBARGO_CELLS
    assert {c.role for c in cells} >= {"reporter", "editor", "board", "board2", "administrator", "secretariat",
                                       "anonymous"}  # fmt: skip
    assert {c.action for c in cells} >= {"save", "submit", "return", "approve", "publish", "force_publish",
                                         "withdraw", "reopen", "mark_done", "add_progress", "unit_add",
                                         "person_change", "rename", "preview"}  # fmt: skip
    assert {c.content for c in cells} == {"article", "meeting", "summary", "release", "directive", "indicator",
                                          "unitperson"}  # fmt: skip
    assert {c.condition for c in WORKFLOW_CELLS} == {"own_creation", "own_rewrite", "stale_version",
                                                     "missing_version", "live_item"}  # fmt: skip
    assert len({c.id for c in cells}) == len(cells)
