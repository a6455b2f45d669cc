"""Bar charts drawn on the server as SVG: no script, no colour-only meaning.

Every bar carries its value as text beside it and its series name at its left; the
series also differ by pattern (solid, hatched, dotted…), drawn in ``currentColor`` so
that the chart follows the page's text colour (the high-contrast mode, forced colours).
The numbers are in the table under each chart as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 400
LABEL = 112  # the bar names' column
BAR = 15
LINE = 24
GROUP_HEAD = 26
FONT = 15
CHAR = 0.56  # the width of an average character, in font sizes (a generous estimate)


def text_width(text: str) -> float:
    return len(text) * FONT * CHAR


def fit(text: str, width: float) -> str:
    """``text`` cut with "…" to fit ``width`` (the table under the chart has it whole)."""
    room = int(width / (FONT * CHAR))
    return text if len(text) <= room else text[: max(room - 1, 1)].rstrip() + "…"


# (pattern id suffix, the pattern's content drawn in a 6×6 tile); "" is a solid bar.
PATTERNS = (
    ("", ""),
    ("hatch", '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="currentColor" stroke-width="1.5"/>'),
    ("dots", '<circle cx="3" cy="3" r="1.4" fill="currentColor"/>'),
    ("cross", '<path d="M0,3 h6 M3,0 v6" stroke="currentColor" stroke-width="1.2"/>'),
    ("open", ""),
)


@dataclass
class Bar:
    name: str
    value: float
    text: str
    series: int = 0


@dataclass
class Group:
    label: str
    bars: list[Bar] = field(default_factory=list)


def bar_chart(*, chart_id: str, title: str, groups: list[Group], empty: str = "") -> SafeString:
    """Horizontal bars in labelled groups; ``title`` is the chart's accessible name."""
    if not any(g.bars for g in groups):
        return mark_safe(f'<p class="db-empty">{escape(empty)}</p>') if empty else mark_safe("")
    top = max((b.value for g in groups for b in g.bars), default=0) or 1
    # The longest bar that leaves room for every bar's text after it.
    span = min(
        [(WIDTH - LABEL - 8 - text_width(b.text)) / (b.value / top) for g in groups for b in g.bars if b.value > 0]
        or [WIDTH - LABEL]
    )
    span = max(min(span, WIDTH - LABEL - 8), 40)
    parts: list[str] = []
    y = 0
    for group in groups:
        if group.label:
            y += GROUP_HEAD
            parts.append(f'<text x="0" y="{y - 6}" font-weight="bold">{escape(fit(group.label, WIDTH))}</text>')
        for bar in group.bars:
            width = max(round(span * max(bar.value, 0) / top, 1), 1 if bar.value > 0 else 0)
            kind, _ = PATTERNS[bar.series % len(PATTERNS)]
            fill = "currentColor" if not kind else ("none" if kind == "open" else f"url(#{chart_id}-{kind})")
            base = y + LINE - 6
            parts.append(f'<text x="0" y="{base}">{escape(fit(bar.name, LABEL - 6))}</text>')
            if width:
                parts.append(
                    f'<rect x="{LABEL}" y="{base - BAR + 2}" width="{width}" height="{BAR}" fill="{fill}" '
                    f'stroke="currentColor" stroke-width="1"/>'
                )
            parts.append(f'<text x="{LABEL + width + 6}" y="{base}">{escape(bar.text)}</text>')
            y += LINE
        y += 6
    defs = "".join(
        f'<pattern id="{chart_id}-{kind}" width="6" height="6" patternUnits="userSpaceOnUse">{tile}</pattern>'
        for kind, tile in PATTERNS
        if tile
    )
    height = y + 4
    svg = (
        f'<svg class="db-chart" id="{chart_id}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-labelledby="{chart_id}-title" fill="currentColor" '
        f'font-size="{FONT}"><title id="{chart_id}-title">{escape(title)}</title><defs>{defs}</defs>'
        + "".join(parts)
        + "</svg>"
    )
    return mark_safe(svg)
