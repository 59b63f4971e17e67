"""dlref.selfcheck and the dlref command: a learner's code checked against the reference.

Three kinds of learner code: the reference itself (must pass with zero
difference), independent from-scratch implementations in the styles of the
course and CS231n (must pass), and implementations with the usual slips (must
fail, and name the slip).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import dlref
from dlref import CHECKABLE, check_function, check_module
from dlref.cli import main

REFERENCE_PAIRS = {
    "batchnorm_forward": dlref.batchnorm_forward,
    "dropout_forward": dlref.dropout_forward,
}


@pytest.mark.parametrize("name", CHECKABLE)
def test_the_reference_passes_its_own_check(name: str) -> None:
    r = check_function(getattr(dlref, name), name, using=REFERENCE_PAIRS)
    assert r.passed, str(r)
    assert r.compared >= 2 and r.failed == 0 and not r.problems and r.hint is None
    assert not r.warnings, r.warnings


def test_every_checkable_name_is_public_dlref() -> None:
    assert len(CHECKABLE) == len(set(CHECKABLE)) >= 30
    for name in CHECKABLE:
        assert name in dir(dlref)


# --- independent implementations, written the way a learner would -----------------


def bn_forward(x, gamma, beta, running=None, *, momentum=0.9, eps=1e-5):  # type: ignore[no-untyped-def]
    mu = x.mean(axis=0)
    xc = x - mu
    var = (xc**2).mean(axis=0)
    inv = 1.0 / np.sqrt(var + eps)
    xhat = xc * inv
    if running is None:
        running = (np.zeros(x.shape[1]), np.ones(x.shape[1]))
    new = (
        momentum * running[0] + (1 - momentum) * mu,
        momentum * running[1] + (1 - momentum) * var,
    )
    return gamma * xhat + beta, (xhat, gamma, inv), new


def bn_backward(dout, cache):  # type: ignore[no-untyped-def]
    xhat, gamma, inv = cache
    m = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dxhat = dout * gamma
    dx = inv / m * (m * dxhat - dxhat.sum(axis=0) - xhat * (dxhat * xhat).sum(axis=0))
    return dx, dgamma, dbeta


def cs231n_dropout_forward(x, keep_prob, *, rng=None, train=True):  # type: ignore[no-untyped-def]
    if not train:
        return x, None
    mask = (np.random.default_rng(rng).random(x.shape) < keep_prob) / keep_prob
    return x * mask, mask


def cs231n_dropout_backward(dout, mask, keep_prob):  # type: ignore[no-untyped-def]
    return dout * mask  # the mask already holds 1/keep_prob


class MyAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):  # type: ignore[no-untyped-def]
        self.lr, self.b1, self.b2, self.eps = lr, beta1, beta2, eps
        self.m: dict[str, Any] = {}
        self.v: dict[str, Any] = {}
        self.t = 0

    def step(self, params, grads):  # type: ignore[no-untyped-def]
        self.t += 1
        for k in params:
            self.m[k] = self.b1 * self.m.get(k, 0) + (1 - self.b1) * grads[k]
            self.v[k] = self.b2 * self.v.get(k, 0) + (1 - self.b2) * grads[k] ** 2
            mhat = self.m[k] / (1 - self.b1**self.t)
            vhat = self.v[k] / (1 - self.b2**self.t)
            params[k] -= self.lr * mhat / (np.sqrt(vhat) + self.eps)


class MyAdamW:
    """Written from torch.optim.AdamW's documented algorithm: decay by lr * wd, then Adam."""

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):  # type: ignore[no-untyped-def]
        self.lr, self.b1, self.b2, self.eps, self.wd = lr, beta1, beta2, eps, weight_decay
        self.m: dict[str, Any] = {}
        self.v: dict[str, Any] = {}
        self.t = 0
        self.scaled = True
        self.l2 = False
        self.after = False

    def step(self, params, grads):  # type: ignore[no-untyped-def]
        self.t += 1
        decay = self.lr * self.wd if self.scaled else self.wd
        for k in params:
            g = grads[k] + self.wd * params[k] if self.l2 else grads[k]
            if not (self.l2 or self.after):
                params[k] *= 1 - decay
            self.m[k] = self.b1 * self.m.get(k, 0) + (1 - self.b1) * g
            self.v[k] = self.b2 * self.v.get(k, 0) + (1 - self.b2) * g**2
            mhat = self.m[k] / (1 - self.b1**self.t)
            vhat = self.v[k] / (1 - self.b2**self.t)
            params[k] -= self.lr * mhat / (np.sqrt(vhat) + self.eps)
            if self.after:
                params[k] *= 1 - decay


