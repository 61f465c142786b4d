"""Print what ``extract_article`` returns for every fixture page, one JSON line per page.

Run it before and after a change that must not change extraction (a refactor, a speed-up) and
compare the two files byte for byte: ``python tools/snapshot_extract.py > before.jsonl``.
Pages: the six corpora, the extractor's own pages and launch samples, the fixture sites (every
.html file, listings included), each without adapter and, where the page names one, with it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from etl.extract import extract_article

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [
    "tests/corpus",
    "tests/corpus_wild",
    "tests/corpus_holdout",
    "tests/corpus_final",
    "tests/corpus_last",
    "tests/corpus_fifth",
    "tests/corpus_web",
    "tests/extract/pages",
    "tests/extract/samples",
    "src/etl/fixtures/site",
]


def _gold(page: Path) -> dict:
    exp = page.with_suffix(".json")
    if not exp.exists():
        exp = page.parent / "expected" / (page.stem + ".json")
    return json.loads(exp.read_text(encoding="utf-8")) if exp.exists() else {}


def main() -> int:
    for folder in FOLDERS:
        for page in sorted((ROOT / folder).rglob("*.html")):
            gold = _gold(page)
            url = gold.get("url") or f"https://example.vn/{page.stem}.html"
            for adapter in dict.fromkeys([None, gold.get("adapter")]):
                art = extract_article(page.read_bytes(), url, adapter)
                row = {"page": str(page.relative_to(ROOT)), "adapter": adapter, **art.to_dict()}
                sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
