"""MkDocs hook: draw every figure from the package at build time, per language.

Each ``docs/figures/<name>.py`` (not starting with ``_``) exposes one function,
``draw(lang) -> matplotlib.figure.Figure``, that computes with ``dlref`` and
labels the axes from a per-language dict. This hook renders each figure once
per language to SVG (text converted to paths, so the page needs no font) and
adds it to the site as ``figures/<name>-<lang>.svg``.

- **Cache.** A rendering is kept in ``.cache/figures/`` under a key made of the
  script, the files it uses, this hook and the matplotlib version. The files it
  uses are found from its import statements, followed transitively: the
  ``docs/figures/_*.py`` helpers it imports, and for ``from dlref import name``
  the module that defines ``name`` (plus ``dlref/__init__.py``), then whatever
  those import inside ``dlref`` (lazy imports in functions included). An edit
  to ``dlref/optim.py`` redraws the figures that use an optimiser, not all of
  them. A warm build draws nothing.
- **Parallel.** When several figures are missing from the cache, they are drawn
  by worker processes (one per available core, ``python docs/hooks/figures.py
  --serve``), handed whole groups of figures that share a ``docs/figures/_*_runs.py``
  helper (so a helper's cached computation still runs once), the next group to the
  first worker free. ``DLREF_FIGURE_WORKERS=1`` draws in the build process instead.
- **Strict.** Any warning raised while drawing or saving — a glyph missing from
  the font above all — and any warning that matplotlib logs (a font not found)
  fails the build.
- **Hangul.** Korean figures use NanumGothic from the ``koreanize-matplotlib``
  wheel, loaded from its ``.ttf`` file (the package itself is not imported), with
  DejaVu Sans as the fallback for glyphs NanumGothic lacks, such as "−" (U+2212).

Run ``python docs/hooks/figures.py NAME LANG OUT.png`` to draw one figure to a
PNG for a quick look.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import importlib.util
import io
import logging
import os
import re
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIGURE_DIR = ROOT / "docs" / "figures"
NARROW = FIGURE_DIR / "_narrow.py"  # the phone layout of every figure
CACHE_DIR = ROOT / ".cache" / "figures"
PACKAGE_DIR = ROOT / "dlref"
LANGS = ("ko", "en")
FONT_FAMILY = {"ko": ["NanumGothic", "DejaVu Sans"], "en": ["DejaVu Sans"]}

log = logging.getLogger("mkdocs.hooks.figures")


class FigureError(Exception):
    """A figure could not be drawn cleanly."""


def figure_names() -> list[str]:
    """Every figure script in ``docs/figures`` (helpers start with ``_``)."""
    return sorted(p.stem for p in FIGURE_DIR.glob("*.py") if not p.name.startswith("_"))


def _nanum_gothic() -> Path:
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise FigureError(
            "koreanize-matplotlib is not installed; it ships the NanumGothic font the "
            "Korean figures need (pip install -e '.[docs]')"
        )
    font = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NanumGothic.ttf"
    if not font.is_file():
        raise FigureError(f"NanumGothic.ttf not found at {font}")
    return font


_fonts_loaded = False


def _load_fonts() -> None:
    global _fonts_loaded
    if not _fonts_loaded:
        from matplotlib import font_manager

        repair_font_list(font_manager.fontManager)
        font_manager.fontManager.addfont(str(_nanum_gothic()))
        _fonts_loaded = True


def repair_font_list(manager: Any) -> bool:
    """Rescan fonts when matplotlib's font list lacks the fonts matplotlib ships.

    matplotlib reads its font list from one cache file per user and version, shared by
    every environment on the machine; once a list without matplotlib's own fonts was
    written there (seen once on this machine while a fresh CI environment was set up),
    every figure with mathtext failed on "STIXGeneral not found". The list is rebuilt in
    place (``findfont`` and friends are bound to this object) and the cache rewritten.
    """
    from matplotlib import font_manager, get_cachedir

    names = {font.name for font in manager.ttflist}
    if {"STIXGeneral", "cmr10", "DejaVu Sans"} <= names:
        return False
    log.info("figures: matplotlib's font list lacks its own fonts; rebuilt it")
    manager.__init__()
    font_manager.FontManager._findfont_cached.cache_clear()
    font_manager._get_font.cache_clear()
    cache = Path(get_cachedir(), f"fontlist-v{font_manager.FontManager.__version__}.json")
    font_manager.json_dump(manager, cache)
    return True


def _module_file(module: str) -> list[Path]:
    """Source files of ``dlref`` module ``module`` (a dotted name)."""
    rel = Path(*module.split("."))
    for cand in (ROOT / rel.with_suffix(".py"), ROOT / rel / "__init__.py"):
        if cand.is_file():
            return [cand]
    return []


def _dlref_name(name: str) -> list[Path]:
    """File that defines ``dlref.<name>``: a submodule, or where the object lives."""
    if (PACKAGE_DIR / f"{name}.py").is_file():
        return [PACKAGE_DIR / f"{name}.py"]
    import dlref

    module = getattr(getattr(dlref, name, None), "__module__", None)
    if isinstance(module, str) and module.startswith("dlref"):
        return _module_file(module)
    return sorted(PACKAGE_DIR.rglob("*.py"))  # a constant: cannot tell, depend on all


@functools.cache
def _direct_deps(path: Path, mtime_ns: int) -> tuple[Path, ...]:
    """Local files that ``path``'s import statements (anywhere in it) name."""
    tree = ast.parse(path.read_bytes(), filename=str(path))
    deps: list[Path] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "dlref" or alias.name.startswith("dlref."):
                    deps += _module_file("dlref") + _module_file(alias.name)
                elif (FIGURE_DIR / f"{alias.name}.py").is_file() and alias.name.startswith("_"):
                    deps.append(FIGURE_DIR / f"{alias.name}.py")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "dlref":
                deps += _module_file("dlref")
                for alias in node.names:
                    deps += _dlref_name(alias.name)
            elif node.module.startswith("dlref."):
                deps += _module_file(node.module)
            elif node.module.startswith("_") and (FIGURE_DIR / f"{node.module}.py").is_file():
                deps.append(FIGURE_DIR / f"{node.module}.py")
    return tuple(deps)


