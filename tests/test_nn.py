"""Tests of dlref.nn: whole-network gradients, training, early stopping, dtypes, bad input."""

from __future__ import annotations

import sys
import warnings
from typing import Any

import numpy as np
import pytest

from dlref import (
    MLP,
    SGD,
    Adam,
    EarlyStopping,
    History,
    Momentum,
    RunningStats,
    Standardizer,
    load_digits,
    make_moons,
    train_dev_test_split,
)
from tests._grad import assert_gradient
from tests._libs import import_or_skip

SEEDS = (0, 1, 2)
DIGITS_MIN_ACCURACY = 0.96


def _toy(m: int = 8, n: int = 5, classes: int = 3, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.default_rng(seed)
    X = gen.standard_normal((m, n))
    y = np.arange(m) % classes  # every class present
    return X, gen.permutation(y)


# --- whole-network gradient check --------------------------------------------------

GRAD_CASES = [
    # (activation, batchnorm, keep_prob, l2, output)
    ("relu", True, 0.7, 0.3, "softmax"),
    ("relu", False, 0.6, 0.5, "softmax"),
    ("tanh", True, 0.8, 0.2, "softmax"),
    ("leaky_relu", True, 0.7, 0.1, "softmax"),
    ("elu", False, 0.75, 0.4, "softmax"),
    ("sigmoid", True, 0.9, 0.2, "softmax"),
    ("relu", True, 0.7, 0.3, "sigmoid"),
    ("tanh", False, 1.0, 0.0, "sigmoid"),
]


@pytest.mark.parametrize(("activation", "batchnorm", "keep_prob", "l2", "output"), GRAD_CASES)
def test_whole_network_gradient_check(
    activation: str, batchnorm: bool, keep_prob: float, l2: float, output: str
) -> None:
    sizes = [5, 4, 3, 3] if output == "softmax" else [5, 4, 3, 1]
    X, y = _toy(classes=3 if output == "softmax" else 2)
    net = MLP(
        sizes,
        activation=activation,
        batchnorm=batchnorm,
        keep_prob=keep_prob,
        l2=l2,
        output=output,
        init="xavier",
        rng=3,
    )
    # non-trivial batch-norm parameters
    gen = np.random.default_rng(9)
    for key, value in net.params.items():
        if key.startswith(("gamma", "beta", "b")):
            value[...] = gen.uniform(0.5, 1.5, value.shape) * gen.choice([-1, 1], value.shape)
    seed = 11  # the dropout masks of loss and gradients
    grads = net.gradients(X, y, rng=seed)
    assert list(grads) == list(net.params)
    if keep_prob < 1.0:  # the masks matter: another seed gives another gradient
        other = net.gradients(X, y, rng=seed + 1)
        assert any(not np.array_equal(grads[k], other[k]) for k in grads)
    for key, param in net.params.items():

        def f(v: np.ndarray, key: str = key, param: np.ndarray = param) -> float:
            saved = param.copy()
            param[...] = v
            try:
                return float(net.loss(X, y, train=True, rng=seed))
            finally:
                param[...] = saved

        assert_gradient(f, param.copy(), grads[key])


def test_cross_check_against_torch_autograd() -> None:
    """Loss and every gradient equal those of the same network written in PyTorch."""
    torch = import_or_skip("torch")
    F = torch.nn.functional
    X, y = _toy(m=10, n=5, classes=3, seed=4)
    net = MLP([5, 6, 4, 3], batchnorm=True, keep_prob=0.7, l2=0.3, rng=5)
    seed = 2
    loss = net.loss(X, y, train=True, rng=seed)
    grads = net.gradients(X, y, rng=seed)
    _, _, hidden, _ = net._forward(X, train=True, rng=np.random.default_rng(seed))

    P = {k: torch.tensor(v, requires_grad=True) for k, v in net.params.items()}
    A = torch.tensor(X)
    for layer in (1, 2):
        z = A @ P[f"W{layer}"]
        z = F.batch_norm(
            z, None, None, P[f"gamma{layer}"], P[f"beta{layer}"], training=True, eps=1e-5
        )
        A = torch.relu(z) * torch.tensor(hidden[layer - 1].mask) / 0.7
    scores = A @ P["W3"] + P["b3"]
    penalty = sum((P[f"W{k}"] ** 2).sum() for k in (1, 2, 3))
    t_loss = F.cross_entropy(scores, torch.tensor(y)) + 0.3 / (2 * len(y)) * penalty
    t_loss.backward()
    diffs = {"loss": abs(float(loss) - t_loss.item())}
    for key in grads:
        diffs[key] = float(np.max(np.abs(grads[key] - P[key].grad.numpy())))
    print("max |diff| vs torch:", {k: f"{v:.1e}" for k, v in diffs.items()})
    assert max(diffs.values()) < 1e-10


# --- training on real data -----------------------------------------------------------


@pytest.fixture(scope="module")
def digits() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """load_digits(), 80/20 train/test split, standardised with train statistics."""
    import_or_skip("sklearn")
    X, y = load_digits()
    split = train_dev_test_split(X, y, (0.8, 0.0, 0.2), rng=0)
    scaler = Standardizer().fit(split.X_train)
    return (
        scaler.transform(split.X_train),
        split.y_train,
        scaler.transform(split.X_test),
        split.y_test,
    )


@pytest.fixture(scope="module")
def digits_accuracies(digits: tuple[np.ndarray, ...]) -> list[float]:
    X_train, y_train, X_test, y_test = digits
    accuracies = []
    for seed in SEEDS:
        net = MLP([64, 256, 256, 10], rng=seed)
        history = net.fit(X_train, y_train, optimizer=Adam(1e-3), epochs=20, batch_size=64)
        assert history.stopped_epoch == 20
        accuracies.append(float(np.mean(net.predict(X_test) == y_test)))
    return accuracies


def test_digits_accuracy_three_seeds(digits_accuracies: list[float]) -> None:
    print("digits test accuracy per seed:", digits_accuracies)
    assert min(digits_accuracies) >= DIGITS_MIN_ACCURACY


def test_digits_within_two_points_of_sklearn(
    digits: tuple[np.ndarray, ...], digits_accuracies: list[float]
) -> None:
    sklearn_nn = import_or_skip("sklearn.neural_network")
    from sklearn.exceptions import ConvergenceWarning

    X_train, y_train, X_test, y_test = digits
    peer = []
    for seed in SEEDS:
        clf = sklearn_nn.MLPClassifier(
            hidden_layer_sizes=(256, 256),
            solver="adam",
            alpha=0.0,
            batch_size=64,
            learning_rate_init=1e-3,
            max_iter=20,
            shuffle=True,
            random_state=seed,
        )
        with warnings.catch_warnings():  # 20 epochs on purpose: "not converged" is expected
            warnings.simplefilter("ignore", ConvergenceWarning)
            clf.fit(X_train, y_train)
        peer.append(float(clf.score(X_test, y_test)))
    ours, theirs = float(np.mean(digits_accuracies)), float(np.mean(peer))
    print(f"digits: dlref {digits_accuracies} mean {ours:.4f}; sklearn {peer} mean {theirs:.4f}")
    assert abs(ours - theirs) <= 0.02


def test_batchnorm_dropout_l2_together_train(digits: tuple[np.ndarray, ...]) -> None:
    X_train, y_train, X_test, y_test = digits
    net = MLP([64, 64, 64, 10], batchnorm=True, keep_prob=0.8, l2=0.5, dtype=np.float32, rng=0)
    history = net.fit(X_train, y_train, optimizer=Adam(3e-3), epochs=8, batch_size=64)
    assert history.train_loss[-1] < 0.5 * history.train_loss[0]
    assert all(b < a for a, b in zip(history.train_loss[:3], history.train_loss[1:4], strict=True))
    assert np.mean(net.predict(X_test) == y_test) > 0.93


def test_sigmoid_output_on_moons() -> None:
    X, y = make_moons(300, noise=0.1, rng=0)
    net = MLP([2, 16, 16, 1], output="sigmoid", rng=0)
    history = net.fit(X, y, optimizer=Adam(0.01), epochs=60, batch_size=32)
    assert history.train_accuracy[-1] >= 0.97
    p = net.predict_proba(X)
    assert p.shape == (300,) and np.all((p >= 0) & (p <= 1))
    np.testing.assert_array_equal(net.predict(X), (p >= 0.5).astype(np.int64))
    assert net.predict(X).dtype == np.int64


def test_xor_needs_the_hidden_layer() -> None:
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0])
    linear = MLP([2, 2], rng=0)
    linear.fit(X, y, optimizer=Adam(0.05), epochs=200, batch_size=4)
    assert np.mean(linear.predict(X) == y) <= 0.75  # no line separates XOR
    deep = MLP([2, 8, 2], rng=0)
    deep.fit(X, y, optimizer=Adam(0.05), epochs=200, batch_size=4)
    np.testing.assert_array_equal(deep.predict(X), y)


