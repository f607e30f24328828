"""The report chart: a PNG bar chart of the most-missed key points.

Uses matplotlib's object API on the Agg canvas (no pyplot, no display, no global state).
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

LABEL_WIDTH = 38


def missed_points_chart(title: str, bars: Sequence[tuple[str, int]]) -> bytes:
    """PNG bytes: one horizontal bar per (label, count), the first at the top."""
    # matplotlib takes most of a second to import: only when the first chart is drawn
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    height = 1.6 + 0.55 * max(len(bars), 1)
    figure = Figure(figsize=(8, height), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_title(_plain(title))
    if bars:
        labels = [_label(label) for label, _ in bars]
        counts = [count for _, count in bars]
        positions = list(range(len(bars)))
        axes.barh(positions, counts, color="#c0504d")
        axes.set_yticks(positions, labels, fontsize=8)
        axes.invert_yaxis()
        axes.set_xlabel("times missed")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        for position, count in zip(positions, counts, strict=True):
            axes.annotate(
                str(count),
                (count, position),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
            )
    else:
        axes.set_axis_off()
        axes.text(0.5, 0.5, "No missed key points yet", ha="center", va="center")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _label(text: str) -> str:
    flat = " ".join(text.split())
    lines = textwrap.wrap(flat, LABEL_WIDTH, max_lines=2, placeholder="…")
    return _plain("\n".join(lines)) or "?"


def _plain(text: str) -> str:
    """Text matplotlib draws as written: ``$`` would start its maths mode."""
    return text.replace("$", r"\$")
