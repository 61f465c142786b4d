"""``EXTRACTOR_VERSION`` follows the extraction code: a rule, weight or word-list change gives a new
version (so ``etl reprocess`` sees the old rows as stale), a comment or docstring does not."""

from __future__ import annotations

import shutil
from pathlib import Path

import etl
from etl.settings import EXTRACTOR_SERIES, EXTRACTOR_VERSION, extractor_version

PACKAGE = Path(etl.__file__).resolve().parent


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "etl"
    for rel in ("clean.py", "extract", "vocab", "adapters"):
        src = PACKAGE / rel
        if src.is_dir():
            shutil.copytree(src, root / rel, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, root / rel)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_version_is_derived_from_the_shipped_code() -> None:
    assert EXTRACTOR_VERSION == extractor_version()
    assert EXTRACTOR_VERSION.startswith(EXTRACTOR_SERIES + "+") and len(EXTRACTOR_VERSION) > len(EXTRACTOR_SERIES) + 8


def test_a_copy_of_the_code_has_the_same_version(tmp_path: Path) -> None:
    assert extractor_version(_copy(tmp_path)) == EXTRACTOR_VERSION


def test_comments_docstrings_and_layout_keep_the_version(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    title = root / "extract" / "title.py"
    _edit(title, "SHORT_HEADING_WORDS = 3\n", "SHORT_HEADING_WORDS = (  # a comment\n    3\n)\n")
    _edit(title, '"""The headline of a page', '"""Another docstring: the headline of a page')
    assert extractor_version(root) == EXTRACTOR_VERSION


def test_a_weight_a_rule_or_a_vocabulary_word_changes_the_version(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    seen = {EXTRACTOR_VERSION}
    _edit(root / "extract" / "title.py", "OG_TITLE_WEIGHT = 4.0", "OG_TITLE_WEIGHT = 4.5")
    seen.add(extractor_version(root))
    _edit(root / "extract" / "dateline.py", "DATELINE_LOOKBACK = 15", "DATELINE_LOOKBACK = 16")
    seen.add(extractor_version(root))
    (root / "vocab" / "extra.py").write_text('WORDS = ("tin liên quan",)\n', encoding="utf-8")
    seen.add(extractor_version(root))
    assert len(seen) == 4