def dependencies(name: str) -> list[Path]:
    """Every local source file figure ``name`` uses, found through its imports.

    Remembered with each file's modification time: a file's imports change only when
    the file does, so the walk is redone only after one of the files it found changed.
    """
    memo = _DEPENDENCIES.get(name)
    if memo is not None and all(_mtime(path) == mtime for path, mtime in memo):
        return [path for path, _ in memo]
    def follow(path: Path) -> tuple[Path, ...]:
        if path == PACKAGE_DIR / "__init__.py":  # it imports everything; names are
            return ()  # resolved per object
        return _direct_deps(path, path.stat().st_mtime_ns)

    found = sorted(_reachable(FIGURE_DIR / f"{name}.py", follow))
    _DEPENDENCIES[name] = tuple((path, _mtime(path)) for path in found)
    return found


_DEPENDENCIES: dict[str, tuple[tuple[Path, int], ...]] = {}


def _reachable(start: Path, follow: Callable[[Path], Iterable[Path]]) -> set[Path]:
    """Every path reached from ``start`` by ``follow`` (a path's next paths), ``start`` included."""
    seen: set[Path] = set()
    todo = [start]
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo += follow(path)
    return seen


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return -1


def _digest(name: str) -> str:
    """Cache key of figure ``name``: matplotlib's version and the files it is drawn from.

    The files are read again only when one of them changed (by size or modification
    time), so both languages and every build of a ``make docs`` session hash them once.
    """
    paths = [Path(__file__).resolve(), NARROW, *dependencies(name)]
    return _digest_of(tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in paths))


