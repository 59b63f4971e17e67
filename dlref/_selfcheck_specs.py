r"""The checks behind ``dlref.selfcheck``: test cases and known slips per name.

Each check calls the learner's implementation and dlref's on the same inputs
and records the comparisons in a ``Log``. The cases are chosen to trip the
usual mistakes (overflow, a missing $1/m$, a kink convention); a *slip* is
what a particular mistake returns, so a failing result that matches one gets
a hint naming it.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np

from dlref import activations as act
from dlref import batchnorm as bn
from dlref import gradcheck as gc
from dlref import losses as ls
from dlref import optim
from dlref import regularization as reg
from dlref._selfcheck_log import SPECS, CallFailed, Log, describe, difference, register
from dlref._selfcheck_wire import WeightedTanhSum
from dlref.ewma import ewma as ewma_ref

Slip = tuple[Callable[..., Any], str]


@dataclass(frozen=True)
class Case:
    """One input of a check: a label saying what it probes, and the arguments."""

    label: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any] = field(default_factory=dict)
    rtol: float = 1e-7


def _parts(result: Any, n: int, label: str, what: str) -> tuple[Any, ...]:
    """The ``n`` results of a learner's function, or ``CallFailed`` saying what came back."""
    if not isinstance(result, (tuple, list)) or len(result) != n:
        raise CallFailed(f"{label}:\nexpected {n} results {what}, got {describe(result)}")
    return tuple(result)


def _first(result: Any) -> Any:
    return result[0] if isinstance(result, (tuple, list)) else result


def _judge(
    log: Log,
    reference: Callable[..., Any],
    case: Case,
    got: Any,
    *,
    select: Callable[[Any], Any] = lambda r: r,
    slips: Sequence[Slip] = (),
    parts: Sequence[str] = (),
) -> None:
    """Compare the learner's result ``got`` on ``case`` with the reference's, trying the slips.

    The reference and every slip model run on the case's own arguments, which the learner's
    code never saw (``Log.call`` hands it copies).
    """
    expected = select(reference(*case.args, **case.kwargs))
    try:
        got = select(got)
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        log.problem(f"{case.label}:\nyour result has the wrong structure: {describe(got)}")
        return
    wrong = [(lambda s=s: select(s(*case.args, **case.kwargs)), hint) for s, hint in slips]
    log.compare(
        case.label,
        got,
        expected,
        rtol=case.rtol,
        atol=case.rtol * 1e-3,
        slips=wrong,
        parts=parts,
    )


def value_check(
    name: str,
    reference: Callable[..., Any],
    cases: Callable[[np.random.Generator], Sequence[Case]],
    *,
    select: Callable[[Any], Any] = lambda r: r,
    slips: Sequence[Slip] = (),
    parts: Sequence[str] = (),
) -> None:
    """Register a check comparing ``select(func(*case))`` with the reference's.

    ``parts`` names the results of a function returning several (for reports).
    """

    def spec(
        func: Callable[..., Any], using: dict[str, Any], rng: np.random.Generator, log: Log
    ) -> None:
        for case in cases(rng):
            try:
                got = log.call(func, case.label, *case.args, **case.kwargs)
            except CallFailed as exc:
                log.problem(str(exc))
                continue
            _judge(log, reference, case, got, select=select, slips=slips, parts=parts)

    register(name)(spec)


# --- inputs --------------------------------------------------------------------


def _elementwise_cases(rng: np.random.Generator, *extra: Any) -> list[Case]:
    typical = rng.standard_normal((4, 5)) * 3
    kinks = np.array([[-2.0, -1e-3, 0.0, 1e-3, 2.0]])
    large = np.array([[-1000.0, -700.0, -50.0, 50.0, 700.0, 1000.0]])
    return [
        Case("typical values", (typical, *extra)),
        Case("values at and next to 0", (kinks, *extra)),
        Case("large |x| (up to 1000)", (large, *extra)),
        Case("a 1-D vector", (rng.standard_normal(7), *extra)),
        Case("float32 input", (typical.astype(np.float32), *extra), rtol=1e-5),
    ]


def _logit_cases(rng: np.random.Generator) -> list[Case]:
    z = rng.standard_normal((4, 5)) * 2
    return [
        Case("typical logits", (z,)),
        Case(
            "large logits (up to 1000; subtract the row maximum first)",
            (np.array([[1000.0, 999.0, -1000.0], [-800.0, -801.0, -805.0]]),),
        ),
        Case("a 1-D vector (work along the last axis)", (rng.standard_normal(6),)),
        Case("float32 logits", (z.astype(np.float32),), rtol=1e-5),
    ]


# --- activations ---------------------------------------------------------------