# --- determinism -----------------------------------------------------------------------


def _fit(seed: int, fit_rng: Any = None) -> tuple[MLP, History]:
    X, y = _toy(m=50, n=5, classes=3, seed=1)
    Xd, yd = _toy(m=20, n=5, classes=3, seed=2)
    net = MLP([5, 8, 8, 3], batchnorm=True, keep_prob=0.8, l2=0.1, rng=seed)
    history = net.fit(
        X, y, optimizer=Momentum(0.1), epochs=4, batch_size=16, X_dev=Xd, y_dev=yd, rng=fit_rng
    )
    return net, history


def test_same_seed_same_history_and_bits() -> None:
    net_a, hist_a = _fit(0)
    net_b, hist_b = _fit(0)
    assert hist_a == hist_b
    for key in net_a.params:
        np.testing.assert_array_equal(net_a.params[key], net_b.params[key])
    for ra, rb in zip(net_a.running_stats, net_b.running_stats, strict=True):
        np.testing.assert_array_equal(ra.mean, rb.mean)
    assert _fit(0, fit_rng=5)[1] == _fit(0, fit_rng=5)[1]
    assert _fit(0, fit_rng=5)[1] != _fit(0, fit_rng=6)[1]
    assert _fit(0)[1] != _fit(1)[1]


