"""The answer page, its JSON, what it never reveals, its cost and its counting."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import AnonymousUser

from ask import counting
from ask.answers import ask
from ask.models import AskedQuestion

from .conftest import SECRET_FIGURES


def page(client, q, prefix=""):
    response = client.get(f"{prefix}/thong-ke/hoi/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


def test_ministry_sentence_with_stated_change(client, figures):
    html = page(client, "Thuê bao smartphone tháng 1/2022 so với cùng kỳ?")
    assert (
        "Tháng 01/2022, số thuê bao điện thoại smartphone đạt 91,32 triệu, tăng 1,01% so với cùng kỳ năm 2021." in html
    )
    assert 'id="so-lieu">91,32</span>' in html
    assert "mức thay đổi theo báo cáo" in html  # stated by the source, labelled as such
    assert 'href="/thong-ke/2022-01/"' in html and 'href="/thong-ke/chi-so/vt-thue-bao-smartphone/"' in html
    assert (
        "Hiểu câu hỏi là: chỉ tiêu “Số thuê bao điện thoại smartphone”, kỳ tháng 01/2022, so với cùng kỳ năm trước"
        in html
    )


def test_derived_change_is_labelled(client, figures):
    html = page(client, "DVCTT tháng 4/2022 so với tháng trước")
    assert "là 97,30%, tăng 0,2 điểm phần trăm so với tháng trước." in html
    assert "mức thay đổi do cổng tính từ các số liệu đã công bố" in html


def test_corrected_figure_says_so(client, figures):
    html = page(client, "thuê bao smartphone tháng 3/2022")
    assert "đạt 92,15 triệu (số liệu đã đính chính)" in html
    assert 'id="dinh-chinh"' in html and "92,1" in html.split('id="dinh-chinh"')[1][:300]


def test_period_without_release_offers_the_nearest(client, figures):
    html = page(client, "sự cố tấn công mạng tháng 2/2022")
    assert "Chưa có số liệu tháng 02/2022" in html
    assert "tháng 01/2022</a>" in html and "tháng 03/2022</a>" in html
    assert 'id="so-lieu"' not in html


def test_unknown_indicator_says_what_it_understood(client, figures):
    html = page(client, "số bưu cục tháng 1/2022")
    assert "Không tìm thấy chỉ tiêu nào khớp với “so buu cuc”" in html
    assert "kỳ tháng 01/2022" in html
    assert "Tăng trưởng doanh thu, sản lượng bưu chính so với cùng kỳ" in html  # the closest, offered
    assert 'id="so-lieu"' not in html


def test_ambiguous_question_offers_a_choice(client, figures):
    html = page(client, "thuê bao tháng 1/2022")
    assert "Chọn chỉ tiêu:" in html and 'id="so-lieu"' not in html
    for name in ("Số thuê bao điện thoại smartphone", "Số thuê bao băng rộng cố định hộ gia đình"):
        assert name in html


def test_series_question_draws_a_chart_with_its_table(client, figures):
    html = page(client, "sự cố từ tháng 1 đến tháng 6/2021")
    assert "<svg" in html and 'class="ask-series"' in html and "05/2021" in html


def test_english_page(client, figures):
    html = page(client, "Smartphone subscriptions in January 2022 year on year", prefix="/en")
    assert (
        "In January 2022, smartphone subscriptions reached 91.32 million, up 1.01% on the same period of 2021." in html
    )


def test_json(client, figures):
    response = client.get("/thong-ke/hoi.json", {"q": "sự cố quý II/2021"})
    data = json.loads(response.content)
    assert response["Content-Type"].startswith("application/json")
    assert data["status"] == "answered" and data["indicator"]["code"] == "at-su-co-tan-cong"
    assert data["value"] == "3380" and data["period"] == "2021-Q2"
    assert [p["period"] for p in data["series"]] == ["2021-04", "2021-05", "2021-06"]
    data = json.loads(client.get("/thong-ke/hoi.json", {"q": "smartphone tháng 1/2022"}).content)
    same = [c for c in data["changes"] if c["base"] == "same_period"][0]
    assert same["stated"] is True and same["amount"] == "1.01"


QUESTIONS_ABOUT_SECRETS = [
    "sự cố tấn công mạng tháng 5/2022",
    "su co thang 6/2022",
    "thuê bao smartphone tháng 5/2022",
    "thuê bao smartphone mới nhất",
    "botnet",
    "botnet tháng nào cao nhất năm 2022",
    "xu hướng sự cố",
    "tổng sự cố năm 2022",
    "sự cố quý II/2022",
    "thuê bao smartphone từ tháng 1 đến tháng 6/2022",
    "botnet tháng trước",
]


@pytest.mark.parametrize("user_fixture", [None, "board"])
def test_no_question_reveals_embargoed_or_unpublished_figures(client, figures, request, user_fixture):
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    for q in QUESTIONS_ABOUT_SECRETS:
        for url in ("/thong-ke/hoi/", "/thong-ke/hoi.json", "/en/thong-ke/hoi/"):
            body = client.get(url, {"q": q}).content.decode()
            leaked = [s for s in SECRET_FIGURES if s in body]
            assert not leaked, (q, url, leaked)
            if url.endswith(".json"):
                data = json.loads(body)
                shown = [data["period"], *(p["period"] for p in data["series"])]
                assert not {"2022-05", "2022-06"} & set(shown), (q, shown)
                assert not any("05%2F2022" in link["url"] for link in data["nearest"]), q
            else:
                assert "05/2022</a>" not in body and "06/2022</a>" not in body, (q, url)


def test_two_queries_per_answer(figures, django_assert_num_queries):
    for q in ("thuê bao smartphone tháng 1/2022", "tổng sự cố năm 2021", "xu hướng botnet", "sự cố tháng 2/2022"):
        with django_assert_num_queries(2):
            ask(q, user=AnonymousUser())


def test_questions_are_counted_after_the_response(client, figures):
    response = client.get("/thong-ke/hoi/", {"q": "Thuê bao smartphone tháng 1/2022?"})
    assert response["Cache-Control"] == "no-cache"  # never served from the page cache, so always counted
    page(client, "thue bao smartphone thang 1/2022")
    page(client, "số bưu cục tháng 1/2022, gọi 0912345678")
    rows = {q.question: q for q in AskedQuestion.objects.all()}
    counted = rows["thue bao smartphone thang 1/2022"]
    assert counted.count == 2 and counted.answered and counted.indicator_code == "vt-thue-bao-smartphone"
    unanswered = [q for q in rows.values() if not q.answered]
    assert len(unanswered) == 1 and "0912345678" not in unanswered[0].question


def test_nothing_is_written_until_the_response_is_finished(figures):
    counting.note(question="thue bao", language="vi", answered=False)
    assert not AskedQuestion.objects.exists()
    assert counting.flush() and AskedQuestion.objects.get().count == 1
    assert not counting.flush()  # once


def test_box_on_statistics_and_home(client, figures):
    for url in ("/thong-ke/", "/"):
        html = client.get(url).content.decode()
        assert 'action="/thong-ke/hoi/"' in html and 'name="q"' in html, url


def test_odd_questions_are_answered_without_error(client, figures):
    for q in [
        "%%%'; drop table x; --",
        "😀 smartphone",
        "   ",
        "a" * 500,
        "tháng 13/2022 sự cố",
        "quý V/2022 botnet",
        "\\",
    ]:
        for url in ("/thong-ke/hoi/", "/thong-ke/hoi.json"):
            assert client.get(url, {"q": q}).status_code == 200, (q, url)