value_check("sigmoid", act.sigmoid, _elementwise_cases)
value_check("sigmoid_grad", act.sigmoid_grad, _elementwise_cases)
value_check("tanh", act.tanh, _elementwise_cases)
value_check(
    "tanh_grad",
    act.tanh_grad,
    _elementwise_cases,
    slips=[(lambda x: 1 - np.tanh(x), "the derivative of tanh is 1 − tanh²(x), squared")],
)
value_check("relu", act.relu, _elementwise_cases)
value_check(
    "relu_grad",
    act.relu_grad,
    _elementwise_cases,
    slips=[
        (
            lambda x: (np.asarray(x) >= 0) * 1.0,
            "dlref (like PyTorch) takes slope 0 at x = 0: write x > 0, not x >= 0",
        )
    ],
)


def _with_alpha(alpha: float) -> Callable[[np.random.Generator], list[Case]]:
    return lambda rng: _elementwise_cases(rng, alpha)


_AT_ZERO = "dlref (like PyTorch) takes the left slope at x = 0: x > 0, not x >= 0"
value_check("leaky_relu", act.leaky_relu, _with_alpha(0.1))
value_check(
    "leaky_relu_grad",
    act.leaky_relu_grad,
    _with_alpha(0.1),
    slips=[(lambda x, a: np.where(np.asarray(x) >= 0, 1.0, a), _AT_ZERO)],
)
value_check("elu", act.elu, _with_alpha(0.5))
value_check(
    "elu_grad",
    act.elu_grad,
    _with_alpha(0.5),
    slips=[
        (lambda x, a: np.where(np.asarray(x) >= 0, 1.0, a * np.exp(np.minimum(x, 0))), _AT_ZERO)
    ],
)

# --- losses --------------------------------------------------------------------

_COLUMNS = (
    "you normalised each column (axis 0), as in the course's layout with the examples in "
    "columns, (C, m); dlref puts the examples in rows, (m, C): normalise along the last axis"
)
value_check(
    "softmax", ls.softmax, _logit_cases, slips=[(partial(ls.softmax, axis=0), _COLUMNS)]
)
value_check(
    "log_softmax",
    ls.log_softmax,
    _logit_cases,
    slips=[(partial(ls.log_softmax, axis=0), _COLUMNS)],
)


def _sce_slips() -> list[Slip]:
    def unscaled(z: Any, y: Any) -> Any:
        loss, d = ls.softmax_cross_entropy(z, y)
        return loss, d * np.shape(z)[0]

    def summed(z: Any, y: Any) -> Any:
        loss, d = ls.softmax_cross_entropy(z, y)
        return loss * np.shape(z)[0], d

    def columns(z: Any, y: Any) -> Any:  # the course's (C, m): examples in columns
        if np.ndim(y) != 2:
            raise ValueError("the columns layout takes one-hot Y")
        m = np.shape(z)[1]
        logp = ls.log_softmax(z, axis=0)
        return -np.sum(y * logp) / m, (np.exp(logp) - y) / m

    return [
        (unscaled, "the loss is a mean over m examples, so dlogits = (softmax − Y)/m"),
        (summed, "the loss is the mean over the m examples, not the sum"),
        (columns, _COLUMNS),
    ]


#: Each form of the labels, and what it means when a learner's code refuses every case in it.
_LABEL_FORMS = (
    (
        "integer labels",
        "your code takes one-hot Y only (as in the course); dlref's also accepts integer "
        "class labels (CS231n's y). A convention, not an error",
    ),
    (
        "one-hot Y",
        "your code takes integer labels only (as in CS231n); dlref's also accepts one-hot or "
        "probability rows (the course's Y). A convention, not an error",
    ),
)


@register("softmax_cross_entropy")
def _softmax_cross_entropy(
    func: Callable[..., Any], using: dict[str, Any], rng: np.random.Generator, log: Log
) -> None:
    """Every case in both label forms; a form your code refuses on every case is a convention."""
    m, c = 6, 4
    z = rng.standard_normal((m, c)) * 2
    labels = rng.integers(0, c, m)
    logits: list[tuple[str, np.ndarray, float]] = [
        ("typical logits", z, 1e-7),
        ("large logits (work from log_softmax, not log(softmax))", z * 500, 1e-7),
        ("float32 logits", z.astype(np.float32), 1e-5),
    ]
    refused: dict[str, list[str]] = {form: [] for form, _ in _LABEL_FORMS}
    accepted = dict.fromkeys(refused, 0)
    for label, logit, rtol in logits:
        forms = (labels, np.eye(c, dtype=logit.dtype)[labels])
        for (form, _), y in zip(_LABEL_FORMS, forms, strict=True):
            case = Case(f"{label}, {form}", (logit, y), rtol=rtol)
            try:
                got = log.call(func, case.label, *case.args)
            except CallFailed as exc:
                refused[form].append(str(exc))
                continue
            accepted[form] += 1
            _judge(
                log,
                ls.softmax_cross_entropy,
                case,
                got,
                slips=_sce_slips(),
                parts=("loss", "dlogits"),
            )
    for form, note in _LABEL_FORMS:
        if refused[form] and not accepted[form] and sum(accepted.values()):
            log.warn(f"{form}:\nnot checked: {note}")
        else:
            for text in refused[form]:
                log.problem(text)