def test_loss_and_gradients_are_pure() -> None:
    """train=True uses batch statistics and masks but changes no state."""
    X, y = _toy(m=12)
    net = MLP([5, 4, 3, 3], batchnorm=True, keep_prob=0.5, l2=0.1, rng=0)
    net.fit(X, y, optimizer=SGD(0.1), epochs=2, batch_size=4, rng=0)
    params = {k: v.copy() for k, v in net.params.items()}
    running = net.running_stats
    assert float(net.loss(X, y, train=True, rng=3)) == float(net.loss(X, y, train=True, rng=3))
    g1, g2 = net.gradients(X, y, rng=3), net.gradients(X, y, rng=3)
    assert all(np.array_equal(g1[k], g2[k]) for k in g1)
    assert float(net.loss(X, y, train=True, rng=3)) != float(net.loss(X, y, train=True, rng=4))
    assert float(net.loss(X, y)) != float(net.loss(X, y, train=True, rng=3))
    for key, value in params.items():
        np.testing.assert_array_equal(net.params[key], value)
    for before, after in zip(running, net.running_stats, strict=True):
        np.testing.assert_array_equal(before.mean, after.mean)
        np.testing.assert_array_equal(before.var, after.var)


def test_fit_updates_running_stats_and_prediction_uses_them() -> None:
    X, y = _toy(m=40)
    net = MLP([5, 4, 3], batchnorm=True, rng=0)
    assert set(net.params) == {"W1", "gamma1", "beta1", "W2", "b2"}  # no b1 with batch norm
    start = net.running_stats[0]
    np.testing.assert_array_equal(start.mean, 0.0)
    np.testing.assert_array_equal(start.var, 1.0)
    net.fit(X, y, optimizer=SGD(0.0), epochs=30, batch_size=40, rng=0)  # lr 0: weights fixed
    z = X @ net.params["W1"]
    # one full batch, 30 EWMA updates of weight 0.1: (1 - 0.9**30) of the way to the batch stats
    np.testing.assert_allclose(net.running_stats[0].mean, (1 - 0.9**30) * z.mean(axis=0))
    one = net.predict_proba(X[:1])  # a single example is fine in evaluation mode
    np.testing.assert_allclose(one, net.predict_proba(X)[:1])


