"""Train/dev/test sizes for a small (10^4) and a big (10^6) data set."""

from __future__ import annotations

import numpy as np
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import train_dev_test_split

#: (number of examples, fractions) of the three splits drawn, top to bottom.
CASES = [
    (10_000, (0.6, 0.2, 0.2)),
    (1_000_000, (0.98, 0.01, 0.01)),
    (1_000_000, (0.995, 0.0025, 0.0025)),
]

LABELS = {
    "ko": {
        "title_share": "전체에서 차지하는 비율",
        "title_count": "세트별 샘플 수",
        "share": "비율 (%)",
        "count": "샘플 수 (로그 척도)",
        "sets": ["학습", "개발", "테스트"],
        "case": "$m = 10^{{{exp}}}$\n{ratio}",
        "small": "개발·테스트 {dev:,}개씩",
    },
    "en": {
        "title_share": "Share of all examples",
        "title_count": "Examples in each set",
        "share": "share (%)",
        "count": "examples (log scale)",
        "sets": ["train", "dev", "test"],
        "case": "$m = 10^{{{exp}}}$\n{ratio}",
        "small": "dev and test: {dev:,} each",
    },
}


def _sizes() -> list[tuple[int, int, int]]:
    """The set sizes, measured by splitting arrays of the given length."""
    sizes = []
    for m, fractions in CASES:
        X, y = np.zeros((m, 1), np.float32), np.zeros(m, np.int8)
        s = train_dev_test_split(X, y, fractions, rng=0)
        sizes.append((len(s.y_train), len(s.y_dev), len(s.y_test)))
    return sizes


def _ratio(fractions: tuple[float, float, float]) -> str:
    return "/".join(f"{100 * f:g}" for f in fractions)


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    sizes = _sizes()
    names = [tx["case"].format(exp=round(np.log10(m)), ratio=_ratio(fr)) for m, fr in CASES]
    rows = np.arange(len(CASES))[::-1]
    fig = new_figure(7.6, 3.4)
    ax_share, ax_count = fig.subplots(1, 2, width_ratios=[1.25, 1])

    for row, (train, dev, test), (m, _) in zip(rows, sizes, CASES, strict=True):
        left = 0.0
        for k, n in enumerate((train, dev, test)):
            width = 100 * n / m
            ax_share.barh(
                row,
                width,
                left=left,
                height=0.6,
                color=COLORS[k],
                label=tx["sets"][k] if row == rows[0] else None,
            )
            if width > 10:
                ax_share.text(
                    left + width / 2,
                    row,
                    f"{n:,}",
                    ha="center",
                    va="center",
                    color="white",
                    fontsize="small",
                )
            left += width
        if dev / m < 0.1:
            ax_share.text(
                98,
                row + 0.42,
                tx["small"].format(dev=dev),
                ha="right",
                va="center",
                fontsize="x-small",
            )
    ax_share.set(
        yticks=rows, yticklabels=names, xlim=(0, 100), xlabel=tx["share"], title=tx["title_share"]
    )
    fig.legend(loc="outside upper center", ncols=3, frameon=False)

    width = 0.26
    for k in range(3):
        counts = [s[k] for s in sizes]
        bars = ax_count.barh(rows + (1 - k) * width, counts, height=width, color=COLORS[k])
        ax_count.bar_label(bars, labels=[f"{c:,}" for c in counts], padding=2, fontsize="x-small")
    ax_count.set(
        xscale="log",
        xlim=(1e3, 2e7),
        yticks=rows,
        yticklabels=[],
        xlabel=tx["count"],
        title=tx["title_count"],
    )
    for ax in (ax_share, ax_count):
        style_axes(ax)
        ax.grid(False, axis="y")
    return fig
