"""The numbers quoted on the data-preprocessing page are the ones the figure code computes."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from dlref import load_digits
from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _preprocessing_runs as runs

PAGE = "practice/preprocessing"


def test_components_for_90_and_95_percent() -> None:
    k90, k95 = runs.components_for(0.90), runs.components_for(0.95)
    assert_on_page(PAGE, ko=f"90 %를 담는 데 주성분 {k90}개, 95 %에는 {k95}개",
                   en=f"{k90} components hold 90 % of the variance and {k95} hold 95 %")


def test_zero_variance_pixels_and_image_count() -> None:
    X = load_digits().X
    zero = int(np.sum(X.std(axis=0) == 0))
    ev = runs.digits_pca().explained_variance
    assert int(np.sum(ev < 1e-12)) == zero
    assert_on_page(PAGE, ko=f"64개 픽셀 가운데 {zero}개는", en=f"{zero} of the 64 pixels")
    assert_on_page(PAGE, f"{len(X)}")


def test_whitening_gains() -> None:
    ev = runs.digits_pca().explained_variance
    assert_on_page(PAGE, f"{ev[60]:.5f}".rstrip("0"))
    assert_on_page(PAGE, f"{1 / np.sqrt(ev[60] + 1e-5):.1f}")
    assert_on_page(PAGE, f"{1 / np.sqrt(1e-5):.1f}")
    assert_on_page(PAGE, f"{1 / np.sqrt(0.1):.1f}")
    assert np.max(1 / np.sqrt(ev + 0.1)) <= 1 / np.sqrt(0.1)  # "caps ... below 3.2"