class MyAdamWBothForms(MyAdamW):
    """Takes decay_scaled_by_lr like dlref: False is the paper's form (decay wd per step)."""

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2, *,  # type: ignore[no-untyped-def]
                 decay_scaled_by_lr=True):
        super().__init__(lr, beta1, beta2, eps, weight_decay)
        self.scaled = decay_scaled_by_lr


def _adamw_slip(base: type, **flags: bool) -> Callable[..., Any]:
    """A class like ``base`` with one convention changed by ``flags`` after __init__."""

    class Slipped(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            for key, value in flags.items():
                setattr(self, key, value)

    return Slipped


class TorchStyleMomentum:
    """v = beta v + g, p -= lr v: PyTorch's form, not the course's."""

    def __init__(self, lr, beta=0.9):  # type: ignore[no-untyped-def]
        self.lr, self.beta, self.v = lr, beta, {}

    def step(self, params, grads):  # type: ignore[no-untyped-def]
        for k in params:
            self.v[k] = self.beta * self.v.get(k, 0) + grads[k]
            params[k] -= self.lr * self.v[k]


def stable_softmax(z):  # type: ignore[no-untyped-def]
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def naive_sigmoid(x):  # type: ignore[no-untyped-def]
    return 1 / (1 + np.exp(-x))


GOOD: list[tuple[str, Callable[..., Any], dict[str, Any]]] = [
    ("softmax", stable_softmax, {}),
    ("batchnorm_forward", bn_forward, {}),
    ("batchnorm_backward", bn_backward, {"batchnorm_forward": bn_forward}),
    ("dropout_forward", cs231n_dropout_forward, {}),
    ("dropout_backward", cs231n_dropout_backward, {"dropout_forward": cs231n_dropout_forward}),
    ("Adam", MyAdam, {}),
    ("AdamW", MyAdamW, {}),
    ("AdamW", MyAdamWBothForms, {}),
    ("relu_grad", lambda x: (x > 0).astype(x.dtype), {}),
    (
        "he",
        lambda n_in, n_out, rng=None: np.random.default_rng(rng).normal(
            0, np.sqrt(2 / n_in), (n_in, n_out)
        ),
        {},
    ),
    (
        "ewma",
        lambda x, beta, bias_correction=True: np.array(
            [
                v / (1 - beta ** (t + 1)) if bias_correction else v
                for t, v in enumerate(
                    np.frompyfunc(lambda a, b: beta * a + (1 - beta) * b, 2, 1)
                    .accumulate(np.r_[0.0, x])[1:]
                    .astype(float)
                )
            ]
        ),
        {},
    ),
]


@pytest.mark.parametrize(("name", "func", "using"), GOOD, ids=[g[0] for g in GOOD])
def test_independent_implementations_pass(
    name: str, func: Callable[..., Any], using: dict[str, Any]
) -> None:
    r = check_function(func, name, using=using)
    assert r.passed, str(r)


def test_a_warning_does_not_fail_but_is_reported() -> None:
    r = check_function(naive_sigmoid, "sigmoid")
    assert r.passed
    assert any("overflow" in w for w in r.warnings)


def test_float64_out_for_float32_in_is_a_warning() -> None:
    r = check_function(lambda x: np.maximum(x, 0.0).astype(np.float64), "relu")
    assert r.passed
    assert any("float32 in, float64 out" in w for w in r.warnings)


# --- slips: each must fail and be named ------------------------------------------


def _unscaled_sce(z, y):  # type: ignore[no-untyped-def]
    loss, d = dlref.softmax_cross_entropy(z, y)
    return loss, d * len(z)


SLIPS: list[tuple[str, Callable[..., Any], dict[str, Any], str]] = [
    ("relu_grad", lambda x: (x >= 0) * 1.0, {}, "x > 0, not x >= 0"),
    ("tanh_grad", lambda x: 1 - np.tanh(x), {}, "1 − tanh²"),
    ("softmax_cross_entropy", _unscaled_sce, {}, "(softmax − Y)/m"),
    ("mse", lambda p, y: np.sum((p - y) ** 2) / len(p), {}, "with the ½"),
    ("l2_penalty", lambda ws, lam, m: lam / m * sum(np.sum(w**2) for w in ws), {}, "λ/(2m)"),
    ("l2_grad", lambda W, lam, m: lam / (2 * m) * W, {}, "(λ/m)W"),
    (
        "dropout_forward",
        lambda x, p, rng=None, train=True: (
            (x * (np.random.default_rng(rng).random(x.shape) < p), None) if train else (x, None)
        ),
        {},
        "divides the kept units by keep_prob",
    ),
    (
        "dropout_backward",
        lambda dout, mask, p: dout * mask,
        {},  # with dlref's 0/1 mask this forgets the 1/keep_prob
        "divides by keep_prob too",
    ),
    (
        "batchnorm_forward",
        lambda x, g, b, r=None, *, momentum=0.9, eps=1e-5: bn_forward_slip(x, g, b, r, ddof=1),
        {},
        "biased batch variance",
    ),
    (
        "batchnorm_forward",
        lambda x, g, b, r=None, *, momentum=0.9, eps=1e-5: bn_forward_slip(x, g, b, r, swap=True),
        {},
        "weight on the old running value",
    ),
    ("Momentum", TorchStyleMomentum, {}, "v = βv + g"),
    ("Nesterov", dlref.Momentum, {}, "plain momentum"),
    ("AdamW", _adamw_slip(MyAdamW, l2=True), {}, "L2 inside Adam"),
    ("AdamW", _adamw_slip(MyAdamW, scaled=False), {}, "multiply the decay by the learning rate"),
    ("AdamW", _adamw_slip(MyAdamW, after=True), {}, "decay the weight from before the step"),
    ("AdamW", _adamw_slip(MyAdamWBothForms, l2=True), {}, "L2 inside Adam"),
    # decay always multiplied by lr, even when decay_scaled_by_lr=False asks for the paper's form
    (
        "AdamW",
        _adamw_slip(MyAdamWBothForms, scaled=True),
        {},
        "with decay_scaled_by_lr=False the decay is λ per step",
    ),
    ("inverse_time_decay", lambda lr, e, d: lr / (1 + d * (e - 1)), {}, "counted from 1"),
    (
        "numerical_gradient",
        lambda f, x, h=1e-5: np.array(
            [(f(x + h * np.eye(x.size)[i].reshape(x.shape)) - f(x)) / h for i in range(x.size)]
        ).reshape(x.shape),
        {},
        "central difference",
    ),
    (
        "relative_error",
        lambda a, b: float(np.linalg.norm(a - b) / np.linalg.norm(b)),
        {},
        "‖a‖₂ + ‖b‖₂",
    ),
    (
        "he",
        lambda n_in, n_out, rng=None: np.random.default_rng(rng).normal(
            0, np.sqrt(2 / n_in), (n_out, n_in)
        ),
        {},
        "shape (n_in, n_out)",
    ),
    (
        "xavier",
        lambda n_in, n_out, rng=None: dlref.xavier(n_in, n_out, variant="glorot", rng=rng),
        {},
        "variant='glorot'",
    ),
    (
        "ewma",
        lambda x, beta, bias_correction=True: dlref.ewma(x, beta, bias_correction=False),
        {},
        "1 − β^t",
    ),
]


def bn_forward_slip(x, gamma, beta, running, *, ddof=0, swap=False):  # type: ignore[no-untyped-def]
    out, cache, new = bn_forward(x, gamma, beta, running)
    if ddof:
        var = x.var(axis=0, ddof=ddof)
        out = gamma * (x - x.mean(axis=0)) / np.sqrt(var + 1e-5) + beta
    if swap:
        old = running if running is not None else (np.zeros(x.shape[1]), np.ones(x.shape[1]))
        new = (0.1 * old[0] + 0.9 * x.mean(axis=0), 0.1 * old[1] + 0.9 * x.var(axis=0))
    return out, cache, new


@pytest.mark.parametrize(
    ("name", "func", "using", "hint"), SLIPS, ids=[f"{s[0]}-{i}" for i, s in enumerate(SLIPS)]
)
def test_slips_fail_and_are_named(
    name: str, func: Callable[..., Any], using: dict[str, Any], hint: str
) -> None:
    r = check_function(func, name, using=using)
    assert not r.passed
    assert r.failed >= 1 and r.problems
    assert r.hint is not None and hint in r.hint, str(r)


def test_naive_softmax_fails_on_large_logits_only() -> None:
    r = check_function(lambda z: np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True), "softmax")
    assert not r.passed and r.failed == 1
    assert "subtract the row maximum" in r.problems[0]


