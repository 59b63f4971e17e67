"""Logistic regression on raw and on standardised features (helper for the normalising page).

A helper, not a figure: ``functools.cache`` trains each model once per build,
so the Korean and English images share the runs.
"""

from __future__ import annotations

import functools

import numpy as np

from dlref import MLP, SGD, History, Split, Standardizer, train_dev_test_split

EPOCHS = 200


def height_weight(m: int = 1500, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Heights (m) and weights (kg) of ``m`` adults, label 1 if BMI >= 25.

    Heights ~ N(1.70, 0.09); weights 22.5 * height^2 plus N(0, 11) noise, so
    the two features are correlated (about 0.55) and differ in scale by a
    factor of about 150.
    """
    rng = np.random.default_rng(seed)
    height = rng.normal(1.70, 0.09, m)
    weight = 22.5 * height**2 + rng.normal(0.0, 11.0, m)
    X = np.column_stack([height, weight])
    y = (weight / height**2 >= 25.0).astype(np.int64)
    return X, y


@functools.cache
def split() -> Split:
    """1500 people split 2/3 training, 1/3 dev (no test set: nothing is reported as final)."""
    X, y = height_weight()
    return train_dev_test_split(X, y, (2 / 3, 1 / 3, 0.0), rng=0)


def hessian_condition(X: np.ndarray) -> float:
    """Condition number of the logistic loss's Hessian at w = 0 on the rows ``X``.

    At w = 0 every sigmoid'(z) is 1/4, so the Hessian is (1/4) X~^T X~ / m with
    X~ = [1, X] (the bias column first); the factor 1/4 does not change kappa.
    """
    X1 = np.column_stack([np.ones(len(X)), X])
    return float(np.linalg.cond(X1.T @ X1 / len(X)))


def training_conditions() -> dict[str, float]:
    """kappa of the training rows of ``split()``: raw, centred and standardised."""
    X = split().X_train
    return {
        "raw": hessian_condition(X),
        "centred": hessian_condition(X - X.mean(axis=0)),
        "standardised": hessian_condition(Standardizer().fit_transform(X)),
    }


def run(standardize: bool, lr: float) -> tuple[History, float]:
    """Full-batch gradient descent for EPOCHS epochs; returns the history and the dev accuracy."""
    history, accuracy, _, _ = trained(standardize, lr)
    return history, accuracy


@functools.cache
def trained(
    standardize: bool, lr: float
) -> tuple[History, float, dict[str, np.ndarray], dict[str, np.ndarray]]:
    """One run: history, dev accuracy, and the initial and final parameters.

    With ``standardize`` the training set's mean and std are applied to the
    dev set (``Standardizer`` fitted on the training set only).
    """
    s = split()
    X_train, X_dev = s.X_train, s.X_dev
    if standardize:
        scaler = Standardizer().fit(X_train)
        X_train, X_dev = scaler.transform(X_train), scaler.transform(X_dev)
    net = MLP([2, 1], output="sigmoid", rng=0)  # logistic regression
    initial = {k: v.copy() for k, v in net.params.items()}
    history = net.fit(
        X_train,
        s.y_train,
        optimizer=SGD(lr),
        epochs=EPOCHS,
        batch_size=X_train.shape[0],
        rng=0,
    )
    accuracy = float(np.mean(net.predict(X_dev) == s.y_dev))
    return history, accuracy, initial, dict(net.params)
