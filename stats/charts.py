"""Charts drawn on the server as SVG: no script, no vendored library. Each chart has a
text title and description; the page always shows the same figures as a table."""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from portal.core.formatting import format_number
from portal.core.i18n import current_language

UP, DOWN = "#1a6e3a", "#a3221b"


def change_bars(*, chart_id: str, title: str, items: list[tuple[str, Decimal]]) -> SafeString:
    """Horizontal bars of percentage changes (label, change %), centred on zero."""
    language = current_language()
    if not items:
        return mark_safe("")
    width, label_w, row_h, pad = 640, 300, 26, 8
    bar_area = width - label_w - 70
    top = max([abs(float(v)) for _, v in items] + [1.0])
    zero_x = label_w + bar_area / 2
    height = pad * 2 + row_h * len(items)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="stats-chart" id="{escape(chart_id)}" '
        f'viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="{escape(chart_id)}-t">',
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>',
        f'<line class="axis" x1="{zero_x}" y1="{pad}" x2="{zero_x}" y2="{height - pad}" stroke="#555" stroke-width="1"/>',
    ]
    for i, (label, value) in enumerate(items):
        y = pad + i * row_h
        length = abs(float(value)) / top * (bar_area / 2)
        x = zero_x if value >= 0 else zero_x - length
        colour, kind = (UP, "up") if value >= 0 else (DOWN, "down")
        sign = "+" if value > 0 else ""
        text = sign + format_number(value, 2, language) + "%"
        short = label if len(label) <= 44 else label[:42] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" font-size="12">{escape(short)}</text>'
            f'<rect class="bar-{kind}" x="{x:.1f}" y="{y + 5}" width="{max(length, 1):.1f}" height="{row_h - 10}" fill="{colour}"/>'
        )
        tx = zero_x + length + 4 if value >= 0 else zero_x - length - 4
        anchor = "start" if value >= 0 else "end"
        parts.append(f'<text x="{tx:.1f}" y="{y + 17}" font-size="12" text-anchor="{anchor}">{escape(text)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def series_line(*, chart_id: str, title: str, points: list, unit: str) -> SafeString:
    """A line of an indicator's values over time, with labelled axes."""
    language = current_language()
    if not points:
        return mark_safe("")
    width, height, left, right, top_pad, bottom = 760, 300, 90, 36, 20, 50
    values = [float(p.value) for p in points]
    lo, hi = min(values + [0.0]), max(values)
    if hi == lo:
        hi = lo + 1
    plot_w, plot_h = width - left - right, height - top_pad - bottom

    def x_of(i):
        return left + (plot_w * i / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    def y_of(v):
        return top_pad + plot_h - (v - lo) / (hi - lo) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="stats-chart stats-series" id="{escape(chart_id)}" '
        f'viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="{escape(chart_id)}-t">',
        f'<title id="{escape(chart_id)}-t">{escape(title)}</title>',
    ]
    step_value, tick_decimals = _nice_step((hi - lo) / 4)
    lo = math.floor(lo / step_value) * step_value
    hi = max(math.ceil(hi / step_value) * step_value, lo + step_value)
    tick = lo
    while tick <= hi + step_value / 1000:
        y = y_of(tick)
        label = format_number(Decimal(str(round(tick, tick_decimals))), tick_decimals, language)
        parts.append(
            f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="13">{escape(label)}</text>'
        )
        tick += step_value
    for i in axis_label_indices(len(points), plot_w):
        parts.append(
            f'<text class="x-label" x="{x_of(i):.1f}" y="{height - bottom + 18}" text-anchor="middle" font-size="13">'
            f"{escape(points[i].period_label)}</text>"
        )
    path = " ".join(f"{x_of(i):.1f},{y_of(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline class="line" points="{path}" fill="none" stroke="#0b4f8a" stroke-width="2"/>')
    if len(points) <= 60:
        for i, v in enumerate(values):
            parts.append(f'<circle class="point" cx="{x_of(i):.1f}" cy="{y_of(v):.1f}" r="3" fill="#0b4f8a"/>')
    parts.append(f'<text x="{left}" y="{height - 8}" font-size="13">{escape(_("Đơn vị tính"))}: {escape(unit)}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


# A "MM/YYYY" label at font size 13 is about 56 units wide: labels are at least this far apart.
LABEL_GAP = 72


def axis_label_indices(count: int, plot_w: float) -> list[int]:
    """Which points get an x-axis label: the newest always, then every ``step``-th going
    back, ``step`` chosen so that two labels are never closer than ``LABEL_GAP``."""
    if count <= 0:
        return []
    if count == 1:
        return [0]
    spacing = plot_w / (count - 1)
    step = max(1, math.ceil(LABEL_GAP / spacing))
    return sorted(range(count - 1, -1, -step))


def _nice_step(raw: float) -> tuple[float, int]:
    """A round step (1, 2 or 5 times a power of ten) and the decimals it needs."""
    if raw <= 0:
        return 1.0, 0
    power = math.floor(math.log10(raw))
    base = 10**power
    for factor in (1, 2, 5, 10):
        if raw <= factor * base:
            step = factor * base
            break
    return float(step), max(0, -math.floor(math.log10(step)))
