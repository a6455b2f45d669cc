"""The done-when of "Hỏi số liệu": the questions in ``questions.json``, written the way
press and staff write them (with and without diacritics, abbreviations, typos, every
period form, English), each with the expected indicator, period and figure. At least 90%
answered exactly and none answered with a wrong figure; an honest "không tìm thấy" or
"chưa có số liệu" is not wrong. The score is printed."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from ask.answers import ask

QUESTIONS = json.loads((Path(__file__).parent / "questions.json").read_text(encoding="utf-8"))
TODAY = dt.date(2022, 5, 20)  # "tháng trước" is April 2022


def grade(expected: dict, answer) -> str:
    """ "exact", "wrong" (a figure that is not the expected one) or "unanswered"."""
    if expected["status"] == "answered":
        if not answer.answered:
            return "unanswered"
        same = (
            answer.indicator.code == expected["indicator"]
            and answer.period_code == expected["period"]
            and answer.value == Decimal(expected["value"])
        )
        return "exact" if same else "wrong"
    if answer.answered:
        return "wrong"  # a figure where none may be given
    if answer.status != expected["status"]:
        return "unanswered"
    if expected["indicator"] and (answer.indicator is None or answer.indicator.code != expected["indicator"]):
        return "unanswered"
    return "exact"


def test_question_set(figures):
    assert len(QUESTIONS) >= 80
    results = {"exact": [], "wrong": [], "unanswered": []}
    for expected in QUESTIONS:
        with translation.override(expected["lang"]):
            answer = ask(expected["q"], user=AnonymousUser(), language=expected["lang"], today=TODAY)
        got = (answer.status, answer.indicator and answer.indicator.code, answer.period_code, answer.value)
        results[grade(expected, answer)].append((expected["q"], got, answer.sentence))
    total = len(QUESTIONS)
    exact = len(results["exact"])
    print(f"\nHỏi số liệu: {exact}/{total} exact ({exact / total:.1%}), {len(results['wrong'])} wrong, "
          f"{len(results['unanswered'])} unanswered")  # fmt: skip
    for kind in ("wrong", "unanswered"):
        for q, got, sentence in results[kind]:
            print(f"  {kind}: {q!r} -> {got} {sentence}")
    assert not results["wrong"]
    assert exact / total >= 0.9
