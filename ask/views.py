"""The question page and its JSON. Thin: ``answers.ask`` does the work (two queries);
the count is written after the response (``counting``). Answers are not kept in the
page cache (``Cache-Control: no-cache``), so that every question is counted."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.core.i18n import current_language

from . import answers, counting
from .understand import MAX_LENGTH, normalised_question

EXAMPLES = [
    "Thuê bao smartphone tháng 1/2022 là bao nhiêu?",
    "Sự cố tấn công mạng tháng 1 tăng hay giảm?",
    "Doanh thu công nghiệp ICT so với cùng kỳ?",
    "Botnet tháng nào cao nhất năm 2022?",
]
EXAMPLES_EN = [
    "Smartphone subscriptions in January 2022",
    "Cyber attacks in January 2022: up or down?",
    "ICT industry revenue year on year",
]


def _answer(request):
    question = (request.GET.get("q") or "").replace("\x00", " ")[:MAX_LENGTH]
    language = current_language()
    answer = answers.ask(question, user=request.user, language=language)
    if answer.status != "empty":
        counting.note(
            question=normalised_question(question),
            language=language,
            answered=answer.answered,
            indicator_code=answer.indicator.code if answer.indicator else "",
            period=answer.period_code,
        )
    return answer


def _uncached(response):
    response["Cache-Control"] = "no-cache"
    return response


def page(request):
    answer = _answer(request)
    context = {
        "answer": answer,
        "query": answer.question,
        "examples": EXAMPLES_EN if answer.language == "en" else EXAMPLES,
        "chart": _chart(answer),
    }
    return _uncached(render(request, "ask/answer.html", context))


def answer_json(request):
    answer = _answer(request)
    data = answers.as_json(answer, base_url=request.build_absolute_uri("/")[:-1])
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return _uncached(response)


def _chart(answer):
    if len(answer.points) < 2:
        return ""
    from stats import charts

    name = answer.indicator.label(answer.language)
    return charts.series_line(
        chart_id="bieu-do-hoi-so-lieu",
        title=_("Diễn biến %(name)s theo tháng (%(unit)s)") % {"name": name, "unit": answer.unit},
        points=answer.points,
        unit=answer.unit,
    )
