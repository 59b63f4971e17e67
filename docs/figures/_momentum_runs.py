"""Computations shared by the momentum figures and the page's prose tests (a helper).

The valley is ``elongated_quadratic`` with condition number KAPPA: curvatures 1 and KAPPA.
dlref's ``Momentum(lr, beta)`` (v <- beta v + (1 - beta) g, p <- p - lr v) is the heavy ball
p <- p - a g + beta (p - p_prev) with a = lr (1 - beta), so a sweep over beta at a fixed heavy-ball
step a uses lr = a / (1 - beta).
"""

from __future__ import annotations

import functools

import numpy as np

from dlref import SGD, Momentum, elongated_quadratic_grad, trajectory

KAPPA = 50.0
START = (-7.0, 1.0)
#: The best heavy-ball step and momentum for curvatures in [1, KAPPA] (Polyak; Goh 2017).
A_OPT = (2 / (np.sqrt(KAPPA) + 1)) ** 2
B_OPT = ((np.sqrt(KAPPA) - 1) / (np.sqrt(KAPPA) + 1)) ** 2
#: Plain gradient descent: a rate just below its stability limit 2 / KAPPA, where it zig-zags.
GD_LR = 0.038


def grad(p: np.ndarray) -> np.ndarray:
    return elongated_quadratic_grad(p, kappa=KAPPA)


@functools.cache
def paths(steps: int = 60) -> dict[str, np.ndarray]:
    """Gradient descent (zig-zagging) and momentum at its best setting from the same start."""
    return {
        "gd": trajectory(SGD(GD_LR), grad, START, steps),
        "gd_best": trajectory(SGD(2 / (1 + KAPPA)), grad, START, steps),
        "momentum": trajectory(Momentum(A_OPT / (1 - B_OPT), B_OPT), grad, START, steps),
    }


def theory_rate(beta: float, a: float = A_OPT) -> float:
    """Spectral radius of the heavy-ball iteration, worst over the curvatures 1 and KAPPA."""
    worst = 0.0
    for lam in (1.0, KAPPA):
        M = np.array([[1 + beta - a * lam, -beta], [1.0, 0.0]])
        worst = max(worst, float(np.max(np.abs(np.linalg.eigvals(M)))))
    return worst


def measured_rate(beta: float, a: float = A_OPT, steps: int = 400, burn_in: int = 100) -> float:
    """Per-step contraction of the distance to the minimum, measured on dlref's Momentum."""
    path = trajectory(Momentum(a / (1 - beta), beta), grad, START, steps)
    dist = np.linalg.norm(path, axis=1)
    return float((dist[-1] / dist[burn_in]) ** (1 / (steps - burn_in)))


BETAS = (0.0, 0.2, 0.4, 0.5, 0.55, B_OPT, 0.6, 0.7, 0.8, 0.9, 0.95)


@functools.cache
def rate_sweep() -> tuple[np.ndarray, np.ndarray]:
    """(betas, measured rates) at the fixed heavy-ball step A_OPT."""
    betas = np.array(BETAS)
    return betas, np.array([measured_rate(b) for b in betas])


def gd_best_rate() -> float:
    """The best rate of plain gradient descent on curvatures [1, KAPPA]: (k - 1)/(k + 1)."""
    return (KAPPA - 1) / (KAPPA + 1)