def _bce_cases(rng: np.random.Generator) -> list[Case]:
    z = rng.standard_normal(8) * 2
    y = (rng.random(8) < 0.5) * 1.0
    return [
        Case("typical logits", (z, y)),
        Case(
            "logits of ±1000 (use max(z, 0) − z·y + log(1 + e^(−|z|)))",
            (np.array([1000.0, -1000.0, 800.0, -30.0]), np.array([0.0, 1.0, 1.0, 0.0])),
        ),
        Case("a column (m, 1)", (z[:, None], y[:, None])),
        Case("float32 logits", (z.astype(np.float32), y.astype(np.float32)), rtol=1e-5),
    ]


def _bce_unscaled(z: Any, y: Any) -> Any:
    loss, dz = ls.binary_cross_entropy_with_logits(z, y)
    return loss, dz * np.shape(z)[0]


value_check(
    "binary_cross_entropy_with_logits",
    ls.binary_cross_entropy_with_logits,
    _bce_cases,
    slips=[(_bce_unscaled, "the loss is a mean over m examples, so dz = (σ(z) − y)/m")],
    parts=("loss", "dz"),
)


def _regression_cases(rng: np.random.Generator) -> list[Case]:
    y_pred, y = rng.standard_normal((6, 3)), rng.standard_normal((6, 3))
    return [
        Case("k = 3 outputs", (y_pred, y)),
        Case("one output, 1-D", (y_pred[:, 0], y[:, 0])),
        Case("float32", (y_pred.astype(np.float32), y.astype(np.float32)), rtol=1e-5),
    ]


def _k(y: Any) -> int:
    return int(np.shape(y)[1]) if np.ndim(y) == 2 else 1


value_check(
    "mse",
    ls.mse,
    _regression_cases,
    slips=[
        (lambda p, y: 2 * ls.mse(p, y), "the notes' MSE is (1/m) Σ ½‖y − ŷ‖², with the ½"),
        (
            lambda p, y: 2 * ls.mse(p, y) / _k(y),
            "that is PyTorch's element mean; dlref's MSE is (1/m) Σ ½‖y − ŷ‖²",
        ),
    ],
)
value_check(
    "mse_grad",
    ls.mse_grad,
    _regression_cases,
    slips=[
        (lambda p, y: ls.mse_grad(p, y) * np.shape(p)[0], "divide by m: the loss is a mean"),
        (lambda p, y: -ls.mse_grad(p, y), "the gradient is (ŷ − y)/m: check the sign"),
    ],
)

# --- regularisation --------------------------------------------------------------


def _l2_cases(rng: np.random.Generator) -> list[Case]:
    ws = [rng.standard_normal((4, 3)), rng.standard_normal((3, 2))]
    return [
        Case("two weight matrices, λ = 0.7, m = 20", (ws, 0.7, 20)),
        Case("one matrix, λ = 0.01, m = 1", ([ws[0]], 0.01, 1)),
    ]


value_check(
    "l2_penalty",
    reg.l2_penalty,
    _l2_cases,
    slips=[
        (lambda w, la, m: 2 * reg.l2_penalty(w, la, m), "the notes' penalty is λ/(2m) Σ‖W‖²"),
        (lambda w, la, m: m * reg.l2_penalty(w, la, m), "divide by m as well: λ/(2m) Σ‖W‖²"),
    ],
)


def _l2_grad_cases(rng: np.random.Generator) -> list[Case]:
    W = rng.standard_normal((4, 3))
    return [
        Case("λ = 0.7, m = 20", (W, 0.7, 20)),
        Case("float32", (W.astype(np.float32), 0.1, 8), rtol=1e-5),
    ]


value_check(
    "l2_grad",
    reg.l2_grad,
    _l2_grad_cases,
    slips=[
        (
            lambda W, la, m: reg.l2_grad(W, la, m) / 2,
            "the derivative of λ/(2m)‖W‖² is (λ/m)W: the square's 2 cancels the ½",
        )
    ],
)


@register("dropout_forward")
def _dropout_forward(
    func: Callable[..., Any], using: dict[str, Any], rng: np.random.Generator, log: Log
) -> None:
    x = rng.uniform(0.5, 2.0, (400, 250))  # no zeros: a zero in out means dropped
    for p in (0.8, 0.5):
        out = _first(log.call(func, f"keep_prob={p}", x, p, rng=int(rng.integers(2**31))))
        kept = np.asarray(out) != 0
        label = f"keep_prob={p}: each entry is 0 or x/keep_prob"
        log.compare(
            label,
            out,
            np.where(kept, x / p, 0.0),
            slips=[
                (
                    partial(np.where, kept, x, 0.0),
                    "inverted dropout divides the kept units by keep_prob",
                )
            ],
        )
        # kept fraction: binomial, standard error sqrt(p(1-p)/n); allow 5 of them
        se = math.sqrt(p * (1 - p) / x.size)
        if abs(kept.mean() - p) > 5 * se:
            log.problem(
                f"keep_prob={p}:\nkept {kept.mean():.4f} of the units, "
                f"expected {p} ± {5 * se:.4f} (is keep_prob the keep or the drop rate?)"
            )
        else:
            log.compare(
                f"keep_prob={p}: kept fraction", kept.mean(), p, rtol=0, atol=5 * se, track=False
            )
    out = _first(log.call(func, "train=False", x, 0.5, rng=0, train=False))
    log.compare("train=False: the identity (no scaling at test time)", out, x)