def test_modifying_the_input_fails() -> None:
    def relu_in_place(x):  # type: ignore[no-untyped-def]
        x[x < 0] = 0
        return x

    r = check_function(relu_in_place, "relu")
    assert not r.passed
    assert any("modified its input (argument 1)" in p for p in r.problems)


def test_an_exception_in_the_learners_code_is_reported() -> None:
    r = check_function(lambda z: 1 // 0, "softmax")
    assert not r.passed
    assert "your code raised" in r.problems[0]
    r = check_function(lambda z, axis: z, "softmax")  # a required argument dlref does not pass
    assert "TypeError" in r.problems[0]


def test_wrong_structure_and_shape_are_reported() -> None:
    r = check_function(lambda z, y: 0.0, "softmax_cross_entropy")
    assert not r.passed and "expected 2 results" in r.problems[0]
    r = check_function(lambda z: np.zeros(3), "softmax")
    assert "expected shape" in r.problems[0]
    two = lambda x, g, b, r=None, *, momentum=0.9, eps=1e-5: (x, None)  # noqa: E731
    r = check_function(two, "batchnorm_forward")
    assert "wrong structure: a tuple of 2" in r.problems[0]
    r = check_function(bn_backward, "batchnorm_backward", using={"batchnorm_forward": two})
    assert "expected 3 results (out, cache, running), got a tuple of 2" in r.problems[0]
    r = check_function(
        cs231n_dropout_backward,
        "dropout_backward",
        using={"dropout_forward": lambda x, p, rng=None, train=True: x},
    )
    assert "expected 2 results (out, mask), got an array of shape" in r.problems[0]


def test_batchnorm_backward_alone_is_fed_dlrefs_cache() -> None:
    # bn_backward reads (xhat, gamma, inv_std), dlref's layout: checked without a forward
    r = check_function(bn_backward, "batchnorm_backward")
    assert r.passed and r.compared == 4, str(r)

    def own_layout(dout, cache):  # type: ignore[no-untyped-def]
        xhat, gamma, var, eps = cache  # CS231n-like cache: needs its own forward
        return bn_backward(dout, (xhat, gamma, 1 / np.sqrt(var + eps)))

    r = check_function(own_layout, "batchnorm_backward")
    assert not r.passed and "BatchNormCache(xhat, gamma, inv_std)" in r.problems[0]
    assert "define your batchnorm_forward in the same file" in r.problems[0]


def test_report_text() -> None:
    r = check_function(lambda x: (x >= 0) * 1.0, "relu_grad")
    text = str(r)
    assert text.startswith("relu_grad: FAIL (") and "hint: dlref (like PyTorch) takes slope 0 at x = 0" in text
    assert str(check_function(dlref.relu, "relu")).startswith("relu: ok (5/5 comparisons agree")


def test_same_seed_same_report_and_inputs_drawn_from_the_seed() -> None:
    f = cs231n_dropout_forward
    assert check_function(f, "dropout_forward", rng=1) == check_function(
        f, "dropout_forward", rng=1
    )


# --- bad input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "exc", "match"),
    [
        (lambda: check_function(3, "relu"), TypeError, "func must be callable"),
        (lambda: check_function(dlref.relu, "relu2"), ValueError, "name must be one of"),
        (lambda: check_function(dlref.relu, "relu", rng=-1), ValueError, "rng"),
        (lambda: check_module(types.ModuleType("empty")), ValueError, "at least one checkable"),
        (lambda: check_module("no/such/file.py"), FileNotFoundError, "no such file"),
        (lambda: check_module(3), TypeError, "impl must be a module"),
        (lambda: check_function(dlref.relu, "relu", using=[1]), TypeError, "using must be a"),
        (lambda: check_function(dlref.relu, "relu", using={1: 2}), TypeError, "using must have"),
        (lambda: check_module(_mod(relu=dlref.relu), names=["tanh"]), ValueError, "not define"),
        (lambda: check_module(_mod(relu=dlref.relu), names=["nope"]), ValueError, "checkable"),
    ],
)
def test_bad_input(call: Callable[[], Any], exc: type[Exception], match: str) -> None:
    with pytest.raises(exc, match=match):
        call()


