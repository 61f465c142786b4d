"""Per-source progress: a live bar on a terminal, plain log lines everywhere else.

The CLI chooses the sink once (a terminal or not); the pipeline only reports events, so the
library never writes to the terminal itself and a Prefect worker just gets log lines.
"""

from __future__ import annotations

import logging
import threading
from typing import Protocol

log = logging.getLogger(__name__)


class ProgressSink(Protocol):
    def start(self, source_id: str, total: int) -> None: ...
    def advance(self, source_id: str, url: str) -> None: ...
    def finish(self, source_id: str) -> None: ...


class LogProgress:
    """Log a line every ``every`` articles and at the end of each source."""

    def __init__(self, every: int = 10) -> None:
        self.every = every
        self._done: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()

    def start(self, source_id: str, total: int) -> None:
        with self._lock:
            self._done[source_id] = (0, total)
        log.info("%s: fetching %d new article(s)", source_id, total)

    def advance(self, source_id: str, url: str) -> None:
        with self._lock:
            done, total = self._done.get(source_id, (0, 0))
            self._done[source_id] = (done + 1, total)
        if (done + 1) % self.every == 0:
            log.info("%s: %d/%d articles", source_id, done + 1, total)

    def finish(self, source_id: str) -> None:
        done, total = self._done.get(source_id, (0, 0))
        log.info("%s: done, %d/%d articles", source_id, done, total)


class RichProgress:
    """One bar per source (rich), for a person watching ``etl run`` in a terminal."""

    def __init__(self) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(TextColumn("{task.description:<12}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), TextColumn("{task.fields[url]}", style="dim"),
                            transient=False)
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> RichProgress:
        self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()

    def start(self, source_id: str, total: int) -> None:
        self._tasks[source_id] = self.bar.add_task(source_id, total=total, url="")

    def advance(self, source_id: str, url: str) -> None:
        if source_id in self._tasks:
            self.bar.update(self._tasks[source_id], advance=1, url=url[-60:])

    def finish(self, source_id: str) -> None:
        if source_id in self._tasks:
            self.bar.update(self._tasks[source_id], url="done")


_sink: ProgressSink = LogProgress()


def current() -> ProgressSink:
    return _sink


def use(sink: ProgressSink) -> None:
    global _sink
    _sink = sink
