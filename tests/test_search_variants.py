"""The search variants (docs/hooks/search_variants.py) and the query normaliser
(docs/assets/javascripts/workers/dlref-search.js), without building the site.

The browser test types the same forms into the real search box.
"""

from __future__ import annotations

import importlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
NORMALISER = DOCS / "assets/javascripts/workers/dlref-search.js"

if str(DOCS / "hooks") not in sys.path:
    sys.path.insert(0, str(DOCS / "hooks"))  # as mkdocs does while it loads the hooks
sv = importlib.import_module("search_variants")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("initialization", "initialisation"),
        ("Initializations", "Initialisations"),
        ("BatchNormalization", "BatchNormalisation"),
        ("batch_normalization", "batch_normalisation"),
        ("regularizers", "regularisers"),
        ("optimizer", "optimiser"),
        ("normalizing", "normalising"),
        ("standardized", "standardised"),
        ("analyze", "analyse"),
        ("initializ", "initialis"),  # a word being typed
        ("size", "size"),
        ("batch_size", "batch_size"),
        ("seize", "seize"),
        ("citizen", "citizen"),
        ("horizon", "horizon"),
        ("initialisation", "initialisation"),
    ],
)
def test_british_spelling(word: str, expected: str) -> None:
    assert sv.british(word) == expected


def test_solid_forms_of_spaced_korean_terms() -> None:
    assert sv.solid("배치 정규화") == "배치정규화"
    assert sv.solid("지수가중 이동평균") == "지수가중이동평균"
    assert sv.solid("드롭아웃") is None
    assert sv.solid("early stopping") is None  # English words keep their spaces


def _rows(lang: str) -> list[Any]:
    return sv.parse_glossary((DOCS / f"glossary.{lang}.md").read_text("utf-8"))


def test_both_glossaries_give_the_same_terms_and_pages() -> None:
    ko, en = _rows("ko"), _rows("en")
    assert len(ko) > 100
    assert ko == en
    linked = {r.page for r in ko if r.page}
    for page in linked:
        for lang in ("ko", "en"):
            assert (DOCS / f"{page.rstrip('/')}.{lang}.md").is_file(), (page, lang)
    terms = {t: r.page for r in ko for t in r.ko}
    for term, page in [
        ("배치 정규화", "tuning/batchnorm/"),
        ("정규화", "practical/normalizing-inputs/"),
        ("가중치 초기화", "practical/initialization/"),
        ("경사 검사", "practical/gradient-checking/"),
        ("조기 종료", "practical/early-stopping-augmentation/"),
    ]:
        assert terms[term] == page


def test_glossary_cells_split_into_terms() -> None:
    assert sv._terms("Xavier (Glorot) initialization") == ("Xavier initialization", "Glorot")
    assert sv._terms("경사 소실, 경사 폭주") == ("경사 소실", "경사 폭주")
    assert sv._terms("$m$으로 나눈 분산(편향 추정량)") == ()


def test_augment_adds_hidden_variants() -> None:
    glossary = (
        "| 한국어 | English | 메모 |\n| --- | --- | --- |\n"
        "| 배치 정규화 | batch normalization | [페이지](tuning/batchnorm.md) |\n"
        "| 경사 소실 | vanishing gradient | |\n"
    )
    docs = [
        {"location": "tuning/batchnorm/", "title": "배치 정규화: 학습", "text": ""},
        {"location": "a/#x", "title": "절", "text": "<p>경사 소실은 Batch Normalization 논문</p>"},
        {"location": "b/", "title": "드롭아웃", "text": "<p>size initialisation</p>"},
    ]
    ko = sv.augment(docs, "ko", glossary)
    assert ko[0] == dict(
        docs[0],
        title="배치 정규화<span hidden>배치정규화</span>: 학습"
        "<span hidden>배치 정규화 배치정규화 batch normalisation</span>",
    )
    assert ko[1]["text"] == (
        "<p>경사 소실은<span hidden>경사소실</span> "
        "Batch Normalization<span hidden>Normalisation</span> 논문</p>"
    )
    assert ko[2] == docs[2]  # nothing to add
    en = sv.augment(docs, "en", glossary)
    assert en[0]["title"] == "배치 정규화: 학습<span hidden>batch normalisation</span>"
    assert en[1]["text"] == (  # no Korean forms on English pages
        "<p>경사 소실은 Batch Normalization<span hidden>Normalisation</span> 논문</p>"
    )


def test_a_variant_is_added_once_per_entry_and_not_when_present() -> None:
    html = "<p>optimizer, optimizer.</p><p>BatchNormalization and normalisation</p>"
    assert sv.with_variants(html, []) == (
        "<p>optimizer<span hidden>optimiser</span>, optimizer.</p>"
        "<p>BatchNormalization<span hidden>BatchNormalisation</span> and normalisation</p>"
    )


def test_the_separator_is_the_sites() -> None:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    match = re.search(r"^\s+separator: '(.*)'$", config, re.M)
    assert match is not None and match.group(1) == sv.SEPARATOR


def _node(expression: str) -> list[Any]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (the site build needs it for KaTeX)")
    script = f"const n = require({json.dumps(str(NORMALISER))});\nconsole.log(JSON.stringify({expression}))"
    out = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    result: list[Any] = json.loads(out.stdout)
    return result


def test_query_normaliser() -> None:
    cases = {
        "정규화를": "정규화",
        "모멘텀으로": "모멘텀",
        "경사검사에서": "경사검사",
        "배치 정규화의": "배치 정규화",
        "편향과 분산": "편향 분산",
        "차이": "차이",  # one syllable would be left: not a particle
        "드롭아웃": "드롭아웃",
        "initialization": "initialisation",
        "He initializations": "He initialisation",
        "activation functions": "activation function",
        "biases losses batches entropies": "bias loss batch entropy",
        "series bias loss": "series bias loss",
        "+normalized* -optimizers": "+normalised* -optimiser",
        "batchnorm_forward": "batchnorm_forward",
        "BatchNorm1d": "BatchNorm1d",
    }
    got = _node(f"{json.dumps(list(cases))}.map(n.normaliseQuery)")
    assert dict(zip(cases, got, strict=True)) == cases


def test_query_and_index_spell_words_alike() -> None:
    """The JS pattern equals the Python one on every word of the English pages."""
    words = sorted(
        {w for p in DOCS.rglob("*.en.md") for w in re.findall(r"[A-Za-z_]+", p.read_text("utf-8"))}
    )
    got = _node(f"{json.dumps(words)}.map(n.british)")
    differ = [(w, g, sv.british(w)) for w, g in zip(words, got, strict=True) if g != sv.british(w)]
    assert differ == []
    assert sum(sv.british(w) != w for w in words) > 20


def test_the_modules_examples() -> None:
    import doctest

    assert doctest.testmod(sv).failed == 0
