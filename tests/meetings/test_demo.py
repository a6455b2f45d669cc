import io

from django.core.management import call_command

from meetings.models import Directive, Meeting, Person, ProgressUpdate, PublicSummary, Unit


def counts():
    return tuple(m.objects.count() for m in (Unit, Person, Meeting, Directive, ProgressUpdate, PublicSummary))


def test_demo_loads_twice_without_duplicates(db, client):
    from django.contrib.auth.models import Group

    from portal.editorial.enums import Role

    for role in Role:  # made by a data migration; a flushing test elsewhere may have removed them
        Group.objects.get_or_create(name=role.value)
    call_command("load_demo", stdout=io.StringIO())
    first = counts()
    january = Meeting.objects.get(slug="hoi-nghi-giao-ban-quan-ly-nha-nuoc-thang-01-2022")
    assert january.live and january.is_internal and january.bridge_points == 11
    assert january.directives.count() == 5
    assert january.news_article_id is not None
    assert {str(d.deadline) for d in january.directives.filter(deadline_kind="month")} >= {"2022-02-28"}
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == first
    january.refresh_from_db()
    # The statistics demo runs after this one: the second run links the release.
    assert january.stats_release_id is not None
    # The published public summary is readable anonymously, at its own address; the
    # internal record is not.
    assert client.get(january.get_absolute_url()).status_code == 404
    html = client.get(PublicSummary.objects.get(meeting=january).get_absolute_url()).content.decode()
    assert "Bộ TT&amp;TT giao ban quản lý nhà nước tháng 01/2022" in html and "bang-nhiem-vu" not in html
