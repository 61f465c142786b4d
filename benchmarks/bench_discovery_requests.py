"""HTTP requests per night on the embedded fixture site: listing walk vs. feeds and sitemaps.

Each way of discovery runs two nights (discover → collect → write_run, no Prefect) into its own
data dir, and the fixture servers count every request they answer (robots.txt, listing pages,
feeds, sitemaps, articles, 304s included). Night 1 collects every article; night 2 has nothing new,
which is what most nights are. Ways:

* ``listings``  — today's default: the pager walked up to ``max_listing_pages`` (5);
* ``auto``      — the start page, then the feed it announces (thanhhoa Atom, nghean RSS), else
  robots.txt's sitemap index (mic), else the listing walk;
* ``declared``  — ``discover = "feeds"`` / ``"sitemaps"`` with the URL in the sources file (no
  start page): mic reads ``/sitemap-news.xml``, thanhhoa and nghean their feed.

    .venv/bin/python benchmarks/bench_discovery_requests.py
"""

from __future__ import annotations

import logging
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from etl import store
from etl.config import load_config
from etl.fixtures.site import SiteServer, serve_fixture_sites, write_demo_sources
from etl.pipeline import collect_articles, discover_source, new_run_id, open_fetcher, write_run
from etl.raw import RawStore
from etl.settings import DEFAULT_SETTINGS

DECLARED = {
    "mic": 'discover = "sitemaps"\nsitemap_urls = ["{mic}/sitemap-news.xml"]\n',
    "thanhhoa": 'discover = "feeds"\nfeed_urls = ["{thanhhoa}/portal/feed/tin-hoat-dong.xml"]\n',
    "nghean": 'discover = "feeds"\nfeed_urls = ["{nghean}/rss/hoat-dong-so.rss"]\n',
}


def sources_file(servers: dict[str, SiteServer], way: str, folder: Path) -> Path:
    path = write_demo_sources(servers, folder / f"{way}.toml")
    text = path.read_text(encoding="utf-8")
    if way == "auto":
        text = text.replace("max_listing_pages = 5\n", 'max_listing_pages = 5\ndiscover = "auto"\n')
    elif way == "declared":
        blocks = text.split("[[sources]]")
        for i, block in enumerate(blocks[1:], 1):
            sid = block.split('id = "', 1)[1].split('"', 1)[0]
            extra = DECLARED[sid].replace("{" + sid + "}", servers[sid].base_url)
            blocks[i] = block.replace("max_listing_pages = 5\n", "max_listing_pages = 5\n" + extra)
        text = "[[sources]]".join(blocks)
    path.write_text(text, encoding="utf-8")
    return path


def night(config: Path, data: Path) -> None:
    cfg = load_config(config)
    tables, raw = store.Tables.at(data), RawStore(data)
    started = datetime.now(UTC)
    run_id = new_run_id(started)
    batches = []
    for source in cfg.select(None):
        with open_fetcher(source, cfg) as fetcher:
            batch = discover_source(source, fetcher, tables, raw, DEFAULT_SETTINGS, run_id=run_id)
            batches.append(collect_articles(batch, source, fetcher, raw, DEFAULT_SETTINGS, run_id=run_id))
    report = write_run(tables, batches, DEFAULT_SETTINGS, run_id=run_id, started_at=started, parameters={})
    assert report.status == "completed", report.message


def main() -> int:
    logging.basicConfig(level=logging.ERROR)
    rows = []
    with tempfile.TemporaryDirectory() as tmp, serve_fixture_sites() as servers:
        for way in ("listings", "auto", "declared"):
            config = sources_file(servers, way, Path(tmp))
            data = Path(tmp) / way
            for n in (1, 2):
                for s in servers.values():
                    s.requests.clear()
                night(config, data)
                rows += [
                    {"way": way, "night": n, "source": sid, "requests": len(s.requests)} for sid, s in servers.items()
                ]
            stored = pl.read_delta(str(store.Tables.at(data).articles)).height
            rows += [{"way": way, "night": 0, "source": "articles stored", "requests": stored}]
    table = pl.DataFrame(rows)
    requests = table.filter(pl.col("night") > 0)
    wide = requests.pivot(on="source", index=["way", "night"], values="requests").with_columns(
        total=pl.sum_horizontal("mic", "thanhhoa", "nghean")
    )
    stored = dict(table.filter(pl.col("night") == 0).select("way", "requests").iter_rows())
    print("HTTP requests answered by the fixture servers, per night (robots.txt, pages, feeds, 304s)")
    with pl.Config(tbl_rows=20, tbl_hide_dataframe_shape=True, tbl_hide_column_data_types=True):
        print(wide)
    print("articles stored after two nights:", stored)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