def test_batchnorm_skips_a_last_batch_of_one() -> None:
    X, y = _toy(m=9)
    net = MLP([5, 4, 3], batchnorm=True, rng=0)
    history = net.fit(X, y, optimizer=SGD(0.1), epochs=2, batch_size=4)  # batches 4, 4, 1
    assert history.stopped_epoch == 2


# --- early stopping, schedules, progress ----------------------------------------------


class _CraftedDev(MLP):
    """Reports a fixed dev-loss curve and records the parameters after every epoch."""

    curve = (1.0, 0.8, 0.6, 0.65, 0.61, 0.9, 0.95, 0.99)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.snapshots: list[dict[str, np.ndarray]] = []

    def _evaluate(self, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        loss, acc = super()._evaluate(X, y)
        if X.shape[0] == 7:  # the dev set
            self.snapshots.append({k: v.copy() for k, v in self.params.items()})
            return self.curve[len(self.snapshots) - 1], acc
        return loss, acc


def test_early_stopping_on_a_crafted_dev_curve() -> None:
    X, y = _toy(m=30)
    Xd, yd = _toy(m=7, seed=5)
    net = _CraftedDev([5, 6, 3], batchnorm=True, rng=0)
    stopper = EarlyStopping(patience=3)
    history = net.fit(
        X, y, optimizer=Adam(0.01), epochs=8, X_dev=Xd, y_dev=yd, early_stopping=stopper
    )
    # best 0.6 at epoch 3; epochs 4, 5, 6 do not improve -> stop after epoch 6
    assert history.stopped_epoch == 6 and history.best_epoch == 3
    assert history.dev_loss == [1.0, 0.8, 0.6, 0.65, 0.61, 0.9]
    assert len(history.train_loss) == 6 and history.epochs == [1, 2, 3, 4, 5, 6]
    for key, value in net.snapshots[2].items():  # the parameters of epoch 3 are restored
        np.testing.assert_array_equal(net.params[key], value)
    assert not np.array_equal(net.snapshots[5]["W1"], net.snapshots[2]["W1"])


def test_early_stopping_restores_best_weights_on_a_rising_dev_loss() -> None:
    X, y = _toy(m=60, seed=3)
    Xd, yd = X[:20], (y[:20] + 1) % 3  # mislabelled copies: fitting train raises the dev loss
    net = MLP([5, 16, 3], rng=0)
    history = net.fit(
        X,
        y,
        optimizer=Adam(0.02),
        epochs=50,
        batch_size=20,
        X_dev=Xd,
        y_dev=yd,
        early_stopping=EarlyStopping(patience=2),
    )
    assert history.best_epoch is not None
    assert history.stopped_epoch == history.best_epoch + 2 < 50
    assert float(net.loss(Xd, yd)) == pytest.approx(history.dev_loss[history.best_epoch - 1])


def test_lr_schedule_sets_the_rate_per_epoch() -> None:
    X, y = _toy(m=20)
    opt = SGD(1.0)
    history = MLP([5, 3], rng=0).fit(
        X, y, optimizer=opt, epochs=4, batch_size=5, lr_schedule=lambda epoch: 0.1 / epoch
    )
    assert history.lr == [0.1, 0.05, 0.1 / 3, 0.025]
    assert opt.lr == 0.025
    history = MLP([5, 3], rng=0).fit(X, y, optimizer=SGD(0.3), epochs=2)
    assert history.lr == [0.3, 0.3]
    with pytest.raises(ValueError, match="lr must be in"):
        MLP([5, 3], rng=0).fit(X, y, optimizer=SGD(0.3), lr_schedule=lambda epoch: -1.0)


def test_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    import_or_skip("tqdm")
    X, y = _toy(m=20)
    Xd, yd = _toy(m=6, seed=1)
    MLP([5, 3], rng=0).fit(X, y, optimizer=SGD(0.1), epochs=3, X_dev=Xd, y_dev=yd, progress=True)
    err = capsys.readouterr().err
    assert "3/3" in err and "dev_loss" in err


def test_progress_without_tqdm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # "import tqdm" now raises ImportError
    X, y = _toy(m=20)
    with pytest.raises(ImportError, match=r"progress=True needs tqdm.*dlref\[test\]"):
        MLP([5, 3], rng=0).fit(X, y, optimizer=SGD(0.1), progress=True)


def test_diverging_training_raises() -> None:
    X, y = _toy(m=20)
    with np.errstate(all="ignore"), pytest.raises(ValueError, match="training loss must be finite"):
        MLP([5, 50, 3], rng=0).fit(X * 1e3, y, optimizer=SGD(1e30), epochs=10)


# --- dtypes and inputs -------------------------------------------------------------------


def test_float32_end_to_end() -> None:
    X, y = _toy(m=16)  # float64 data: cast to the model's dtype
    net = MLP([5, 4, 4, 3], batchnorm=True, keep_prob=0.8, l2=0.1, dtype=np.float32, rng=0)
    opt = Adam(0.01)
    net.fit(X, y, optimizer=opt, epochs=2, batch_size=8, X_dev=X, y_dev=y)
    assert all(v.dtype == np.float32 for v in net.params.values())
    assert all(
        a.dtype == np.float32
        for st in opt.state.values()
        for a in st.values()
        if isinstance(a, np.ndarray)
    )
    assert all(s.mean.dtype == np.float32 and s.var.dtype == np.float32 for s in net.running_stats)
    assert all(g.dtype == np.float32 for g in net.gradients(X, y, rng=0).values())
    assert isinstance(net.loss(X, y), np.float32)
    assert isinstance(net.loss(X, y, train=True, rng=0), np.float32)
    assert net.predict_proba(X).dtype == np.float32
    scores, inputs, hidden, stats = net._forward(
        X.astype(np.float32), train=True, rng=np.random.default_rng(0)
    )
    arrays = [scores, *inputs, *stats[0], *stats[1]]
    for h in hidden:
        arrays += [h.z, h.mask, *h.bn]  # type: ignore[misc]
    assert all(a.dtype == np.float32 for a in arrays)
    binary = MLP([5, 3, 1], output="sigmoid", dtype=np.float32, l2=0.1, rng=0)
    yb = y % 2
    assert isinstance(binary.loss(X, yb), np.float32)
    assert binary.predict_proba(X).dtype == np.float32
    assert all(g.dtype == np.float32 for g in binary.gradients(X, yb).values())


def test_float64_model_casts_float32_input() -> None:
    X32 = _toy()[0].astype(np.float32)
    net = MLP([5, 3], rng=0)
    p = net.predict_proba(X32)
    assert p.dtype == np.float64
    np.testing.assert_array_equal(p, net.predict_proba(X32.astype(np.float64)))


def test_no_input_is_modified() -> None:
    X, y = _toy(m=20)
    Xd, yd = _toy(m=6, seed=1)
    originals = [a.copy() for a in (X, y, Xd, yd)]
    net = MLP([5, 4, 3], batchnorm=True, keep_prob=0.8, l2=0.1, rng=0)
    net.fit(
        X,
        y,
        optimizer=Adam(0.01),
        epochs=2,
        batch_size=6,
        X_dev=Xd,
        y_dev=yd,
        early_stopping=EarlyStopping(patience=1),
    )
    net.loss(X, y)
    net.loss(X, y, train=True, rng=0)
    net.gradients(X, y, rng=0)
    net.predict(X)
    net.predict_proba(X)
    for before, after in zip(originals, (X, y, Xd, yd), strict=True):
        np.testing.assert_array_equal(before, after)


def test_history_and_repr() -> None:
    h = History(train_loss=[1.0, 0.5], train_accuracy=[0.5, 1.0], lr=[0.1, 0.1])
    assert h.epochs == [1, 2] and h.dev_loss == [] and h.best_epoch is None
    r = repr(MLP([3, 2], keep_prob=0.5, dtype=np.float32))
    assert r.startswith("MLP([3, 2], activation='relu'") and "float32" in r


@pytest.mark.parametrize("init", ["he", "xavier", "glorot", "small", "large", "zeros"])
def test_init_scales(init: str) -> None:
    W = MLP([400, 300, 2], init=init, rng=0).params["W1"]
    expected = {
        "he": np.sqrt(2 / 400),
        "xavier": np.sqrt(1 / 400),
        "glorot": np.sqrt(2 / 700),
        "small": 0.01,
        "large": 1.0,
        "zeros": 0.0,
    }[init]
    assert W.std() == pytest.approx(expected, rel=0.02)


# --- bad input -----------------------------------------------------------------------------

BAD_INIT = [
    (dict(layer_sizes=5), TypeError, "layer_sizes must be a sequence"),
    (dict(layer_sizes=[5]), ValueError, "number of layer_sizes"),
    (dict(layer_sizes=[5, 0, 3]), ValueError, r"layer_sizes\[1\] must be an integer >= 1"),
    (dict(layer_sizes=[5, 2.5, 3]), TypeError, r"layer_sizes\[1\] must be an integer"),
    (dict(layer_sizes=[5, 1]), ValueError, r"layer_sizes\[-1\] \(classes"),
    (
        dict(layer_sizes=[5, 2], output="sigmoid"),
        ValueError,
        r"layer_sizes\[-1\] \(output='sigmoid'\)",
    ),
    (dict(activation="swish"), ValueError, "activation must be one of"),
    (dict(init="kaiming"), ValueError, "init must be one of"),
    (dict(output="linear"), ValueError, "output must be one of"),
    (dict(keep_prob=0.0), ValueError, r"keep_prob must be in \(0, 1\], got 0.0"),
    (dict(keep_prob=1.5), ValueError, r"keep_prob must be in \(0, 1\]"),
    (dict(l2=-0.1), ValueError, r"l2 must be in \[0, inf\)"),
    (dict(l2=float("nan")), ValueError, "l2 must be in"),
    (dict(batchnorm=1), TypeError, "batchnorm must be True or False"),
    (dict(dtype=np.int32), TypeError, "dtype must be a dtype of kind float"),
    (dict(dtype=np.float16), TypeError, "dtype is float16: float16 is not supported"),
    (dict(rng="seed"), TypeError, "rng must be"),
]


@pytest.mark.parametrize(("kwargs", "exc", "match"), BAD_INIT)
def test_bad_constructor_arguments(kwargs: dict[str, Any], exc: type, match: str) -> None:
    args = {"layer_sizes": [5, 4, 3], **kwargs}
    with pytest.raises(exc, match=match):
        MLP(args.pop("layer_sizes"), **args)


_X, _Y = _toy()
BAD_FIT = [
    (dict(X=_X[:, :4]), ValueError, r"X must have 5 columns"),
    (dict(X=_X[0]), ValueError, "X must be 2-D"),
    (dict(X=np.where(_X > 1, np.nan, _X)), ValueError, "X must be finite"),
    (dict(X=np.empty((0, 5))), ValueError, "X must not be empty"),
    (dict(X="abc"), TypeError, "X must be an array of numbers"),
    (dict(y=_Y[:5]), ValueError, r"y must have 8 labels \(one per row of X\)"),
    (dict(y=_Y + 1), ValueError, r"y must be in \[0, 3\), got a label 3"),
    (dict(y=_Y - 1), ValueError, r"y must be in \[0, 3\), got a label -1"),
    (dict(y=_Y + 0.5), TypeError, "y must hold integer class labels"),
    (dict(optimizer="adam"), TypeError, "optimizer must be a dlref Optimizer"),
    (dict(epochs=0), ValueError, "epochs must be an integer >= 1"),
    (dict(epochs=2.0), TypeError, "epochs must be an integer"),
    (dict(batch_size=0), ValueError, "batch_size must be an integer >= 1"),
    (dict(y_dev=_Y), ValueError, "y_dev requires X_dev"),
    (dict(X_dev=_X), ValueError, "X_dev requires y_dev"),
    (dict(X_dev=_X[:, :3], y_dev=_Y), ValueError, "X_dev must have 5 columns"),
    (dict(X_dev=_X, y_dev=_Y[:3]), ValueError, "y_dev must have 8 labels"),
    (dict(X_dev=_X, y_dev=_Y + 3), ValueError, r"y_dev must be in \[0, 3\)"),
    (dict(early_stopping=EarlyStopping()), ValueError, "early_stopping requires X_dev and y_dev"),
    (
        dict(early_stopping=3, X_dev=_X, y_dev=_Y),
        TypeError,
        "early_stopping must be a dlref EarlyStopping",
    ),
    (dict(lr_schedule=0.1), TypeError, "lr_schedule must be callable"),
    (dict(progress="yes"), TypeError, "progress must be True or False"),
    (dict(rng=-1), ValueError, "rng seed must be an integer >= 0"),
]


@pytest.mark.parametrize(("kwargs", "exc", "match"), BAD_FIT)
def test_bad_fit_arguments(kwargs: dict[str, Any], exc: type, match: str) -> None:
    args: dict[str, Any] = {"X": _X, "y": _Y, "optimizer": SGD(0.1), "epochs": 1, **kwargs}
    net = MLP([5, 4, 3], rng=0)
    W1 = net.params["W1"].copy()
    with pytest.raises(exc, match=match):
        net.fit(args.pop("X"), args.pop("y"), **args)
    np.testing.assert_array_equal(net.params["W1"], W1)  # nothing trained


@pytest.mark.parametrize(
    ("call", "exc", "match"),
    [
        (lambda n: n.loss(_X[:, :2], _Y), ValueError, "X must have 5 columns"),
        (lambda n: n.loss(_X, _Y[:2]), ValueError, "y must have 8 labels"),
        (lambda n: n.loss(_X, _Y, train="yes"), TypeError, "train must be True or False"),
        (lambda n: n.loss(_X[:1], _Y[:1], train=True), ValueError, "batch norm in training mode"),
        (lambda n: n.gradients(_X[:1], _Y[:1]), ValueError, "batch norm in training mode"),
        (lambda n: n.gradients(_X, _Y, rng="a"), TypeError, "rng must be"),
        (lambda n: n.gradients(_X, _Y + 5), ValueError, r"y must be in \[0, 3\)"),
        (lambda n: n.predict(_X[:, :4]), ValueError, "X must have 5 columns"),
        (lambda n: n.predict_proba(np.full((2, 5), np.inf)), ValueError, "X must be finite"),
        (lambda n: n.predict_proba([[1, 2]]), ValueError, "X must have 5 columns"),
    ],
)
def test_bad_method_arguments(call: Any, exc: type, match: str) -> None:
    with pytest.raises(exc, match=match):
        call(MLP([5, 4, 3], batchnorm=True, rng=0))


def test_sigmoid_labels_must_be_binary() -> None:
    net = MLP([5, 3, 1], output="sigmoid", rng=0)
    with pytest.raises(ValueError, match=r"y must be in \[0, 2\), got a label 2"):
        net.loss(_X, _Y)


def test_running_stats_type() -> None:
    net = MLP([5, 4, 4, 3], batchnorm=True, rng=0)
    assert len(net.running_stats) == 2 and isinstance(net.running_stats[0], RunningStats)
    assert MLP([5, 4, 3]).running_stats == ()
