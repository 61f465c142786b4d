"""Progress per source: a bar on a terminal, log lines otherwise."""

from __future__ import annotations

import logging

from etl.progress import LogProgress, RichProgress


def test_log_progress_reports_every_n_and_the_end(caplog) -> None:
    sink = LogProgress(every=2)
    with caplog.at_level(logging.INFO, logger="etl.progress"):
        sink.start("mic", 5)
        for n in range(5):
            sink.advance("mic", f"https://mic.gov.vn/{n}.html")
        sink.finish("mic")
    lines = [r.getMessage() for r in caplog.records]
    assert lines == ["mic: fetching 5 new article(s)", "mic: 2/5 articles", "mic: 4/5 articles",
                     "mic: done, 5/5 articles"]


def test_rich_progress_counts_each_source_separately() -> None:
    with RichProgress() as sink:
        sink.start("mic", 3)
        sink.start("thanhhoa", 2)
        for _ in range(3):
            sink.advance("mic", "https://mic.gov.vn/a.html")
        sink.advance("thanhhoa", "https://stttt.thanhhoa.gov.vn/b.aspx")
        sink.advance("unknown", "ignored")
        sink.finish("mic")
    done = {t.description: (t.completed, t.total) for t in sink.bar.tasks}
    assert done == {"mic": (3, 3), "thanhhoa": (1, 2)}
