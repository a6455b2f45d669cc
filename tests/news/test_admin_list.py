"""The admin's article list at scale: a year filter instead of the date hierarchy (whose year
list read every article), the search on title and sapo, a fixed number of queries."""

import datetime as dt

from django.utils import timezone

from tests import factories


def _published_in(year, *, title, author, approver):
    item = factories.published_article(author=author, approver=approver, title=title)
    at = timezone.make_aware(dt.datetime(year, 6, 1, 9, 0))
    type(item).objects.filter(pk=item.pk).update(publish_at=at)
    return item


def test_the_article_list_filters_by_year_and_searches_titles_in_a_fixed_number_of_queries(
    client, reporter, board, board2, django_assert_max_num_queries
):
    _published_in(2022, title="Giao ban tháng 1 năm 2022", author=reporter, approver=board)
    _published_in(2024, title="Chuyển đổi số cấp xã năm 2024", author=reporter, approver=board)
    client.force_login(board2)

    page = client.get("/admin/news/article/").content.decode()
    assert "năm xuất bản" in page and "?nam=2024" in page and "?nam=2022" in page

    with django_assert_max_num_queries(14):
        page = client.get("/admin/news/article/", {"nam": "2024"}).content.decode()
    assert "Chuyển đổi số cấp xã năm 2024" in page and "Giao ban tháng 1 năm 2022" not in page

    page = client.get("/admin/news/article/", {"q": "cấp xã"}).content.decode()
    assert "Chuyển đổi số cấp xã năm 2024" in page and "Giao ban tháng 1 năm 2022" not in page

    # A forged year changes nothing but does not fail.
    assert client.get("/admin/news/article/", {"nam": "20x4"}).status_code == 200