@register("dropout_backward")
def _dropout_backward(
    func: Callable[..., Any], using: dict[str, Any], rng: np.random.Generator, log: Log
) -> None:
    x = rng.uniform(0.5, 2.0, (30, 20))
    dout = rng.standard_normal(x.shape)
    forward = using.get("dropout_forward")
    for p in (0.8, 0.5):
        if forward is not None:
            label = f"your dropout_forward, keep_prob={p}"
            out, mask = _parts(log.call(forward, label, x, p, rng=3), 2, label, "(out, mask)")
            kept = np.asarray(out) != 0
        else:  # dlref's mask: 0/1 in the dtype of x
            _, mask = reg.dropout_forward(x, p, rng=3)
            kept = mask != 0
        dx = log.call(func, f"keep_prob={p}", dout, mask, p)
        log.compare(
            f"keep_prob={p}: the same mask and scale as the forward pass",
            dx,
            np.where(kept, dout / p, 0.0),
            slips=[
                (
                    partial(np.where, kept, dout, 0.0),
                    "the backward pass divides by keep_prob too",
                )
            ],
        )


# --- batch norm -------------------------------------------------------------------


def _bn_slip(
    *, ddof: int = 0, running_ddof: int = 0, eps_inside: bool = True, swap: bool = False
) -> Callable[..., Any]:
    """What batch norm returns with one convention changed (a model of a slip)."""

    def forward(
        x: Any,
        gamma: Any,
        beta: Any,
        running: Any = None,
        *,
        momentum: float = 0.9,
        eps: float = 1e-5,
    ) -> Any:
        x = np.asarray(x, dtype=np.float64)
        mu, var = x.mean(axis=0), x.var(axis=0, ddof=ddof)
        std = np.sqrt(var + eps) if eps_inside else np.sqrt(var) + eps
        out = gamma * (x - mu) / std + beta
        old = (
            bn.RunningStats(np.zeros(x.shape[1]), np.ones(x.shape[1]))
            if running is None
            else running
        )
        w_old = 1 - momentum if swap else momentum
        new = bn.RunningStats(
            w_old * old.mean + (1 - w_old) * mu,
            w_old * old.var + (1 - w_old) * x.var(axis=0, ddof=running_ddof),
        )
        return out, None, new

    return forward


def _bn_cases(rng: np.random.Generator) -> list[Case]:
    m, n = 8, 5
    x = rng.standard_normal((m, n)) * 3 + 1
    gamma, beta = rng.uniform(0.5, 2, n), rng.standard_normal(n)
    running = bn.RunningStats(rng.standard_normal(n), rng.uniform(0.5, 2, n))
    const = x.copy()
    const[:, 2] = 3.0
    kw = {"momentum": 0.9, "eps": 1e-5}
    return [
        Case("a batch of 8", (x, gamma, beta, running), kw),
        Case("running=None (start from mean 0, variance 1)", (x, gamma, beta, None), kw),
        Case("a constant feature (ε keeps it finite)", (const, gamma, beta, running), kw),
        Case(
            "float32",
            (
                x.astype(np.float32),
                gamma.astype(np.float32),
                beta.astype(np.float32),
                bn.RunningStats(running.mean.astype(np.float32), running.var.astype(np.float32)),
            ),
            kw,
            rtol=1e-4,
        ),
    ]


def _out_and_running(result: Any) -> Any:
    out, _, running = result
    mean, var = running
    return out, mean, var


value_check(
    "batchnorm_forward",
    bn.batchnorm_forward,
    _bn_cases,
    select=_out_and_running,
    parts=("out", "running mean", "running variance"),
    slips=[
        (_bn_slip(ddof=1), "normalise with the biased batch variance (divide by m, not m − 1)"),
        (
            _bn_slip(ddof=1, running_ddof=1),
            "in training, normalise with the biased batch variance (divide by m, not m − 1); "
            "the running variance then averages that same ÷m variance",
        ),
        (_bn_slip(eps_inside=False), "ε goes inside the square root: √(σ² + ε)"),
        (
            _bn_slip(swap=True),
            "momentum is the weight on the old running value "
            "(PyTorch's momentum=0.1 is the weight on the new one)",
        ),
    ],
)