def _mod(**funcs: Any) -> types.ModuleType:
    m = types.ModuleType("mine")
    for k, v in funcs.items():
        setattr(m, k, v)
    return m


# --- modules, files and the command line --------------------------------------------

LEARNER_FILE = textwrap.dedent(
    """
    import numpy as np

    def relu(x):
        return np.maximum(x, 0)

    def relu_grad(x):
        return (x >= 0) * 1.0

    def helper():          # not a dlref name: ignored
        return 1

    if __name__ == "__main__":
        raise SystemExit("must not run on import")
    """
)


def test_check_module_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.py"
    path.write_text(LEARNER_FILE)
    results = check_module(path)
    assert [(r.name, r.passed) for r in results] == [("relu", True), ("relu_grad", False)]
    only = check_module(str(path), names=["relu"])
    assert [r.name for r in only] == ["relu"]


def test_cli_exit_status_and_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.py"
    path.write_text(LEARNER_FILE)
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "relu: ok" in out and "relu_grad: FAIL" in out and out.endswith("1 of 2 passed\n")
    assert main(["check", str(path), "--only", "relu"]) == 0
    assert main(["check", str(tmp_path / "missing.py")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["list"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("(")[0] for line in listed] == list(CHECKABLE)
    assert "softmax(z" in listed[CHECKABLE.index("softmax")]


def test_python_dash_m_dlref(tmp_path: Path) -> None:
    path = tmp_path / "mine.py"
    path.write_text(LEARNER_FILE)
    run = subprocess.run(
        [sys.executable, "-m", "dlref", "check", str(path), "--only", "relu"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.endswith("1 of 1 passed\n")


def test_the_pages_example_output_is_what_the_command_prints(
    capsys: pytest.CaptureFixture[str],
) -> None:
    examples = Path(__file__).resolve().parents[1] / "docs" / "examples"
    assert main(["check", str(examples / "my_layers.py")]) == 1
    printed = capsys.readouterr().out
    assert printed == (examples / "my_layers.out").read_text(encoding="utf-8"), (
        "docs/examples/my_layers.out is stale: regenerate it with "
        "`dlref check docs/examples/my_layers.py > docs/examples/my_layers.out`"
    )


def test_import_dlref_does_not_load_the_checks() -> None:
    code = (
        "import sys, dlref; "
        "assert 'dlref._selfcheck_specs' not in sys.modules; "
        "from dlref import check_function; "
        "assert 'dlref._selfcheck_specs' in sys.modules"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert {"check_function", "check_module", "CHECKABLE", "CheckResult"} <= set(dir(dlref))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        dlref.nope  # noqa: B018


def test_names_may_be_any_iterable() -> None:
    mine = _mod(relu=dlref.relu, tanh=dlref.tanh)
    assert [r.name for r in check_module(mine, names=(n for n in ["tanh"]))] == ["tanh"]


def test_a_hint_needs_every_case_to_agree_with_the_slip() -> None:
    # Sums the squares but mishandles 1-D input: "forgot the ½" explains the 2-D cases only,
    # so no hint is named (it would send the learner after the wrong bug).
    r = check_function(lambda p, y: np.mean(np.sum((p - y) ** 2, axis=-1)), "mse")
    assert not r.passed and r.hint is None


def test_step_decay_without_the_floor_is_not_told_epochs_count_from_1() -> None:
    r = check_function(lambda lr0, epoch, drop=0.5, every=10: lr0 * drop ** (epoch / every),
                       "step_decay")
    assert not r.passed
    assert r.hint is None or "count from 1" not in r.hint


def _bn_unbiased(x, gamma, beta, running=None, *, momentum=0.9, eps=1e-5):  # type: ignore[no-untyped-def]
    """The most common batch-norm slip: the unbiased variance, in training and in the average."""
    x = np.asarray(x)
    mu, var = x.mean(axis=0), x.var(axis=0, ddof=1)
    out = gamma * (x - mu) / np.sqrt(var + eps) + beta
    old = running if running is not None else dlref.RunningStats(np.zeros(x.shape[1]), np.ones(x.shape[1]))
    new = dlref.RunningStats(momentum * old.mean + (1 - momentum) * mu,
                             momentum * old.var + (1 - momentum) * var)
    return out, (x, mu, var, gamma), new


def test_unbiased_variance_in_training_is_named() -> None:
    r = check_function(_bn_unbiased, "batchnorm_forward")
    assert not r.passed and r.hint is not None and "biased batch variance" in r.hint


def test_a_correct_float32_batchnorm_gets_no_dtype_warning() -> None:
    r = check_function(dlref.batchnorm_forward, "batchnorm_forward")
    assert r.passed and not r.warnings, r.warnings


def test_integer_labels_only_softmax_ce_is_a_convention_not_an_error() -> None:
    def cs231n_softmax_loss(z, y):  # type: ignore[no-untyped-def]
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        m = z.shape[0]
        dz = np.exp(logp)
        dz[np.arange(m), y] -= 1
        return -logp[np.arange(m), y].mean(), dz / m

    r = check_function(cs231n_softmax_loss, "softmax_cross_entropy")
    assert r.passed, str(r)
    assert any("integer labels only" in w for w in r.warnings)
    assert "IndexError" not in str(r)


def test_a_right_backward_after_a_wrong_forward_is_judged_on_dlrefs_cache() -> None:
    # The false failure: a correct backward run on a wrong forward's cache.
    def wrong_forward(x, gamma, beta, running=None, *, momentum=0.9, eps=1e-5):  # type: ignore[no-untyped-def]
        out, cache, new = dlref.batchnorm_forward(x, gamma, beta, running, momentum=momentum,
                                                  eps=eps)
        return out + 1.0, cache, new  # a wrong shift, the cache itself is right

    r = check_function(dlref.batchnorm_backward, "batchnorm_backward",
                       using={"batchnorm_forward": wrong_forward})
    assert r.passed and r.compared == 4, str(r)  # the backward alone is right
    assert any("wrong output on 4 of the 4 cases; on 4 of them" in w
               and "on dlref's forward's cache" in w
               for w in r.warnings), r.warnings
    # and the same backward is wrong when it is wrong, whichever cache it reads
    r = check_function(lambda d, c: tuple(2 * v for v in dlref.batchnorm_backward(d, c)),
                       "batchnorm_backward", using={"batchnorm_forward": wrong_forward})
    assert not r.passed and r.mismatched == 4


def test_a_backward_reading_its_own_layout_after_a_wrong_forward_is_not_judged() -> None:
    def forward(x, gamma, beta, running=None, *, momentum=0.9, eps=1e-5):  # type: ignore[no-untyped-def]
        out, cache, new = _bn_unbiased(x, gamma, beta, running)
        return out, cache, new  # cache (x, mu, var, gamma): a layout of its own

    def backward(dout, cache):  # type: ignore[no-untyped-def]
        x, mu, var, gamma = cache
        inv = 1 / np.sqrt(var + 1e-5)
        return bn_backward(dout, ((x - mu) * inv, gamma, inv))

    r = check_function(backward, "batchnorm_backward", using={"batchnorm_forward": forward})
    assert not r.passed and r.failed == 0 and r.not_judged == 4 and r.compared == 0
    assert str(r).startswith("batchnorm_backward: not judged (4 cases not judged)")
    assert "fix the forward first" in str(r)


def test_a_slipped_step_decay_without_the_floor_gets_the_floor_hint() -> None:
    r = check_function(lambda lr0, epoch, drop=0.5, every=10: lr0 * drop ** (epoch / every),
                       "step_decay")
    assert not r.passed and r.hint is not None and "⌊(epoch − 1)/every⌋" in r.hint


def test_the_courses_one_hot_only_softmax_ce_is_a_convention_not_an_error() -> None:
    def course_loss(z, Y):  # type: ignore[no-untyped-def]
        logp = z - z.max(axis=1, keepdims=True)
        logp = logp - np.log(np.exp(logp).sum(axis=1, keepdims=True))
        m = z.shape[0]
        return -np.sum(Y * logp) / m, (np.exp(logp) - Y) / m  # Y must be one-hot

    r = check_function(course_loss, "softmax_cross_entropy")
    assert r.passed and r.compared == 3, str(r)
    assert any("one-hot Y only" in w for w in r.warnings)


def test_softmax_ce_refusing_both_label_forms_fails() -> None:
    r = check_function(lambda z, y: 1 // 0, "softmax_cross_entropy")
    assert not r.passed and r.failed == 6 and not r.warnings


def test_softmax_over_columns_is_named_as_the_courses_layout() -> None:
    def column_softmax(z):  # type: ignore[no-untyped-def]
        e = np.exp(z - z.max(axis=0))
        return e / e.sum(axis=0)

    r = check_function(column_softmax, "softmax")
    assert not r.passed and r.hint is not None and "(C, m)" in r.hint, str(r)
    # with a second slip (no max subtraction) the layout alone does not explain every case
    r = check_function(lambda z: np.exp(z) / np.exp(z).sum(axis=0), "softmax")
    assert not r.passed and r.hint is None


def test_a_modified_input_is_counted_in_the_report_line() -> None:
    def leaky_in_place(x, alpha=0.01):  # type: ignore[no-untyped-def]
        x[x < 0] *= alpha
        return x

    r = check_function(leaky_in_place, "leaky_relu")
    assert not r.passed and r.modified == 5 and r.mismatched == 0
    assert str(r).startswith(
        "leaky_relu: FAIL (5/5 comparisons agree, max |diff| 0.0e+00; 5 calls modified an input)"
    )


def test_adamw_without_the_flag_is_checked_in_pytorchs_form_only() -> None:
    # a paper-form slip only shows with decay_scaled_by_lr=False, which this class cannot take
    r = check_function(MyAdamW, "AdamW")
    assert r.passed and r.compared == 15, str(r)
    r = check_function(MyAdamWBothForms, "AdamW")
    assert r.passed and r.compared == 30, str(r)


def test_adamw_wrong_only_in_the_papers_form_fails_there() -> None:
    r = check_function(_adamw_slip(MyAdamWBothForms, scaled=True), "AdamW")
    assert not r.passed and r.failed == 1, str(r)
    assert "'decay_scaled_by_lr': False" in r.problems[0] and "step 1" in r.problems[0]


def test_adamw_as_plain_adam_fails_without_a_wrong_hint() -> None:
    # no decay at all: none of the modelled slips explains it, so no hint is given
    r = check_function(MyAdam, "AdamW")
    assert not r.passed
    r = check_function(_adamw_slip(MyAdamW, wd=0.0), "AdamW")
    assert not r.passed and r.hint is None, str(r)