@functools.cache
def _digest_of(stamps: tuple[tuple[Path, int, int], ...]) -> str:
    import matplotlib

    h = hashlib.sha256()
    h.update(matplotlib.__version__.encode())
    for path, _mtime, _size in stamps:
        h.update(str(path.relative_to(ROOT)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


_modules: dict[tuple[str, str], ModuleType] = {}


def _load_script(name: str) -> ModuleType:
    """Import a figure script once per content version.

    Both languages of a figure are drawn from the same module object, so a
    script can cache its expensive computation (``functools.cache``) and train
    a model once for the two images.
    """
    key = (name, _digest(name))
    if key not in _modules:
        _modules[key] = _import_script(name)
    return _modules[key]


def _import_script(name: str) -> ModuleType:
    path = FIGURE_DIR / f"{name}.py"
    if str(FIGURE_DIR) not in sys.path:
        sys.path.insert(0, str(FIGURE_DIR))  # so scripts can import their _helpers
    spec = importlib.util.spec_from_file_location(f"dlref_figure_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "draw", None)):
        raise FigureError(f"{path.relative_to(ROOT)} must define draw(lang) -> Figure")
    return module


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _strict(where: str) -> Iterator[None]:
    """Turn warnings and matplotlib's logged warnings into a FigureError."""
    handler = _Collect()
    mpl_log = logging.getLogger("matplotlib")
    mpl_log.addHandler(handler)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                yield
            except Warning as w:
                raise FigureError(f"{where}: {type(w).__name__}: {w}") from w
    finally:
        mpl_log.removeHandler(handler)
    if handler.messages:
        raise FigureError(f"{where}: matplotlib warned: " + "; ".join(handler.messages))


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Single-threaded BLAS while drawing.

    The figures train small networks; on a 2-core laptop OpenBLAS threads make
    those small matrix products several times slower, not faster.
    threadpoolctl comes with scikit-learn (the ``docs`` extra).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn always brings it
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield


def render(name: str, lang: str, fmt: str = "svg", narrow: bool = False) -> bytes:
    """Draw figure ``name`` in ``lang`` and return the encoded image (``narrow``: its phone
    layout)."""
    return render_variants(name, lang, fmt)[1 if narrow else 0]


def render_variants(
    name: str, lang: str, fmt: str = "svg", stage: Callable[[str], object] = lambda _: None
) -> tuple[bytes, bytes]:
    """Figure ``name`` in ``lang``, encoded, for the wide column and for a phone.

    ``draw`` runs once; the phone layout (``docs/figures/_narrow.py``, or the script's
    own ``narrow(fig, lang)``) rearranges the same figure, and a text outside it or on
    top of another fails the build. ``stage`` is called with each stage's name as it
    ends (``benchmarks/figure_costs.py`` times them).
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import rc_context

    _load_fonts()
    rc: dict[str, Any] = {
        "font.family": FONT_FAMILY[lang],
        "axes.unicode_minus": True,
        "svg.fonttype": "path",
        "svg.hashsalt": f"dlref-{name}-{lang}",
        "figure.dpi": 100,
    }
    where = f"docs/figures/{name}.py ({lang})"
    metadata = {"Date": None} if fmt == "svg" else {}

    def save(fig: Any) -> bytes:
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, metadata=metadata)
        return buf.getvalue()

    with rc_context(rc), _one_blas_thread(), _strict(where), _measure_once():
        script = _load_script(name)
        fig = script.draw(lang)
        stage("draw")
        wide = save(fig)
        stage("wide save")
        import _narrow  # docs/figures is on sys.path once a script is loaded

        own = getattr(script, "narrow", None)
        fig = own(fig, lang) if callable(own) else _narrow.reflow(fig)
        stage("phone layout")
        final = _narrow.final_drawing(fig)  # the phone layout's last trial draw
        if final is None:  # changed since: draw it once more
            with _narrow.drawn_texts() as drawn:
                _narrow.draw(fig, quiet=False)
        else:
            drawn, caught = final
            for w in caught:  # strictly, as if drawn here
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        found = _narrow.problems_in(drawn)
        if found:
            raise FigureError(f"{where}, phone layout: " + "; ".join(found))
        stage("phone check")
        fig.set_layout_engine("none")  # saved as checked: saving lays out no more
        narrow = save(fig)
        stage("phone save")
    return wide, narrow


#: The private matplotlib functions :func:`_measure_once` replaces, by module and name,
#: with the parameters it was written for (matplotlib 3.11's).
_REPLACED = {
    ("matplotlib.text", "_get_text_metrics_with_cache"): (
        "renderer", "text", "fontprop", "ismath", "dpi",
    ),
    ("matplotlib.textpath", "TextToPath.__init__"): ("self",),
}  # fmt: skip
_said: set[str] = set()  # what _replaceable logged in this process


def _replaceable(module: str, name: str) -> bool:
    """Whether ``module.name`` is there with the parameters :data:`_REPLACED` expects.

    When not (a matplotlib release renamed or changed it), :func:`_measure_once` leaves
    it alone: figures are drawn as fast as matplotlib alone draws them, and the same.
    Said once per process at INFO level (a strict build fails on warnings; this is none).
    """
    import inspect

    expected = _REPLACED[module, name]
    found: Any = importlib.import_module(module)
    for part in name.split("."):
        found = getattr(found, part, None)
    try:
        params = list(inspect.signature(found).parameters.values())
    except (TypeError, ValueError):  # None, or no signature to read
        params = []
    names = tuple(p.name for p in params)
    if names == expected and all(p.kind is p.POSITIONAL_OR_KEYWORD for p in params):
        return True
    if f"{module}.{name}" not in _said:
        _said.add(f"{module}.{name}")
        import matplotlib

        got = f"takes ({', '.join(names)})" if found is not None else "is missing"
        log.info(
            "figures: in matplotlib %s, %s.%s %s, not (%s): figures are drawn without the "
            "memo that replaces it (slower, the same images)",
            matplotlib.__version__, module, name, got, ", ".join(expected),
        )  # fmt: skip
    return False


@contextmanager
def _measure_once() -> Iterator[None]:
    """Measure each text once per figure and language, whichever renderer asks.

    matplotlib keeps a text's size per renderer object, and every save makes two new ones
    (a layout pass, then the drawing), so the same tick label was measured again and again;
    a size depends only on the text, its font, the kind of renderer and its dpi (the rc
    settings are fixed inside :func:`render_variants`). Likewise one mathtext parser, whose
    cache otherwise lives and dies with each renderer. The results are the same numbers.
    Both replace private matplotlib names; each is left alone when it is not the function
    this memo was written for (:func:`_replaceable`).
    """
    from matplotlib import text as mtext
    from matplotlib import textpath
    from matplotlib.mathtext import MathTextParser

    patched: list[tuple[Any, str, Any]] = []  # (owner, name, replacement)
    if _replaceable("matplotlib.text", "_get_text_metrics_with_cache"):
        sizes: dict[tuple[Any, ...], tuple[float, float, float]] = {}

        def measured(renderer: Any, text: str, fontprop: Any, ismath: Any, dpi: float) -> Any:
            prop = fontprop.copy()  # as matplotlib's cache: a later change is not seen
            key = (type(renderer), getattr(renderer, "dpi", None), text, prop, ismath, dpi)
            size = sizes.get(key)
            if size is None:
                size = sizes[key] = renderer.get_text_width_height_descent(text, prop, ismath)
            return size

        patched.append((mtext, "_get_text_metrics_with_cache", measured))
    if _replaceable("matplotlib.textpath", "TextToPath.__init__"):
        init, parser = textpath.TextToPath.__init__, MathTextParser("path")

        def shared_parser(self: Any) -> None:
            init(self)
            self.mathtext_parser = parser

        patched.append((textpath.TextToPath, "__init__", shared_parser))
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patched]
    for owner, name, new in patched:
        setattr(owner, name, new)  # restored below, whatever happens
    try:
        yield
    finally:
        for owner, name, old in originals:
            setattr(owner, name, old)


VARIANTS = ("", "-narrow")  #: file-name suffixes: the wide column, a phone


def _cache_path(name: str, lang: str, variant: str, key: str) -> Path:
    return CACHE_DIR / f"{name}-{lang}{variant}-{key}.svg"


def ensure(name: str, lang: str) -> tuple[list[Path], bool]:
    """Paths of the cached SVGs (wide, narrow), drawing them first if needed; and
    whether they were drawn."""
    key = _digest(name)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    paths = [_cache_path(name, lang, variant, key) for variant in VARIANTS]
    if all(path.is_file() for path in paths):
        return paths, False
    for variant, data in zip(VARIANTS, render_variants(name, lang), strict=True):
        for stale in CACHE_DIR.glob(f"{name}-{lang}{variant}-*.svg"):
            if len(stale.stem) == len(f"{name}-{lang}{variant}-{key}"):  # not the other variant
                stale.unlink()
        path = _cache_path(name, lang, variant, key)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    return paths, True


# --- MkDocs events ---------------------------------------------------------------


def _cached(name: str, lang: str) -> bool:
    key = _digest(name)
    return all(_cache_path(name, lang, variant, key).is_file() for variant in VARIANTS)


def _workers() -> int:
    env = os.environ.get("DLREF_FIGURE_WORKERS")
    if env:
        return max(1, int(env))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _groups(names: list[str]) -> list[list[str]]:
    """``names`` in groups that share a ``_*_runs.py`` helper, the largest group first.

    A figure belongs with the helpers its own script imports (and the helpers those
    import, short of another ``_runs`` helper): a helper imported only for a shared
    data split, as ``_bias_variance_runs``, does not pull its importers' figures along.
    """
    by_helper: dict[tuple[str, ...], list[str]] = {}
    for name in names:
        by_helper.setdefault(_own_runs(name) or (name,), []).append(name)
    return sorted(by_helper.values(), key=len, reverse=True)


def _own_runs(name: str) -> tuple[str, ...]:
    """The ``_runs`` helpers figure ``name`` reaches through other ``docs/figures`` helpers."""
    runs: set[str] = set()

    def follow(path: Path) -> list[Path]:
        local = [d for d in _direct_deps(path, path.stat().st_mtime_ns) if d.parent == FIGURE_DIR]
        runs.update(d.stem for d in local if d.stem.endswith("_runs"))
        return [d for d in local if not d.stem.endswith("_runs")]

    _reachable(FIGURE_DIR / f"{name}.py", follow)
    return tuple(sorted(runs))


def draw_in_workers(groups: list[list[str]], workers: int) -> None:
    """Draw the groups of figures in ``workers`` processes; FigureError if one fails.

    Each worker is handed the next group as soon as it has drawn the last (the largest
    groups go first), so the workers finish at about the same time whatever a group costs.
    """
    import selectors
    import tempfile
    from contextlib import ExitStack

    todo = list(groups)
    busy: dict[Any, tuple[subprocess.Popen[str], Any, list[str]]] = {}
    failures = []
    with ExitStack() as stack:
        sel = stack.enter_context(selectors.DefaultSelector())
        tmp = stack.enter_context(tempfile.TemporaryDirectory())

        def give(proc: subprocess.Popen[str], err: Any) -> None:
            assert proc.stdin is not None and proc.stdout is not None
            if not todo:
                sel.unregister(proc.stdout)
                _finish(proc)  # the worker reads the end of its input and exits
                return
            group = todo.pop(0)
            busy[proc.stdout] = (proc, err, group)
            try:
                proc.stdin.write(" ".join(group) + "\n")
                proc.stdin.flush()
            except BrokenPipeError:  # the worker died: its stdout ends, its stderr says why
                pass

        for i in range(min(workers, len(groups))):
            err = stack.enter_context(open(Path(tmp) / f"worker{i}.err", "w+"))
            proc = subprocess.Popen(
                [sys.executable, str(Path(__file__).resolve()), "--serve"],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
            )
            assert proc.stdout is not None
            sel.register(proc.stdout, selectors.EVENT_READ)
            give(proc, err)
        while busy:
            for key, _ in sel.select():
                proc, err, group = busy.pop(key.fileobj)
                if key.fileobj.readline().strip() == "done":  # type: ignore[union-attr]
                    give(proc, err)
                    continue
                sel.unregister(key.fileobj)
                _finish(proc)
                err.seek(0)
                failures.append(f"drawing {', '.join(group)} failed:\n{err.read().strip()}")
    if failures:
        raise FigureError("\n".join(failures))


def _finish(proc: subprocess.Popen[str]) -> None:
    """Close a worker's input, wait for it to exit, close its output."""
    assert proc.stdin is not None and proc.stdout is not None
    try:
        proc.stdin.close()
    except BrokenPipeError:  # it had died
        pass
    proc.wait()
    proc.stdout.close()


def on_files(files: Any, config: Any) -> Any:
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    missing = [n for n in figure_names() if not all(_cached(n, lang) for lang in LANGS)]
    for module, name in _REPLACED if missing else ():  # said here: workers' logs are not shown
        _replaceable(module, name)
    if len(missing) > 1 and _workers() > 1:
        try:
            draw_in_workers(_groups(missing), _workers())
        except FigureError as exc:
            raise PluginError(str(exc)) from exc
        log.info("figures: drew %d figure(s) in worker processes", len(missing))
    drawn = 0
    for name in figure_names():
        for lang in LANGS:
            try:
                paths, was_drawn = ensure(name, lang)
            except FigureError as exc:
                raise PluginError(str(exc)) from exc
            drawn += was_drawn
            for variant, path in zip(VARIANTS, paths, strict=True):
                uri = f"figures/{name}-{lang}{variant}.svg"
                if files.get_file_from_path(uri) is None:
                    files.append(File.generated(config, uri, abs_src_path=str(path)))
    if drawn:
        log.info("figures: drew %d image(s), the rest came from .cache/figures", drawn)
    return files


#: A figure as Markdown puts it in the page: ``<img alt=".." src="../figures/NAME-LANG.svg" />``.
_IMG = re.compile(
    r'<img (?P<before>[^>]*?)src="(?P<src>[^"]*figures/[a-z0-9_]+-(?:ko|en))\.svg"(?P<after>[^>]*)>'
)
#: Where the phone layout is shown: a column narrower than 720 px.
NARROW_MEDIA = "(max-width: 44.9375em)"


def on_page_content(html: str, **kwargs: Any) -> str:
    """Offer each figure's phone layout to a narrow screen (``<picture>``)."""
    return _IMG.sub(
        lambda m: (
            f'<picture><source media="{NARROW_MEDIA}" data-media="{NARROW_MEDIA}" '
            f'srcset="{m["src"]}-narrow.svg" '
            f'type="image/svg+xml"><img {m["before"]}src="{m["src"]}.svg"{m["after"]}></picture>'
        ),
        html,
    )


if __name__ == "__main__":  # pragma: no cover - a developer's preview tool
    if sys.argv[1:] == ["--serve"]:  # a worker of the build: a group of names a line
        sys.path.insert(0, str(ROOT))
        reply = os.fdopen(os.dup(1), "w")  # "done" after each group; and what a script
        os.dup2(2, 1)  # prints goes to stderr, not into the replies
        sys.stdout = sys.stderr
        try:
            for line in sys.stdin:
                for fig in line.split():
                    for lang in LANGS:
                        ensure(fig, lang)
                print("done", file=reply, flush=True)
        except FigureError as exc:
            sys.exit(str(exc))
        sys.exit(0)
    narrow = "--narrow" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--narrow"]
    if len(args) != 3:
        sys.exit("usage: python docs/hooks/figures.py [--narrow] NAME LANG OUT.png")
    out = Path(args[2])
    out.write_bytes(render(args[0], args[1], fmt=out.suffix.lstrip(".") or "png", narrow=narrow))
    print(out)