def _reads_dlref_cache(cache: Any, ref: bn.BatchNormCache) -> bool:
    """Whether a learner's cache holds what dlref's does, in its order: x̂, γ, 1/√(σ² + ε).

    Then a backward written for it can be fed dlref's cache. The values need only be near
    (within 25 %), since the learner's forward that made ``cache`` may be slightly wrong.
    """
    if isinstance(cache, bn.BatchNormCache):
        return True
    if not isinstance(cache, (tuple, list)) or len(cache) != len(ref):
        return False
    try:
        leaves = [np.asarray(c, dtype=np.float64) for c in cache]
    except (TypeError, ValueError):
        return False
    return all(
        a.shape == np.shape(r) and np.allclose(a, r, rtol=0.25, atol=1e-6)
        for a, r in zip(leaves, ref, strict=True)
    )


_ON_OURS = "on dlref's forward's cache"
_ON_YOURS = "on your batchnorm_forward's cache"


@register("batchnorm_backward")
def _batchnorm_backward(
    func: Callable[..., Any], using: dict[str, Any], rng: np.random.Generator, log: Log
) -> None:
    """The backward judged on the cache of a right forward pass, whichever made it.

    With your forward: on each case where it is right, your backward gets its cache; where
    it is wrong, your backward gets dlref's cache if yours holds the same things (else the
    case is not judged). Without your forward, your backward gets dlref's cache.
    """
    forward = using.get("batchnorm_forward")
    wrong_forward = on_ours = 0
    cases = _bn_cases(rng)
    for case in cases:
        x = case.args[0]
        dout = rng.standard_normal(np.shape(x)).astype(np.asarray(x).dtype)
        ref_out, ref_cache, _ = bn.batchnorm_forward(*case.args, **case.kwargs)
        expected = bn.batchnorm_backward(dout, ref_cache)
        cache: Any = ref_cache
        where = _ON_OURS
        if forward is not None:
            label = f"{case.label}: your batchnorm_forward"
            result = log.call(forward, label, *case.args, **case.kwargs)
            out, own, _ = _parts(result, 3, label, "(out, cache, running)")
            if isinstance(difference(out, ref_out, case.rtol, case.rtol * 1e-3), float):
                cache, where = own, _ON_YOURS
            else:
                wrong_forward += 1
                if not _reads_dlref_cache(own, ref_cache):
                    log.unjudged(
                        "not judged where your batchnorm_forward gives the wrong output: your "
                        "backward reads your forward's cache, so it cannot be told apart from "
                        "the forward there; fix the forward first "
                        "(`dlref check --only batchnorm_forward`)"
                    )
                    continue
                on_ours += 1
        label = f"{case.label}, {where}"
        try:
            got = log.call(func, label, dout, cache)
        except CallFailed as exc:
            if forward is None:
                exc = CallFailed(
                    f"{exc}\n(dlref's cache is BatchNormCache(xhat, gamma, inv_std); for a "
                    "cache of your own, define your batchnorm_forward in the same file)"
                )
            log.problem(str(exc))
            continue
        log.compare(
            label,
            got,
            expected,
            rtol=case.rtol,
            atol=case.rtol * 1e-3,
            parts=("dx", "dgamma", "dbeta"),
        )
    if on_ours:
        log.warn(
            f"your batchnorm_forward gives the wrong output on {wrong_forward} of the "
            f"{len(cases)} cases; on {on_ours} of them your backward was judged {_ON_OURS} "
            "(your cache holds the same x̂, γ, 1/√(σ² + ε))"
        )


def _bn_inference_cases(rng: np.random.Generator) -> list[Case]:
    start = bn.RunningStats(np.zeros(5), np.ones(5))
    return [
        Case(
            c.label, (*c.args[:3], start if c.args[3] is None else c.args[3]), {"eps": 1e-5}, c.rtol
        )
        for c in _bn_cases(rng)
    ]


value_check("batchnorm_inference", bn.batchnorm_inference, _bn_inference_cases)

# --- exponentially weighted averages and optimisers ---------------------------


def _ewma_cases(rng: np.random.Generator) -> list[Case]:
    walk = np.cumsum(rng.standard_normal(30)) + 10
    return [
        Case("β = 0.9, bias-corrected", (walk, 0.9), {"bias_correction": True}),
        Case("β = 0.9, uncorrected", (walk, 0.9), {"bias_correction": False}),
        Case("β = 0.98, bias-corrected", (walk, 0.98), {"bias_correction": True}),
        Case(
            "a constant series (corrected: exact at every t)",
            (np.full(12, 5.0), 0.9),
            {"bias_correction": True},
        ),
        Case("β = 0 (the identity)", (walk, 0.0), {"bias_correction": True}),
        Case("float32", (walk.astype(np.float32), 0.9), {"bias_correction": True}, rtol=1e-5),
    ]


value_check(
    "ewma",
    ewma_ref,
    _ewma_cases,
    slips=[
        (
            lambda x, b, bias_correction: ewma_ref(x, b, bias_correction=False),
            "with bias_correction=True divide V_t by 1 − β^t",
        )
    ],
)


