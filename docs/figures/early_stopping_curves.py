"""Train/dev loss and error of an overfitting MLP on digits, with the early-stopping epoch."""

from __future__ import annotations

import functools

import numpy as np
from _bias_variance_runs import digits_split
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import MLP, Adam, EarlyStopping, History

M_TRAIN = 150
EPOCHS = 100
PATIENCE = 10
WRONG = 0.2  # fraction of training labels replaced by a wrong label in the right column

LABELS = {
    "ko": {
        "clean": "정답 레이블 (학습 샘플 {m}개)",
        "noisy": "학습 레이블의 {wrong:.0%}가 틀림",
        "loss": "교차 엔트로피",
        "error": "오차 (%)",
        "x": "에폭",
        "train": "학습",
        "dev": "개발",
        "best": "최적 에폭 {best} (복원)",
        "stop": "멈춘 에폭 {stop}",
        "after": "멈추지 않았다면",
    },
    "en": {
        "clean": "correct labels ({m} training examples)",
        "noisy": "{wrong:.0%} of the training labels wrong",
        "loss": "cross-entropy",
        "error": "error (%)",
        "x": "epoch",
        "train": "train",
        "dev": "dev",
        "best": "best epoch {best} (restored)",
        "stop": "stopped at epoch {stop}",
        "after": "had it not stopped",
    },
}


@functools.cache
def _runs() -> dict[str, tuple[History, EarlyStopping]]:
    """Train for all EPOCHS, then replay the dev losses through EarlyStopping.

    Training past the stop shows what early stopping avoids; ``fit(...,
    early_stopping=EarlyStopping(PATIENCE))`` would end at the same epoch.
    """
    s = digits_split()
    X, y = s.X_train[:M_TRAIN], s.y_train[:M_TRAIN]
    rng = np.random.default_rng(0)
    wrong = rng.choice(M_TRAIN, int(WRONG * M_TRAIN), replace=False)
    y_noisy = y.copy()
    y_noisy[wrong] = (y[wrong] + rng.integers(1, 10, wrong.size)) % 10  # never the true label
    out = {}
    for name, labels in (("clean", y), ("noisy", y_noisy)):
        net = MLP([64, 256, 256, 10], dtype=np.float32, rng=0)
        history = net.fit(
            X,
            labels,
            optimizer=Adam(0.003),
            epochs=EPOCHS,
            batch_size=16,
            X_dev=s.X_dev,
            y_dev=s.y_dev,
        )
        stopper = EarlyStopping(patience=PATIENCE)
        for loss in history.dev_loss:
            if stopper.update(loss):
                break
        out[name] = (history, stopper)
    return out


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    runs = _runs()
    fig = new_figure(7.6, 5.0)
    axes = fig.subplots(2, 2, sharex=True)
    for col, name in enumerate(("clean", "noisy")):
        history, stopper = runs[name]
        epochs = history.epochs
        top, bottom = axes[0, col], axes[1, col]
        top.plot(epochs, history.train_loss, color=COLORS[0], label=tx["train"])
        top.plot(epochs, history.dev_loss, color=COLORS[1], label=tx["dev"])
        bottom.plot(
            epochs, 100 * (1 - np.array(history.train_accuracy)), color=COLORS[0], label=tx["train"]
        )
        bottom.plot(
            epochs, 100 * (1 - np.array(history.dev_accuracy)), color=COLORS[1], label=tx["dev"]
        )
        best, stop = stopper.best_epoch, stopper.epoch
        dev_at_best = history.dev_loss[best - 1]
        top_limit = 2.2 * dev_at_best if name == "clean" else 1.6 * max(history.dev_loss[5:])
        for ax in (top, bottom):
            ax.axvline(best, color=COLORS[2], linewidth=1.5)
            ax.axvline(stop, color=GREY, linestyle="--", linewidth=1.2)
            ax.axvspan(stop, EPOCHS, color="#f2f2f2", zorder=0)
            style_axes(ax)
        top.plot([best], [dev_at_best], "o", color=COLORS[2])
        top.set(ylim=(0, top_limit), title=tx[name].format(m=M_TRAIN, wrong=WRONG))
        top.text(
            best + 1.5,
            0.93 * top_limit,
            tx["best"].format(best=best),
            color=COLORS[2],
            fontsize="small",
            va="top",
        )
        top.text(
            stop + 1.5,
            0.78 * top_limit,
            tx["stop"].format(stop=stop),
            color="#555555",
            fontsize="small",
            va="top",
        )
        top.text(
            EPOCHS - 2, 0.05 * top_limit, tx["after"], color="#777777", fontsize="small", ha="right"
        )
        bottom.set(ylim=(0, 40), xlabel=tx["x"], xlim=(0, EPOCHS))
        if col == 0:
            top.set_ylabel(tx["loss"])
            bottom.set_ylabel(tx["error"])
            top.legend(loc="upper right", frameon=False)
    return fig
