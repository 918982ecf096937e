"""Plan vs result over the years for one actor, drawn with matplotlib (SVG for the page, PNG for docs).

Per kind, a year's point is its largest figure (several facts of one kind in a year are usually
parts of one programme: a province's 重点项目 and its 省重大项目); targets dashed, results solid,
investment in 亿元 on one axis and project counts on another, so the two scales do not squash
each other.  Text stays text in the SVG (svg.fonttype none): the browser draws the labels, and
the file stays a few kilobytes.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass

import pandas as pd

KIND_COLOURS = {"projects": "#6d4c41", "total_investment": "#f9a825", "annual_investment": "#1e88e5",
                "completed_investment": "#43a047", "statistics": "#8e24aa", "output_value": "#e64a19", "amount": "#546e7a"}


@dataclass(frozen=True)
class Series:
    """One line of a chart: a measure's largest value per year."""

    label: str
    kind: str
    modality: str
    points: dict[int, float]


def _pyplot():
    """matplotlib with a non-interactive backend; one line naming the extra when it is missing."""
    try:
        import matplotlib
    except ImportError:
        raise SystemExit("extract: trends charts need matplotlib: pip install -e '.[trends]'") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "font.size": 9, "svg.hashsalt": "extract",
                         "font.family": ["Noto Sans CJK SC", "Noto Sans CJK JP", "DejaVu Sans"]})
    return plt


def series_of(cells: pd.DataFrame) -> list[Series]:
    """The chart's lines from one actor's cells (actor's rows of trends.cells with a known year)."""
    known = cells[cells["year"].notna() & cells["value"].notna()]  # an amount in 美元 has no yuan value to draw
    out = []
    for (order, label, kind, modality), part in known.groupby(["order", "measure", "kind", "modality"], sort=True):
        points = part.groupby("year")["value"].max()
        out.append(Series(label, kind, modality, {int(y): float(v) for y, v in points.items()}))
    return out


def draw(series: list[Series], fmt: str = "svg", title: str | None = None) -> bytes:
    """The chart as SVG or PNG bytes: investment (亿元) above, project counts below, when present."""
    plt = _pyplot()
    panels = [p for p in (("investment, 亿元 (100 million yuan)", [s for s in series if s.kind != "projects"]),
                          ("projects", [s for s in series if s.kind == "projects"])) if p[1]]
    fig, axes = plt.subplots(len(panels), 1, figsize=(6.4, 2.3 * len(panels) + 0.3), squeeze=False, sharex=True)
    years = sorted({y for s in series for y in s.points})
    position = {year: n for n, year in enumerate(years)}  # evenly spaced: a page's odd year does not squash the rest
    for ax, (ylabel, lines) in zip(axes[:, 0], panels):
        for line in lines:
            xs = sorted(line.points)
            ys = [line.points[x] / (1e8 if line.kind != "projects" else 1) for x in xs]
            ax.plot([position[x] for x in xs], ys, "--o" if line.modality == "target" else "-s", color=KIND_COLOURS.get(line.kind, "#546e7a"),
                    label=line.label, markersize=5, linewidth=1.5)
        ax.set_ylabel(ylabel)
        top = max(v / (1e8 if line.kind != "projects" else 1) for line in lines for v in line.points.values())
        ax.set_ylim(0, top * 1.12 or 1)  # headroom: the highest point is not cut by the frame
        ax.grid(axis="y", alpha=0.3)
        ax.legend(fontsize=7, loc="best", frameon=False)
    axes[-1, 0].set_xticks(range(len(years)))
    axes[-1, 0].set_xticklabels([str(y) for y in years])
    axes[-1, 0].set_xlim(-0.5, len(years) - 0.5)
    if title:
        fig.suptitle(title)
    fig.subplots_adjust(left=0.12, right=0.98, top=0.92 if title else 0.97, bottom=0.1, hspace=0.12)
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=90 if fmt == "png" else None, metadata={"Date": None} if fmt == "svg" else None)
    plt.close(fig)
    return buffer.getvalue()


def data_uri(svg: bytes) -> str:
    """An <img src> for the SVG: the page carries its charts, nothing is fetched."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
