"""The augmentation and early-stopping numbers of their page are the figures' own."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import augmentation_effect as aug
import early_stopping_curves as es

PAGE = "practical/early-stopping-augmentation"
pytestmark = pytest.mark.usefixtures("one_blas_thread")


def test_augmentation_numbers_with_their_noise() -> None:
    e = {k: v.mean(axis=0) for k, v in aug._errors().items()}  # [centred, shifted] in %
    none, shift, flip = e["none"], e["shift"], e["flip"]
    assert_on_page(PAGE, f"{none[0]:.1f}%")
    assert_on_page(PAGE, f"{shift[0]:.1f}%")
    diff = shift[0] - none[0]
    se = 100 * np.sqrt((shift[0] / 100) * (1 - shift[0] / 100) / 359)
    assert diff < se  # "not a difference"
    assert_on_page(PAGE, ko=f"{diff:.1f}%p", en=f"{diff:.1f} points")
    assert_on_page(PAGE, ko=f"약 {se:.1f}%p", en=f"about {se:.1f} points")
    assert_on_page(PAGE, f"{none[1]:.1f}%")
    assert_on_page(PAGE, f"{shift[1]:.1f}%")
    assert_on_page(PAGE, f"{flip[0]:.1f}%")
    assert_on_page(PAGE, ko=f"{flip[0] - none[0]:.1f}%p", en=f"{flip[0] - none[0]:.1f} points")
    assert flip[0] - none[0] > se
    assert_on_page(PAGE, f"{flip[1]:.1f}%")
    se_shifted = 100 * np.sqrt(0.6 * 0.4 / 359)
    assert abs(flip[1] - none[1]) < se_shifted  # "cannot be told from no augmentation"


def test_early_stopping_dev_errors() -> None:
    runs = es._runs()
    h, stopper = runs["noisy"]
    err = 1 - np.array(h.dev_accuracy)
    assert round(100 * err[stopper.best_epoch - 1]) == 16 and round(100 * err[-1]) in (25, 26)
    assert_on_page(PAGE, ko="약 16%에서 25% 안팎", en="16 % at the best epoch to around 25 %")
