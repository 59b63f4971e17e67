"""Dev error of an MLP on digits trained with no augmentation, with shifts, or with flips."""

from __future__ import annotations

import functools

import numpy as np
from _bias_variance_runs import digits_split
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import MLP, Adam, flip_horizontal, random_shift

M_TRAIN = 300
EPOCHS = 30
SEEDS = (0, 1)
SCHEMES = ("none", "shift", "flip")

LABELS = {
    "ko": {
        "title": "증강은 배포 때 만날 변형을 가르칠 때만 돕는다",
        "y": "개발 오차 (%)",
        "none": "증강 없음\n(원본 두 번)",
        "shift": "원본 + 무작위\n1픽셀 이동",
        "flip": "원본 + 좌우\n뒤집기",
        "centred": "원래 개발 세트 (가운데 정렬)",
        "shifted": "최대 1픽셀 이동한 개발 세트",
        "seed": "시드별 결과",
    },
    "en": {
        "title": "Augmentation helps only when it teaches a variation met in deployment",
        "y": "dev error (%)",
        "none": "no augmentation\n(originals twice)",
        "shift": "originals + random\n1-pixel shifts",
        "flip": "originals +\nflips",
        "centred": "the dev set as given (centred)",
        "shifted": "dev set shifted by up to 1 pixel",
        "seed": "each seed",
    },
}


def _augment(images: np.ndarray, scheme: str, rng: np.random.Generator) -> np.ndarray:
    """One epoch's training images: the originals plus one copy per scheme."""
    if scheme == "shift":
        extra = random_shift(images, 1, rng=rng)  # new offsets every epoch
    elif scheme == "flip":
        extra = flip_horizontal(images)
    else:
        extra = images
    return np.concatenate([images, extra]).reshape(-1, 64)


@functools.cache
def _errors() -> dict[str, np.ndarray]:
    """scheme -> array (seed, [centred dev error, shifted dev error]) in percent."""
    s = digits_split()
    images, y = s.X_train[:M_TRAIN].reshape(-1, 8, 8), s.y_train[:M_TRAIN]
    y_twice = np.concatenate([y, y])
    X_shifted = random_shift(s.X_dev.reshape(-1, 8, 8), 1, rng=123).reshape(-1, 64)
    out = {}
    for scheme in SCHEMES:
        rows = []
        for seed in SEEDS:
            net = MLP([64, 128, 10], dtype=np.float32, rng=seed)
            optimizer, gen = Adam(0.003), np.random.default_rng(seed)
            for _ in range(EPOCHS):  # the optimiser's state carries over between calls
                net.fit(
                    _augment(images, scheme, gen),
                    y_twice,
                    optimizer=optimizer,
                    epochs=1,
                    batch_size=32,
                    rng=gen,
                )
            rows.append([np.mean(net.predict(X) != s.y_dev) for X in (s.X_dev, X_shifted)])
        out[scheme] = 100 * np.array(rows)
    return out


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    errors = _errors()
    fig = new_figure(7.2, 3.8)
    ax = fig.add_subplot()
    x = np.arange(len(SCHEMES))
    width = 0.36
    for k, (key, color) in enumerate((("centred", COLORS[0]), ("shifted", COLORS[1]))):
        means = [errors[scheme][:, k].mean() for scheme in SCHEMES]
        pos = x + (k - 0.5) * width
        bars = ax.bar(pos, means, width=width * 0.95, color=color, label=tx[key])
        ax.bar_label(bars, labels=[f"{v:.1f}" for v in means], padding=7, fontsize="small")
        for i, scheme in enumerate(SCHEMES):
            ax.scatter(
                np.full(len(SEEDS), pos[i]),
                errors[scheme][:, k],
                s=12,
                color="black",
                zorder=3,
                label=tx["seed"] if (k, i) == (1, 2) else None,
            )
    ax.set_xticks(x, [tx[scheme] for scheme in SCHEMES])
    ax.set(ylabel=tx["y"], title=tx["title"], ylim=(0, 75))
    ax.legend(loc="upper center", frameon=False, fontsize="small")
    style_axes(ax)
    ax.grid(False, axis="x")
    return fig


def narrow(fig: Figure, lang: str) -> Figure:
    """The phone layout: the legend under the figure, off the bars and their labels."""
    import _narrow

    _narrow.move_legends(fig)
    return _narrow.reflow(fig)
