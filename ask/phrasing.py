"""The answers' sentences, in the ministry's phrasing ("Tháng 01/2022, số thuê bao điện
thoại smartphone đạt 91,32 triệu, tăng 1,01% so với cùng kỳ năm 2021.") and in English.
Changes are worded by ``stats.changes`` (``Change.phrase``); this module only puts the
figure, the period and those phrases together. Deterministic: the same figures give the
same sentence."""

from __future__ import annotations

from decimal import Decimal

from portal.core.formatting import format_number

from .understand import BOTH, PREV_MONTH, SAME_PERIOD, Period, Understood

MONTHS_EN = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MULTIPLIERS = ("nghìn", "ngàn", "triệu", "tỷ", "tỉ", "thousand", "million", "billion", "trillion")


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(name: str) -> str:
    """ "Số thuê bao…" → "số thuê bao…"; an acronym ("ICT revenue", "IP…") stays."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper():
        return name[0].lower() + name[1:]
    return name


def month_label(year: int, month: int, language: str) -> str:
    if language == "en":
        return f"{MONTHS_EN[month - 1]} {year}"
    return f"tháng {month:02d}/{year}"


def period_label(period: Period, language: str) -> str:
    """ "tháng 01/2022", "quý I/2022", "6 tháng đầu năm 2022", "năm 2022"…"""
    kind, start, end = period.kind, period.start, period.end
    if kind == "latest":
        return "the latest release" if language == "en" else "mới nhất"
    if kind == "month":
        if start[0] is None:
            return MONTHS_EN[start[1] - 1] if language == "en" else f"tháng {start[1]:02d} (năm gần nhất có số liệu)"
        return month_label(start[0], start[1], language)
    if kind == "quarter":
        return f"Q{period.number} {start[0]}" if language == "en" else f"quý {ROMAN[period.number]}/{start[0]}"
    if kind == "months":
        if language == "en":
            return f"the first {period.number} months of {start[0]}"
        return f"{period.number} tháng đầu năm {start[0]}"
    if kind == "half":
        return f"the second half of {start[0]}" if language == "en" else f"6 tháng cuối năm {start[0]}"
    if kind == "year":
        return str(start[0]) if language == "en" else f"năm {start[0]}"
    if language == "en":
        return f"{month_label(*start, 'en')} to {month_label(*end, 'en')}"
    return f"từ tháng {start[1]:02d}/{start[0]} đến tháng {end[1]:02d}/{end[0]}"


def period_code(period: Period) -> str:
    """ "2022-01", "2022-Q1", "2022", "2022-01..2022-06" ("" for the latest)."""
    kind, start, end = period.kind, period.start, period.end
    if kind == "latest" or start is None:
        return ""
    if kind == "month":
        return f"{start[0]:04d}-{start[1]:02d}" if start[0] else f"--{start[1]:02d}"
    if kind == "quarter":
        return f"{start[0]}-Q{period.number}"
    if kind == "year":
        return str(start[0])
    return f"{start[0]:04d}-{start[1]:02d}..{end[0]:04d}-{end[1]:02d}"


def intent_words(understood: Understood, language: str, *, period: Period | None = None) -> str:
    """The question's period and intent written back as words the parser reads, to build
    "ask instead" links ("tháng 01/2022 so với cùng kỳ")."""
    period = period or understood.period
    parts = []
    if period.kind == "month" and period.start[0] is None:
        parts.append(f"tháng {period.start[1]}" if language != "en" else MONTHS_EN[period.start[1] - 1])
    elif period.kind == "month":
        parts.append(
            f"tháng {period.start[1]:02d}/{period.start[0]}" if language != "en" else month_label(*period.start, "en")
        )
    elif period.kind == "quarter":
        parts.append(
            f"quý {ROMAN[period.number]}/{period.start[0]}"
            if language != "en"
            else f"Q{period.number} {period.start[0]}"
        )
    elif period.kind == "months":
        parts.append(f"{period.number} tháng đầu năm {period.start[0]}")
    elif period.kind == "half":
        parts.append(f"6 tháng cuối năm {period.start[0]}")
    elif period.kind == "year":
        parts.append(f"năm {period.start[0]}" if language != "en" else f"in {period.start[0]}")
    elif period.kind == "range":
        if language == "en":
            parts.append(f"from {month_label(*period.start, 'en')} to {month_label(*period.end, 'en')}")
        else:
            parts.append(
                f"từ tháng {period.start[1]:02d}/{period.start[0]} đến tháng {period.end[1]:02d}/{period.end[0]}"
            )
    words = {
        "vi": {PREV_MONTH: "so với tháng trước", SAME_PERIOD: "so với cùng kỳ", BOTH: "tăng hay giảm",
               "max": "cao nhất", "min": "thấp nhất", "trend": "xu hướng", "total": "tổng"},
        "en": {PREV_MONTH: "on the previous month", SAME_PERIOD: "year on year", BOTH: "up or down",
               "max": "highest", "min": "lowest", "trend": "trend", "total": "total"},
    }["en" if language == "en" else "vi"]  # fmt: skip
    if understood.compare:
        parts.append(words[understood.compare])
    if understood.extreme:
        parts.append(words[understood.extreme])
    if understood.trend:
        parts.append(words["trend"])
    if understood.total:
        parts.append(words["total"])
    return " ".join(parts)


def value_text(value: Decimal, decimals: int, unit: str, name: str, language: str) -> str:
    """ "91,32 triệu" (the unit's noun is already in the name), "96,74%", "1.383 sự cố"."""
    number = format_number(value, decimals, language)
    unit = (unit or "").strip()
    if not unit:
        return number
    if unit.startswith("%"):
        return number + "%"
    first, _, rest = unit.partition(" ")
    if first.lower() in MULTIPLIERS and rest and rest.lower() in name.lower():
        return f"{number} {first}"
    return f"{number} {unit}"


def _names(fig, language: str) -> tuple[str, str]:
    name = (fig.name_en or fig.name) if language == "en" else fig.name
    unit = fig.unit_en if language == "en" else fig.unit
    return name, unit


def change_phrase(item, language: str) -> str:
    base, change = item[0], item[1]
    phrase = change.phrase(language)
    if base == "other":
        other = item[2]
        if language == "en":
            phrase = phrase.replace(f"on {change.base_label_en}", f"on {month_label(other.year, other.month, 'en')}")
        else:
            phrase = phrase.replace(f"so với {change.base_label}", f"so với tháng {other.month:02d}/{other.year}")
    return phrase


def point(fig, found: list, language: str) -> str:
    """One month's figure and the changes found (stated or computed)."""
    name, unit = _names(fig, language)
    value = value_text(fig.value, fig.decimals, unit, name, language)
    corrected = ""
    if fig.corrected_from is not None:
        corrected = " (corrected figure)" if language == "en" else " (số liệu đã đính chính)"
    phrases = [change_phrase(item, language) for item in found]
    if language == "en":
        verb = "was" if fig.kind == "rate" else "reached"
        sentence = f"In {month_label(fig.year, fig.month, 'en')}, {lower_first(name)} {verb} {value}{corrected}"
    else:
        verb = "là" if fig.kind == "rate" else "đạt"
        sentence = f"Tháng {fig.month:02d}/{fig.year}, {lower_first(name)} {verb} {value}{corrected}"
    if phrases:
        sentence += ", " + ", ".join(phrases)
    return sentence + "."


def total(last, amount: Decimal, period: Period, months: int, language: str) -> str:
    name, unit = _names(last, language)
    value = value_text(amount, last.decimals, unit, name, language)
    label = period_label(period, language)
    if language == "en":
        return f"In {label}, {lower_first(name)} totalled {value} (the sum of {months} monthly figures)."
    subject = lower_first(name) if name.lower().startswith("tổng") else "tổng " + lower_first(name)
    return f"{cap(label)}, {subject} là {value} (cộng {months} tháng)."


def extreme(best, which: str, period: Period, chosen: list, ties: list, language: str) -> str:
    name, unit = _names(best, language)
    value = value_text(best.value, best.decimals, unit, name, language)
    first, last = chosen[0], chosen[-1]
    if period.kind in ("latest", "month"):
        span = (
            f"from {month_label(first.year, first.month, 'en')} to {month_label(last.year, last.month, 'en')}"
            if language == "en"
            else f"từ tháng {first.month:02d}/{first.year} đến tháng {last.month:02d}/{last.year}"
        )
    else:
        span = period_label(period, language)
    if language == "en":
        word = "highest" if which == "max" else "lowest"
        out = f"{cap(span)}, {lower_first(name)} was {word} in {month_label(best.year, best.month, 'en')}: {value}."
        if len(ties) > 1:
            out += (
                " The same figure was published for "
                + ", ".join(month_label(f.year, f.month, "en") for f in ties if f is not best)
                + "."
            )
        return out
    word = "cao nhất" if which == "max" else "thấp nhất"
    out = f"{cap(span)}, {lower_first(name)} {word} vào tháng {best.month:02d}/{best.year}: {value}."
    if len(ties) > 1:
        out += " Cùng mức này: " + ", ".join(month_label(f.year, f.month, "vi") for f in ties if f is not best) + "."
    return out


def trend(first, last, change, highest, lowest, count: int, language: str) -> str:
    name, unit = _names(last, language)
    v_last = value_text(last.value, last.decimals, unit, name, language)
    v_high = value_text(highest.value, highest.decimals, unit, name, language)
    v_low = value_text(lowest.value, lowest.decimals, unit, name, language)
    if language == "en":
        out = f"In {month_label(last.year, last.month, 'en')}, {lower_first(name)} reached {v_last}"
        if change:
            out += ", " + change_phrase(("other", change, first), "en")
        out += (
            f". Over {count} published months: highest {v_high} ({month_label(highest.year, highest.month, 'en')}), "
            f"lowest {v_low} ({month_label(lowest.year, lowest.month, 'en')})."
        )
        return out
    verb = "là" if last.kind == "rate" else "đạt"
    out = f"Tháng {last.month:02d}/{last.year}, {lower_first(name)} {verb} {v_last}"
    if change:
        out += ", " + change_phrase(("other", change, first), "vi")
    out += (
        f". Trong {count} tháng có số liệu: cao nhất {v_high} (tháng {highest.month:02d}/{highest.year}), "
        f"thấp nhất {v_low} (tháng {lowest.month:02d}/{lowest.year})."
    )
    return out


def _indicator_name(indicator, language: str) -> str:
    return indicator.label(language)


def no_figures(indicator, language: str) -> str:
    if language == "en":
        return f"No figure of “{_indicator_name(indicator, 'en')}” has been published yet."
    return f"Chưa có số liệu nào của chỉ tiêu “{indicator.name}” được công bố."


def no_release(indicator, period: Period, language: str) -> str:
    label = period_label(period, language)
    if language == "en":
        return f"No figure of “{_indicator_name(indicator, 'en')}” has been published for {label}."
    return f"Chưa có số liệu {label} của chỉ tiêu “{indicator.name}” được công bố."


def incomplete_sum(indicator, period: Period, present: list, missing: list, language: str) -> str:
    label = period_label(period, language)
    have = ", ".join(f"{f.month:02d}/{f.year}" for f in present)
    lacking = ", ".join(f"{m:02d}/{y}" for y, m in missing)
    if language == "en":
        return (
            f"The total of “{_indicator_name(indicator, 'en')}” for {label} cannot be given: figures are published "
            f"for {have} only (missing: {lacking})."
        )
    return (
        f"Chưa tính được tổng {label} của chỉ tiêu “{indicator.name}”: mới có số liệu các tháng {have} "
        f"(còn thiếu: {lacking})."
    )


def not_additive_note(language: str) -> str:
    if language == "en":
        return "This indicator's monthly figures do not add up; the figure of the last month is given."
    return "Số liệu hằng tháng của chỉ tiêu này không cộng dồn được; câu trả lời là số liệu tháng cuối của kỳ."


def latest_in_period_note(period: Period, last, language: str) -> str:
    if language == "en":
        return f"The latest published figure for {period_label(period, 'en')} is that of {month_label(last.year, last.month, 'en')}."
    return (
        f"Số liệu mới nhất đã công bố của {period_label(period, 'vi')} là số liệu tháng {last.month:02d}/{last.year}."
    )


def no_change_note(wanted: str, language: str) -> str:
    if language == "en":
        return {
            PREV_MONTH: "No published figure of the previous month to compare with.",
            SAME_PERIOD: "No published figure of the same period a year earlier to compare with.",
        }.get(wanted, "No published figure to compare with.")
    return {
        PREV_MONTH: "Chưa có số liệu tháng trước đã công bố để so sánh.",
        SAME_PERIOD: "Chưa có số liệu cùng kỳ năm trước đã công bố để so sánh.",
    }.get(wanted, "Chưa có số liệu đã công bố để so sánh.")


def no_base_note(key: tuple[int, int], language: str) -> str:
    if language == "en":
        return f"No published figure of {month_label(key[0], key[1], 'en')} to compare with."
    return f"Chưa có số liệu tháng {key[1]:02d}/{key[0]} đã công bố để so sánh."


def interpretation(candidate, understood: Understood, language: str, answer=None) -> str:
    """ "Hiểu câu hỏi là: chỉ tiêu “…”, kỳ …, so sánh với …" """
    period = period_label(understood.period, language)
    parts = []
    if language == "en":
        parts.append(f"indicator “{candidate.label('en')}”" if candidate else "indicator: not recognised")
        parts.append(f"period: {period}")
        extra = {PREV_MONTH: "compared with the previous month", SAME_PERIOD: "compared with the same period a year earlier",
                 BOTH: "up or down"}  # fmt: skip
    else:
        parts.append(f"chỉ tiêu “{candidate.name}”" if candidate else "chưa xác định được chỉ tiêu")
        parts.append(f"kỳ {period}")
        extra = {PREV_MONTH: "so với tháng trước", SAME_PERIOD: "so với cùng kỳ năm trước", BOTH: "tăng hay giảm"}
    if understood.compare_to:
        y, m = understood.compare_to
        parts.append(f"compared with {month_label(y, m, 'en')}" if language == "en" else f"so với tháng {m:02d}/{y}")
    elif understood.compare:
        parts.append(extra[understood.compare])
    if understood.extreme:
        words = {"max": ("highest", "cao nhất"), "min": ("lowest", "thấp nhất")}[understood.extreme]
        parts.append(words[0] if language == "en" else words[1])
    if understood.trend:
        parts.append("trend" if language == "en" else "xu hướng")
    if understood.total:
        parts.append("total" if language == "en" else "tổng")
    return ", ".join(parts)


def unknown(answer, language: str) -> str:
    text = answer.understood.text
    if answer.status == "ambiguous":
        if language == "en":
            return "The question may be about several indicators: please pick one below."
        return "Câu hỏi có thể nói về nhiều chỉ tiêu: xin chọn một chỉ tiêu dưới đây."
    if language == "en":
        return f"No indicator matches “{text}”." if text else "The question names no indicator."
    return f"Không tìm thấy chỉ tiêu nào khớp với “{text}”." if text else "Câu hỏi chưa nêu chỉ tiêu nào."