class _Slip(optim.Optimizer):
    """An optimiser with one convention changed (a model of a slip)."""

    def __init__(
        self,
        lr: float,
        beta1: float = 0.0,
        beta2: float = 0.9,
        eps: float = 1e-8,
        *,
        first: bool,
        second: bool,
        eps_inside: bool = False,
        corrected: bool = True,
    ) -> None:
        super().__init__(lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.first, self.second = first, second
        self.eps_inside, self.corrected = eps_inside, corrected

    def _update(self, key: Any, p: np.ndarray, g: np.ndarray) -> None:
        st = self.state.setdefault(key, {"m": np.zeros_like(p), "v": np.zeros_like(p), "t": 0})
        st["t"] += 1
        t = st["t"]
        st["m"] = self.beta1 * st["m"] + (1 - self.beta1) * g if self.first else g
        st["v"] = self.beta2 * st["v"] + (1 - self.beta2) * g * g
        m, v = st["m"], st["v"]
        if self.corrected:
            m = m / (1 - self.beta1**t) if self.first else m
            v = v / (1 - self.beta2**t)
        denom = np.sqrt(v + self.eps) if self.eps_inside else np.sqrt(v) + self.eps
        p -= self.lr * (m / denom if self.second else m)


def _least_squares(rng: np.random.Generator) -> Callable[[dict[str, np.ndarray]], dict[str, Any]]:
    X, Y = rng.standard_normal((20, 4)), rng.standard_normal((20, 3))

    def grads(params: dict[str, np.ndarray]) -> dict[str, Any]:
        r = (X @ params["W"] + params["b"] - Y) / len(X)
        return {"W": X.T @ r, "b": r.sum(axis=0)}

    return grads


def _accepts(cls: Callable[..., Any], keys: Sequence[str]) -> bool:
    """Whether the learner's class takes every keyword in ``keys`` (or ``**kwargs``)."""
    try:
        params = inspect.signature(cls).parameters
    except (TypeError, ValueError):
        return False
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return True
    return all(k in params for k in keys)


def optimizer_check(
    name: str,
    reference: type,
    hyper: dict[str, Any],
    slips: Sequence[tuple[Callable[[], Any], str]] = (),
    *,
    variant: tuple[dict[str, Any], Sequence[tuple[Callable[[], Any], str]]] | None = None,
) -> None:
    """Register a check running 15 steps of the class and of dlref's side by side.

    ``variant`` is a second setting, ``(overrides of hyper, its slips)``, checked too when the
    learner's class takes every keyword that ``hyper`` does not have (e.g. AdamW's
    ``decay_scaled_by_lr``); otherwise it is skipped.
    """

    def run(
        cls: Callable[..., Any],
        kwargs: dict[str, Any],
        known: Sequence[tuple[Callable[[], Any], str]],
        rng: np.random.Generator,
        log: Log,
        tag: str = "",
    ) -> bool:
        grads_of = _least_squares(rng)
        start = {"W": rng.standard_normal((4, 3)), "b": rng.standard_normal(3)}
        mine = log.call(cls, f"{name}(**{kwargs})", **kwargs)
        runs = [(reference(**kwargs), "")] + [(make(), hint) for make, hint in known]
        paths = [{k: v.copy() for k, v in start.items()} for _ in runs]
        params = {k: v.copy() for k, v in start.items()}
        for step in range(1, 16):
            g = grads_of(params)
            log.call(mine.step, f"{tag}step {step}", params, g, mutable=0)
            for (opt, _), path in zip(runs, paths, strict=True):
                opt.step(path, grads_of(path))
            matched = log.compare(
                f"{tag}parameters after step {step}",
                (params["W"], params["b"]),
                (paths[0]["W"], paths[0]["b"]),
                parts=('params["W"]', 'params["b"]'),
            )
            if not matched:
                for (_, hint), path in zip(runs[1:], paths[1:], strict=True):
                    if np.allclose(params["W"], path["W"], rtol=1e-7, atol=1e-10):
                        log.hint(hint)
                        break
                return False
        return True

    def spec(
        cls: Callable[..., Any], using: dict[str, Any], rng: np.random.Generator, log: Log
    ) -> None:
        if not run(cls, hyper, slips, rng, log) or variant is None:
            return
        overrides, variant_slips = variant
        if _accepts(cls, [k for k in overrides if k not in hyper]):
            kwargs = {**hyper, **overrides}
            run(cls, kwargs, variant_slips, rng, log, tag=f"{name}(**{kwargs}), ")

    register(name)(spec)


optimizer_check("SGD", optim.SGD, {"lr": 0.1})
optimizer_check(
    "Momentum",
    optim.Momentum,
    {"lr": 0.1, "beta": 0.9},
    slips=[
        (
            lambda: optim.Momentum(lr=1.0, beta=0.9),
            "you wrote v = βv + g (PyTorch's form); the course's is v = βv + (1 − β)g",
        )
    ],
)
optimizer_check(
    "Nesterov",
    optim.Nesterov,
    {"lr": 0.1, "beta": 0.9},
    slips=[
        (
            lambda: optim.Momentum(lr=0.1, beta=0.9),
            "that is plain momentum; Nesterov steps by β·v + (1 − β)·g (look-ahead)",
        ),
        (
            lambda: optim.Nesterov(lr=1.0, beta=0.9),
            "you wrote PyTorch's v = βv + g; the course's is v = βv + (1 − β)g",
        ),
    ],
)
optimizer_check(
    "RMSprop",
    optim.RMSprop,
    {"lr": 0.01, "beta": 0.9, "eps": 1e-2},
    slips=[
        (
            lambda: _Slip(
                0.01,
                beta2=0.9,
                eps=1e-2,
                first=False,
                second=True,
                eps_inside=True,
                corrected=False,
            ),
            "ε goes outside the square root: g / (√s + ε)",
        )
    ],
)
optimizer_check(
    "Adam",
    optim.Adam,
    {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-2},
    slips=[
        (
            lambda: _Slip(0.01, 0.9, 0.999, 1e-2, first=True, second=True, corrected=False),
            "correct the bias: m / (1 − β₁^t) and v / (1 − β₂^t), t counted from 1",
        ),
        (
            lambda: _Slip(0.01, 0.9, 0.999, 1e-2, first=True, second=True, eps_inside=True),
            "ε goes outside the square root: m̂ / (√v̂ + ε)",
        ),
    ],
)


class _L2InsideAdam(optim.Adam):
    """The slip AdamW is for: λp added to the gradient, then divided by √v̂ + ε with it."""

    def __init__(self, lr: float, beta1: float, beta2: float, eps: float, weight_decay: float):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    def _update(self, key: Any, p: np.ndarray, g: np.ndarray) -> None:
        super()._update(key, p, g + self.weight_decay * p)


class _DecayAfterStep(optim.AdamW):
    """The decay applied to the weight after the Adam step, not to θ_{t-1}."""

    def _update(self, key: Any, p: np.ndarray, g: np.ndarray) -> None:
        optim.Adam._update(self, key, p, g)
        p *= 1.0 - self._decay_factor()


_ADAMW: dict[str, Any] = {
    "lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-2, "weight_decay": 0.5
}
_ADAMW_PAPER: dict[str, Any] = {"weight_decay": 0.05, "decay_scaled_by_lr": False}
_L2_HINT = (
    "you added λ·θ to the gradient (L2 inside Adam, torch.optim.Adam(weight_decay=λ)); AdamW "
    "keeps the gradient as it is and shrinks the weight itself: θ ← θ − αλθ − α m̂/(√v̂ + ε)"
)
_AFTER_HINT = (
    "decay the weight from before the step, θ_{t−1}, as the paper and torch.optim.AdamW do, "
    "not the weight after the Adam step"
)
optimizer_check(
    "AdamW",
    optim.AdamW,
    _ADAMW,
    slips=[
        (lambda: _L2InsideAdam(**_ADAMW), _L2_HINT),
        (
            lambda: optim.AdamW(**_ADAMW, decay_scaled_by_lr=False),
            "multiply the decay by the learning rate: θ ← (1 − αλ)θ − …, as torch.optim.AdamW "
            "does (the default, decay_scaled_by_lr=True); you shrank by λ per step",
        ),
        (lambda: _DecayAfterStep(**_ADAMW), _AFTER_HINT),
    ],
    variant=(
        _ADAMW_PAPER,
        [
            (lambda: _L2InsideAdam(**{**_ADAMW, "weight_decay": 0.05}), _L2_HINT),
            (
                lambda: optim.AdamW(**{**_ADAMW, **_ADAMW_PAPER, "decay_scaled_by_lr": True}),
                "with decay_scaled_by_lr=False the decay is λ per step, not multiplied by the "
                "learning rate: θ ← (1 − λ)θ − α m̂/(√v̂ + ε) (the paper's form)",
            ),
            (lambda: _DecayAfterStep(**{**_ADAMW, **_ADAMW_PAPER}), _AFTER_HINT),
        ],
    ),
)


def _schedule_cases(*extra: float) -> Callable[[np.random.Generator], list[Case]]:
    return lambda rng: [Case(f"epoch {e}", (0.2, e, *extra)) for e in (1, 2, 3, 4, 10)]


_FROM_ONE = "epochs are counted from 1 (the first epoch already decays)"
value_check(
    "inverse_time_decay",
    optim.inverse_time_decay,
    _schedule_cases(1.0),
    slips=[(lambda lr, e, d: optim.inverse_time_decay(lr, e - 1, d) if e > 1 else lr, _FROM_ONE)],
)
value_check(
    "exponential_decay",
    optim.exponential_decay,
    _schedule_cases(0.95),
    slips=[(lambda lr, e, b: lr * b ** (e - 1), _FROM_ONE)],
)
value_check(
    "step_decay",
    optim.step_decay,
    lambda rng: [Case(f"epoch {e}", (0.2, e, 0.5, 3)) for e in (1, 2, 3, 4, 6, 7, 10)],
    slips=[
        (
            lambda lr, e, d, k: lr * d ** (e // k),
            "epochs count from 1: epochs 1 … every share the first rate",
        ),
        (
            lambda lr, e, d, k: lr * d ** (e / k),
            "the rate drops in steps: take the floor, drop ** ⌊(epoch − 1)/every⌋; "
            "drop ** (epoch/every) decays a little every epoch",
        ),
        (
            lambda lr, e, d, k: lr * d ** ((e - 1) / k),
            "the rate drops in steps: take the floor, drop ** ⌊(epoch − 1)/every⌋; "
            "without it the rate decays a little every epoch",
        ),
    ],
)

# --- gradient checking and initialisation ------------------------------------


def _numgrad_cases(rng: np.random.Generator) -> list[Case]:
    x = rng.standard_normal((3, 4))
    f = WeightedTanhSum(rng.standard_normal((3, 4)))  # data, so it can be sent to a child
    return [
        Case("f = Σ dout ⊙ tanh(x), default h", (f, x), rtol=1e-6),
        Case("h = 1e-3", (f, x), {"h": 1e-3}, rtol=1e-6),
    ]


def _one_sided(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp = x.copy()
        xp[i] += h
        grad[i] = (f(xp) - f(x)) / h
    return grad


value_check(
    "numerical_gradient",
    gc.numerical_gradient,
    _numgrad_cases,
    slips=[
        (
            _one_sided,
            "use the central difference (f(x + h) − f(x − h)) / 2h, "
            "whose error is O(h²), not the one-sided O(h)",
        )
    ],
)


def _relerr_cases(rng: np.random.Generator) -> list[Case]:
    a = rng.standard_normal(10)
    return [
        Case("nearby vectors", (a, a + 1e-6 * rng.standard_normal(10))),
        Case("different vectors", (a, rng.standard_normal(10))),
        Case("both zero (define the error as 0)", (np.zeros(4), np.zeros(4))),
    ]


value_check(
    "relative_error",
    gc.relative_error,
    _relerr_cases,
    slips=[
        (
            lambda a, b: float(np.linalg.norm(a - b) / np.linalg.norm(b)),
            "the course's denominator is ‖a‖₂ + ‖b‖₂",
        )
    ],
)


def init_check(
    name: str,
    std: Callable[[int, int], float],
    slips: Sequence[tuple[Callable[[int, int], float], str]],
) -> None:
    """Register a statistical check of an initialiser's shape, mean and spread."""

    def spec(
        func: Callable[..., Any], using: dict[str, Any], rng: np.random.Generator, log: Log
    ) -> None:
        for n_in, n_out in ((400, 250), (100, 800)):
            label = f"n_in={n_in}, n_out={n_out}"
            W = np.asarray(log.call(func, label, n_in, n_out, rng=int(rng.integers(2**31))))
            if W.shape == (n_out, n_in):
                log.problem(f"{label}:\ngot shape {W.shape}")
                log.hint("dlref puts examples in rows: W has shape (n_in, n_out), Z = X @ W")
                continue
            if W.shape != (n_in, n_out):
                log.problem(f"{label}:\nexpected shape {(n_in, n_out)}, got {W.shape}")
                continue
            # sample std of n normal draws: relative standard error 1/sqrt(2n)
            tol = 6 / math.sqrt(2 * W.size)
            target = std(n_in, n_out)
            wrong = [(lambda s=s, i=n_in, o=n_out: np.float64(s(i, o)), h) for s, h in slips]
            log.compare(
                f"{label}: standard deviation",
                W.std(),
                target,
                rtol=tol,
                atol=0,
                slips=wrong,
                track=False,
            )
            log.compare(
                f"{label}: mean",
                W.mean(),
                0.0,
                rtol=0,
                atol=6 * target / math.sqrt(W.size),
                track=False,
            )

    register(name)(spec)


init_check(
    "he",
    lambda i, o: math.sqrt(2 / i),
    slips=[
        (lambda i, o: math.sqrt(1 / i), "He uses √(2/n_in): the 2 makes up for ReLU's zeros"),
        (lambda i, o: math.sqrt(2 / o), "the fan is n_in, the inputs of the layer"),
    ],
)
init_check(
    "xavier",
    lambda i, o: math.sqrt(1 / i),
    slips=[
        (
            lambda i, o: math.sqrt(2 / (i + o)),
            "that is variant='glorot'; the default (the notes' form) is √(1/n_in)",
        ),
        (lambda i, o: math.sqrt(1 / o), "the fan is n_in, the inputs of the layer"),
    ],
)


def registered() -> tuple[str, ...]:
    """The checkable names, in registration order."""
    return tuple(SPECS)
