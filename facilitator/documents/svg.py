"""Pictures for the plan documents as inline SVG: the meeting's circle and small line charts.

Every picture carries a title and a description in words (role="img"), and the documents
print the same facts as text beside it, so nobody depends on seeing the picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Dark colours that keep 4.5:1 against white, so labels in them stay readable in print.
KIND_COLOURS: dict[str, str] = {
    "borger": "#8c1d40",
    "privat": "#1b5e20",
    "fagperson": "#1d4f91",
    "medborgerguide": "#6a1b9a",
    "frivillig": "#7a3b00",
}
KIND_SHAPES: dict[str, str] = {
    "borger": "star",
    "privat": "circle",
    "fagperson": "square",
    "medborgerguide": "diamond",
    "frivillig": "triangle",
}
CITIZEN_LINE = "#8c1d40"
OTHER_LINE = "#1d4f91"


@dataclass(frozen=True)
class Person:
    """Someone in the circle, with the words shown beneath their name."""

    name: str
    kind: str
    label: str


@dataclass(frozen=True)
class Series:
    """One line of a chart: a name and a value per point (None where not taken)."""

    name: str
    values: Sequence[float | None]
    colour: str
    dashed: bool = False


def _attr(text: str) -> str:
    return escape(text, quote=True)


def _polygon(points: Sequence[tuple[float, float]], fill: str) -> str:
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polygon points="{pts}" fill="{fill}"/>'


def _marker(shape: str, x: float, y: float, r: float, colour: str) -> str:
    """A filled shape per kind, so kinds differ by shape as well as colour."""
    if shape == "square":
        return _polygon([(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)], colour)
    if shape == "diamond":
        d = r * 1.3
        return _polygon([(x, y - d), (x + d, y), (x, y + d), (x - d, y)], colour)
    if shape == "triangle":
        return _polygon([(x, y - r * 1.3), (x + r * 1.2, y + r), (x - r * 1.2, y + r)], colour)
    if shape == "star":
        points = []
        for i in range(10):
            radius = r * 1.5 if i % 2 == 0 else r * 0.65
            angle = -math.pi / 2 + i * math.pi / 5
            points.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
        return _polygon(points, colour)
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}"/>'


def _wrap(text: str, width: int = 18) -> list[str]:
    """Short lines for a label: break between words, at most two lines."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])[: width - 1] + "…"]
    return lines


def network_circle(
    people: Sequence[Person], title: str, description: str, legend: dict[str, str]
) -> str:
    """Everyone sitting in one circle, the citizen among them (at the top), not in the middle.

    ``legend`` maps a kind to its words; only kinds present are shown.
    """
    width, cx, cy, ring = 680, 340, 220, 138
    n = max(1, len(people))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 520" role="img"'
        ' aria-labelledby="circle-title circle-desc" class="circle" font-family="DejaVu Sans,'
        ' Verdana, sans-serif">',
        f'<title id="circle-title">{_attr(title)}</title>',
        f'<desc id="circle-desc">{_attr(description)}</desc>',
        f'<circle cx="{cx}" cy="{cy}" r="{ring}" fill="none" stroke="#555" stroke-width="2"/>',
    ]
    for i, person in enumerate(people):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        x, y = cx + ring * math.cos(angle), cy + ring * math.sin(angle)
        colour = KIND_COLOURS.get(person.kind, "#333333")
        parts.append(_marker(KIND_SHAPES.get(person.kind, "circle"), x, y, 11, colour))
        lx, ly = cx + (ring + 26) * math.cos(angle), cy + (ring + 26) * math.sin(angle)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        lines = _wrap(person.name) + ([person.label] if person.label else [])
        top = ly - (len(lines) - 1) * 10 + (6 if abs(cos) >= 0.3 else (-4 if y < cy else 16))
        if abs(cos) < 0.3 and y < cy:
            top = ly - (len(lines) - 1) * 21
        for j, line in enumerate(lines):
            weight = ' font-weight="bold"' if j == 0 else ""
            size = 20 if j == 0 else 17
            parts.append(
                f'<text x="{lx:.1f}" y="{top + j * 21:.1f}" text-anchor="{anchor}"'
                f' font-size="{size}" fill="#111"{weight}>{escape(line)}</text>'
            )
    shown = [k for k in KIND_SHAPES if any(p.kind == k for p in people)]
    x = 20.0
    for kind in shown:
        words = legend.get(kind, kind)
        parts.append(_marker(KIND_SHAPES[kind], x + 8, 500, 8, KIND_COLOURS[kind]))
        parts.append(
            f'<text x="{x + 22:.1f}" y="506" font-size="17" fill="#111">{escape(words)}</text>'
        )
        x += 44 + 9.2 * len(words)
    parts.append("</svg>")
    return "\n".join(parts)


def line_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    lo: float,
    hi: float,
    title: str,
    description: str,
    ticks: Sequence[float] = (),
    chart_id: str = "chart",
) -> str:
    """A small chart over time: one x position per label, values between lo and hi."""
    width, height = 600, 250
    left, right, top, bottom = 48, 24, 20, 54
    plot_w, plot_h = width - left - right, height - top - bottom
    count = max(1, len(labels))

    def px(i: int) -> float:
        return left + (plot_w * (i + 0.5) / count)

    def py(v: float) -> float:
        return top + plot_h * (1 - (v - lo) / (hi - lo))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img"'
        f' aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart"'
        ' font-family="DejaVu Sans, Verdana, sans-serif">',
        f'<title id="{chart_id}-title">{_attr(title)}</title>',
        f'<desc id="{chart_id}-desc">{_attr(description)}</desc>',
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none"'
        ' stroke="#777" stroke-width="1"/>',
    ]
    for tick in ticks:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{py(tick):.1f}" y2="{py(tick):.1f}"'
            ' stroke="#ddd" stroke-width="1"/>'
            f'<text x="{left - 8}" y="{py(tick) + 5:.1f}" text-anchor="end" font-size="16"'
            f' fill="#111">{tick:g}</text>'
        )
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{px(i):.1f}" y="{top + plot_h + 22}" text-anchor="middle" font-size="16"'
            f' fill="#111">{escape(label)}</text>'
        )
    for s_index, line in enumerate(series):
        points = [(px(i), py(v), v) for i, v in enumerate(line.values) if v is not None]
        if len(points) > 1:
            dash = ' stroke-dasharray="8 5"' if line.dashed else ""
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{line.colour}"'
                f' stroke-width="3"{dash}/>'
            )
        # The first line's numbers sit right of its points, the second's left, so both read.
        dx, anchor = (10, "start") if s_index == 0 else (-10, "end")
        for x, y, v in points:
            shape = "square" if line.dashed else "circle"
            parts.append(_marker(shape, x, y, 6, line.colour))
            parts.append(
                f'<text x="{x + dx:.1f}" y="{y - 10:.1f}" text-anchor="{anchor}" font-size="17"'
                f' font-weight="bold" fill="{line.colour}">{v:g}</text>'
            )
    x = float(left)
    for line in series:
        shape = "square" if line.dashed else "circle"
        parts.append(_marker(shape, x + 6, height - 10, 6, line.colour))
        parts.append(
            f'<text x="{x + 18:.1f}" y="{height - 4}" font-size="16" fill="#111">'
            f"{escape(line.name)}</text>"
        )
        x += 44 + 9 * len(line.name)
    parts.append("</svg>")
    return "\n".join(parts)
