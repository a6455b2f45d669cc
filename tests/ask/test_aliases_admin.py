"""Aliases are kept by editors in the admin and decide the indicator; names follow the
catalogue; the press office reads what people ask."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from ask.aliases import seed
from ask.answers import ask
from ask.models import AskedQuestion, IndicatorAlias
from stats.models import Indicator


def test_an_alias_added_by_an_editor_is_understood(figures):
    assert ask("bot net tháng 1/2022", user=AnonymousUser()).status == "no_indicator"
    IndicatorAlias.objects.create(indicator=Indicator.objects.get(code="at-ip-botnet"), text="bot net")
    answer = ask("bot net tháng 1/2022", user=AnonymousUser())
    assert answer.answered and answer.indicator.code == "at-ip-botnet" and answer.figure == "879.342"


def test_a_renamed_indicator_is_found_by_its_new_name(db):
    seed()
    indicator = Indicator.objects.get(code="bc-dai-truyen-thanh-xa")
    indicator.name = "Đài phát thanh cơ sở"
    indicator.save()
    names = set(IndicatorAlias.objects.filter(indicator=indicator, source="name").values_list("text", flat=True))
    assert names == {"Đài phát thanh cơ sở"}
    from ask.matching import candidates

    assert candidates("dai phat thanh co so")[0].code == "bc-dai-truyen-thanh-xa"


def test_admin_lists_in_vietnamese(client, figures, editor, administrator):
    client.force_login(administrator)
    html = client.get("/admin/ask/indicatoralias/").content.decode()
    assert "tên gọi khác của chỉ tiêu" in html.lower() and "DVCTT" in html
    assert "Số thuê bao điện thoại smartphone</a>" not in html  # names are not edited here
    client.get("/thong-ke/hoi/", {"q": "số bưu cục tháng 1/2022"})
    client.get("/thong-ke/hoi/", {"q": "thuê bao smartphone tháng 1/2022"})
    assert AskedQuestion.objects.count() == 2
    html = client.get("/admin/ask/askedquestion/", {"tra-loi": "khong"}).content.decode()
    assert "so buu cuc thang 1/2022" in html and "thue bao smartphone" not in html


def test_an_editor_adds_an_alias_in_the_admin(client, figures, editor):
    client.force_login(editor)
    botnet = Indicator.objects.get(code="at-ip-botnet")
    response = client.post("/admin/ask/indicatoralias/add/", {"indicator": botnet.pk, "text": "bot net", "weight": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ask("bot net tháng 1/2022", user=AnonymousUser()).indicator.code == "at-ip-botnet"
