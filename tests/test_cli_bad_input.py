"""Bad input through the real ``etl`` command (a subprocess): exit 2 for input at fault, 1 for a run
that failed, one line naming the path, key or host, and never a traceback.

The table below is the contract (docs/operations.md prints it); each row runs the installed
``etl`` script as an operator would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ETL = str(Path(sys.executable).with_name("etl"))

SOURCE = """
{top}
[politeness]
{politeness}
[[sources]]
id = "{sid}"
name = "Sở Thông tin và Truyền thông thử nghiệm"
kind = "province"
start_urls = ["{start}"]
article_url_pattern = '/tin/[a-z0-9-]+\\.html$'
"""


def sources_file(tmp: Path, *, sid: str = "thu", start: str = "https://stttt.example.gov.vn/tin-tuc",
                 politeness: str = "", top: str = "") -> str:
    path = tmp / "sources.toml"
    path.write_text(SOURCE.format(sid=sid, start=start, politeness=politeness, top=top), encoding="utf-8")
    return str(path)


@dataclass(frozen=True)
class Case:
    """One bad input: the ``etl`` arguments (built in a temp dir), the exit status, the one line."""

    args: Callable[[Path], list[str]]
    exit: int
    message: Callable[[Path], str]
    #: Run as an unprivileged user (root writes anywhere, so "unwritable" needs someone else).
    unprivileged: bool = False


def _file(tmp: Path) -> Path:
    (tmp / "data").write_text("not a directory", encoding="utf-8")
    return tmp / "data"


def _read_only(tmp: Path) -> Path:
    (tmp / "ro").mkdir(mode=0o555)
    (tmp / "ro").chmod(0o555)
    return tmp / "ro"


CASES: dict[str, Case] = {
    "data dir is a file": Case(
        lambda t: ["run", "--config", sources_file(t), "--data-dir", str(_file(t))], 2,
        lambda t: f"etl: data dir {t / 'data'} is a file, not a directory"),
    "data dir under a file": Case(
        lambda t: ["run", "--config", sources_file(t), "--data-dir", str(_file(t) / "sub")], 2,
        lambda t: f"etl: data dir {t / 'data' / 'sub'} cannot be created: a part of its path is a file"),
    "data dir not writable": Case(
        lambda t: ["run", "--config", sources_file(t), "--data-dir", str(_read_only(t))], 2,
        lambda t: f"etl: data dir {t / 'ro'} is not writable: Permission denied", unprivileged=True),
    "--max-listing-pages 101": Case(
        lambda t: ["run", "--config", sources_file(t), "--data-dir", str(t / "d"), "--max-listing-pages", "101"], 2,
        lambda t: "etl: --max-listing-pages must be at most 100 for one run, got 101"),
    "--max-listing-pages 0": Case(
        lambda t: ["run", "--config", sources_file(t), "--max-listing-pages", "0"], 2,
        lambda t: "etl: --max-listing-pages must be ≥ 1"),
    "min_delay_s = -5": Case(
        lambda t: ["run", "--config", sources_file(t, politeness="min_delay_s = -5"), "--data-dir", str(t / "d")], 2,
        lambda t: (f"etl: configuration error: file {t / 'sources.toml'}; key 'politeness.min_delay_s': "
                   "must be >= 0, got -5")),
    "loopback source without allow_private_networks": Case(
        lambda t: ["run", "--config", sources_file(t, sid="local", start="http://127.0.0.1:8080/tin-tuc"),
                   "--data-dir", str(t / "d")], 2,
        lambda t: (f"etl: configuration error: file {t / 'sources.toml'}; source 'local'; key 'start_urls': "
                   "http://127.0.0.1:8080/tin-tuc is a private or loopback address; set allow_private_networks = "
                   "true at the top of the file (local test sites only)")),
    "unknown source id": Case(
        lambda t: ["run", "--config", sources_file(t), "--source", "nope", "--data-dir", str(t / "d")], 2,
        lambda t: (f"etl: configuration error: file {t / 'sources.toml'}; key 'sources': unknown source id(s) "
                   "['nope']; the file declares ['thu']")),
    "sources file missing": Case(
        lambda t: ["run", "--config", str(t / "missing.toml"), "--data-dir", str(t / "d")], 2,
        lambda t: f"etl: configuration error: file {t / 'missing.toml'}: cannot read sources file: "
                  "No such file or directory"),
}


@pytest.fixture
def tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A temp dir every user can enter (pytest's are private to root), removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="etl-bad-input-"))
    path.chmod(0o755)
    yield path
    for p in path.rglob("*"):
        if p.is_dir():
            p.chmod(0o755)
    shutil.rmtree(path)


def run_etl(args: list[str], *, unprivileged: bool = False, env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    prefix: list[str] = []
    if unprivileged and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv is missing: cannot make a directory unwritable")
        prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    return subprocess.run([*prefix, ETL, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **(env or {})}, check=False)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_exits_with_one_line_naming_it(case: str, tmp: Path) -> None:
    spec = CASES[case]
    done = run_etl(spec.args(tmp), unprivileged=spec.unprivileged)
    assert (done.returncode, done.stderr.strip()) == (spec.exit, spec.message(tmp))
    assert done.stdout == ""


@pytest.mark.e2e
def test_unresolvable_host_fails_the_run_saying_dns_without_a_traceback(tmp: Path) -> None:
    """No network (or a lapsed domain): exit 1 after the real flow, the reason is DNS, not robots.txt."""
    host = "stttt.no-such-portal.invalid"
    config = sources_file(tmp, start=f"https://{host}/tin-tuc", politeness="retries = 0")
    done = run_etl(["run", "--config", config, "--data-dir", str(tmp / "d")],
                   env={"PREFECT_HOME": str(tmp / "prefect")}, timeout=240)
    assert done.returncode == 1, done.stderr[-2000:]
    [last] = [line for line in done.stderr.splitlines() if line.startswith("etl: ")]
    assert last.startswith("etl: run Failed: run ") and last.endswith(
        f"thu: no listing page could be read (https://{host}/tin-tuc: DNS lookup failed for host {host})"), last
    assert "Traceback" not in done.stderr and "robots.txt unavailable" not in done.stderr
