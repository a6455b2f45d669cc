"""The summary paragraph written from the figures (stats/summary.py): the January 2022
sentences word for word, in both languages; editable before approval, kept in revisions,
and used by the page (og:description), the JSON and the PDF."""

from __future__ import annotations

import json

from portal.editorial import services as wf
from portal.editorial.enums import RevisionKind
from stats import services
from stats.models import Indicator

VI = [
    "Viễn thông: tổng doanh thu dịch vụ viễn thông đạt 11,496 nghìn tỷ đồng, tăng 3% so với cùng kỳ năm 2021; "
    "số thuê bao điện thoại smartphone đạt 91,32 triệu thuê bao, tăng 1,01% so với cùng kỳ năm 2021; "
    "số thuê bao băng rộng cố định hộ gia đình đạt 18,66 triệu thuê bao, tăng 16,3% so với cùng kỳ năm 2021.",
    "An toàn thông tin mạng: sự cố tấn công mạng vào hệ thống thông tin tại Việt Nam là 1.383 sự cố, "
    "tăng 10,29% so với tháng trước; địa chỉ IP Việt Nam nằm trong các mạng botnet là 879.342 địa chỉ, "
    "giảm 9,29% so với tháng trước; chứng thư số công cộng đã cấp là 4.581.000 chứng thư số, "
    "tăng 14,1% so với cùng kỳ năm 2021; chứng thư số công cộng đang hoạt động là 1.690.000 chứng thư số, "
    "tăng 7,03% so với cùng kỳ năm 2021.",
    "Công nghiệp ICT: tổng doanh thu công nghiệp ICT đạt 222.762 tỷ đồng, giảm 23% so với cùng kỳ năm 2021.",
    "Báo chí truyền thông: số lượng thuê bao truyền hình trả tiền đạt 16,4 triệu thuê bao, "
    "tăng 1,2% so với cùng kỳ năm 2021; mạng xã hội Việt Nam được cấp phép là 854 mạng xã hội, "
    "tăng 12% so với cùng kỳ năm 2021; tài khoản người dùng mạng xã hội Việt Nam đạt 97 triệu tài khoản, "
    "tăng 6,6% so với cùng kỳ năm 2021; đài truyền thanh ứng dụng CNTT-VT là 634 đài, "
    "tăng 6 đài so với tháng trước.",
]
EN = [
    "Telecommunications: telecommunication services revenue stood at 11.496 trillion VND, "
    "up 3% on the same period of 2021; smartphone subscriptions stood at 91.32 million subscriptions, "
    "up 1.01% on the same period of 2021; household fixed broadband subscriptions stood at 18.66 million "
    "subscriptions, up 16.3% on the same period of 2021.",
    "Cyber security: cyber attacks causing incidents on information systems in Viet Nam stood at 1,383 incidents, "
    "up 10.29% on the previous month; Vietnamese IP addresses in botnets stood at 879,342 addresses, "
    "down 9.29% on the previous month; public digital certificates issued stood at 4,581,000 certificates, "
    "up 14.1% on the same period of 2021; active public digital certificates stood at 1,690,000 certificates, "
    "up 7.03% on the same period of 2021.",
    "ICT industry: ICT industry revenue stood at 222,762 billion VND, down 23% on the same period of 2021.",
    "Press and media: pay TV subscriptions stood at 16.4 million subscriptions, up 1.2% on the same period of 2021; "
    "licensed Vietnamese social networks stood at 854 social networks, up 12% on the same period of 2021; "
    "user accounts on Vietnamese social networks stood at 97 million accounts, up 6.6% on the same period of 2021; "
    "radio stations using ICT stood at 634 stations, up 6 stations on the previous month.",
]


def test_january_2022_summary_word_for_word(client, jan2022):
    jan2022.refresh_from_db()
    assert jan2022.summary == " ".join(VI)
    assert jan2022.summary_en == " ".join(EN)
    # In the approved revision, so the board approved exactly these words.
    published = wf.revisions_of(jan2022).filter(kind=RevisionKind.PUBLISHED).latest("number")
    assert published.data["summary"] == " ".join(VI)
    page = client.get("/thong-ke/2022-01/").content.decode()
    assert VI[0] in page and 'id="tom-tat"' in page
    assert '<meta property="og:description" content="Viễn thông: tổng doanh thu dịch vụ viễn thông đạt 11,496' in page
    assert '<meta name="twitter:card" content="summary">' in page
    data = json.loads(client.get("/thong-ke/2022-01.json").content)
    assert data["summary"] == " ".join(VI)
    english = json.loads(client.get("/en/thong-ke/2022-01.json").content)
    assert english["summary"] == " ".join(EN)
    assert EN[2] in client.get("/en/thong-ke/2022-01/").content.decode()


def test_summary_edited_by_hand_is_kept_and_regenerated_text_follows_figures(reporter):
    from .conftest import make_release

    release = make_release(2022, 3, author=reporter)
    revenue = Indicator.objects.get(code="cn-doanh-thu-ict")
    services.save_values(
        release=release,
        entries={revenue.pk: services.Entry(value=200, stated={"same_period": {"amount": "-5", "unit": "%"}})},
        user=reporter,
    )
    release.refresh_from_db()
    assert (
        release.summary
        == "Công nghiệp ICT: tổng doanh thu công nghiệp ICT đạt 200 tỷ đồng, giảm 5% so với cùng kỳ năm 2021."
    )
    # A new figure rewrites a summary nobody edited…
    services.save_values(release=release, entries={revenue.pk: services.Entry(value=210)}, user=reporter)
    release.refresh_from_db()
    assert "đạt 210 tỷ đồng, giảm 5%" in release.summary
    # …but never one an editor wrote.
    release.summary = "Doanh thu công nghiệp ICT giảm nhẹ."
    wf.save_existing(item=release, user=reporter)
    wf.record_revision(item=release, user=reporter)
    services.save_values(release=release, entries={revenue.pk: services.Entry(value=220)}, user=reporter)
    release.refresh_from_db()
    assert release.summary == "Doanh thu công nghiệp ICT giảm nhẹ."
    assert wf.revisions_of(release).latest("number").data["summary"] == "Doanh thu công nghiệp ICT giảm nhẹ."
