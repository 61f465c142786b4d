"""End to end through the Prefect UI, the way an operator works: server, deployments, worker, a click.

A real ``prefect server`` (own PREFECT_HOME and port), the real ``prefect.yaml`` deployed from the
checkout, a process worker, and headless Chromium that opens the demo deployment, checks the run
form, clicks Run → Quick run and follows the run to Completed. The demo deployment is re-deployed
with ``--param data_dir=<tmp>`` so the run writes its Delta tables into a temporary folder, never
into the checkout's data/demo. Screenshots, the run-summary artifact and the timings go to
``screenshots/prefect-ui/`` (gitignored).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import polars as pl
import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(600),
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason=f"{CHROMIUM} not installed (apt-get install chromium; see scripts/browser-test.sh)"),
]

sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the playwright package is not installed (bash scripts/bootstrap.sh browser)")

REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "screenshots" / "prefect-ui"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SOURCES = ("mic", "thanhhoa", "nghean")
#: The per-source task runs of collect-news, named <stage>-<source> (flows/nightly.py).
STAGES = ("discover", "fetch", "extract")
PARAMETER_HELP = ("Source ids to collect", "Listing pages to read per source",
                  "Where raw pages and curated Delta tables are written", "Path of the sources TOML file",
                  "Serve the embedded fixture site")


@dataclass
class Stack:
    """What the fixture started, and where it keeps logs, data and timings."""

    base: str
    env: dict[str, str]
    tmp: Path
    data_dir: Path
    demo_id: str
    logs: dict[str, Path]
    timings: dict[str, float] = field(default_factory=dict)

    def api(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = httpx.request(method, f"{self.base}/api{path}", json=body, timeout=30)
        response.raise_for_status()
        return response.json()

    def log_tail(self, name: str, lines: int = 40) -> str:
        text = self.logs[name].read_text(errors="replace").splitlines()
        return f"--- {name} log (last {lines} lines) ---\n" + "\n".join(text[-lines:])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _prefect() -> list[str]:
    """The prefect CLI of the interpreter running the tests (the project's .venv)."""
    exe = Path(sys.executable).with_name("prefect")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "prefect"]


def _cli(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    done = subprocess.run([*_prefect(), *args], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    assert done.returncode == 0, f"prefect {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _start(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen[bytes]:
    """A long-running prefect command in its own process group, so its children die with it."""
    with log.open("wb") as out:
        return subprocess.Popen([*_prefect(), *args], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)


def _group_alive(pgid: int) -> list[int]:
    """Live (non-zombie) processes of a process group, read from /proc."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def _stop(proc: subprocess.Popen[bytes], interrupts: int, grace_s: float) -> list[int]:
    """SIGINT the group (a worker needs two), then SIGKILL what is left; returns survivors (none)."""
    pgid = proc.pid
    for _ in range(interrupts):
        if proc.poll() is not None:
            break
        os.killpg(pgid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=grace_s)
    if _group_alive(pgid):
        os.killpg(pgid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _group_alive(pgid) and time.monotonic() < deadline:
        time.sleep(0.2)
    return _group_alive(pgid)


def _leftovers(marker: str) -> list[str]:
    """Processes whose command line or environment names this test's temp folder: none may survive."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if (proc / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue
            cmdline = (proc / "cmdline").read_bytes()
            environ = (proc / "environ").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline or marker.encode() in environ:
            command = cmdline.replace(b"\0", b" ").decode(errors="replace")[:160]
            found.append(f"{proc.name}: {command}")
    return found


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Iterator[Stack]:
    """Server → work pool → deploy --all → demo into tmp → nightly schedule paused → worker."""
    tmp = tmp_path_factory.mktemp("prefect-ui")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(tmp / "prefect-home"), PREFECT_API_URL=f"{base}/api",
               PREFECT_SERVER_API_HOST="127.0.0.1", PREFECT_SERVER_API_PORT=str(port),
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_EXTRA_LOGGERS="etl",
               PWD=str(REPO))
    logs = {"server": tmp / "server.log", "worker": tmp / "worker.log"}
    timings: dict[str, float] = {}
    started: list[tuple[subprocess.Popen[bytes], int, float]] = []
    t0 = time.monotonic()
    try:
        started.append((_start(env, logs["server"], "server", "start"), 1, 20))
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(httpx.HTTPError, ValueError):
                if httpx.get(f"{base}/api/health", timeout=2).json() is True:
                    break
            assert started[0][0].poll() is None, Path(logs["server"]).read_text()
            assert time.monotonic() < deadline, "server not healthy after 120 s"
            time.sleep(0.5)
        timings["server healthy"] = time.monotonic() - t0

        t = time.monotonic()
        _cli(env, "work-pool", "create", "etl-process", "--type", "process", "--overwrite")
        _cli(env, "--no-prompt", "deploy", "--all")
        data_dir = tmp / "data"
        _cli(env, "--no-prompt", "deploy", "--name", "demo", "--param", f"data_dir={data_dir}")
        _cli(env, "--no-prompt", "deployment", "schedule", "pause", "--all")
        demo = httpx.get(f"{base}/api/deployments/name/collect-news/demo", timeout=10).json()
        assert demo["parameters"]["data_dir"] == str(data_dir), demo["parameters"]
        timings["work pool + deploy"] = time.monotonic() - t

        started.append((_start(env, logs["worker"], "worker", "start", "--pool", "etl-process"), 2, 10))
        yield Stack(base=base, env=env, tmp=tmp, data_dir=data_dir, demo_id=demo["id"], logs=logs,
                    timings=timings)
    finally:
        t = time.monotonic()
        survivors = [pid for proc, interrupts, grace in reversed(started) for pid in _stop(proc, interrupts, grace)]
        timings["teardown"] = time.monotonic() - t
        timings["total"] = time.monotonic() - t0
        SHOTS.mkdir(parents=True, exist_ok=True)
        summary = "\n".join(f"{k:>28}: {v:6.1f} s" for k, v in timings.items())
        (SHOTS / "timings.txt").write_text(summary + "\n")
        with pytestconfig.pluginmanager.getplugin("capturemanager").global_and_fixture_disabled():
            print(f"\nPrefect UI browser test timings (also in {SHOTS / 'timings.txt'}):\n{summary}")
        deadline = time.monotonic() + 10
        while (left := _leftovers(str(tmp))) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not survivors and not left, f"processes outlived the test: {survivors}\n" + "\n".join(left)


def _runs_of(stack: Stack, deployment_id: str) -> list[dict[str, Any]]:
    return stack.api("POST", "/flow_runs/filter",
                     {"flow_runs": {"deployment_id": {"any_": [deployment_id]}}, "limit": 50})


def _wait_completed(stack: Stack, run_id: str, timeout_s: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        run = stack.api("GET", f"/flow_runs/{run_id}")
        state = run["state"]["type"] if run["state"] else None
        if state == "COMPLETED":
            return run
        assert state not in ("FAILED", "CRASHED", "CANCELLED"), (
            f"flow run {run['name']} ended {state}: {run['state']['message']}\n{stack.log_tail('worker')}")
        time.sleep(1)
    raise AssertionError(f"flow run {run_id} not completed after {timeout_s} s\n{stack.log_tail('worker')}")


def test_quick_run_from_the_ui(stack: Stack, capsys: pytest.CaptureFixture[str]) -> None:
    """Deployments → demo → Run → Quick run ends Completed, with readable names, artifacts and rows."""
    expect = sync_api.expect
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    t = time.monotonic()
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(stack.tmp / "chromium-profile"), executable_path=str(CHROMIUM), headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1400, "height": 1000},
            env={**os.environ, "ETL_BROWSER_TEST_DIR": str(stack.tmp)})
        try:
            page = browser.new_page()
            page.set_default_timeout(30_000)
            page.goto(stack.base + "/")
            page.get_by_role("link", name="Deployments").first.click()
            page.get_by_role("link", name="demo", exact=True).first.click()
            page.wait_for_url(re.compile(rf"/deployments/deployment/{stack.demo_id}"))
            expect(page.get_by_text("flows/nightly.py:collect_news")).to_be_visible()
            expect(page.get_by_role("link", name="collect-news").first).to_be_visible()
            page.screenshot(path=SHOTS / "01-deployment-demo.png", full_page=True)
            stack.timings["browser to deployment page"] = time.monotonic() - t

            page.get_by_role("button", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Custom run").click()
            expect(page.get_by_role("heading", name="Parameters")).to_be_visible()
            for text in PARAMETER_HELP:
                expect(page.get_by_text(text, exact=False).first).to_be_visible()
            expect(page.get_by_text(str(stack.data_dir))).to_be_visible()
            page.screenshot(path=SHOTS / "02-custom-run-form.png", full_page=True)
            page.get_by_role("button", name="Cancel").click()
            page.wait_for_url(re.compile(rf"/deployments/deployment/{stack.demo_id}"))

            before = {run["id"] for run in _runs_of(stack, stack.demo_id)}
            t = time.monotonic()
            clicked_at = datetime.now(UTC)
            page.get_by_role("button", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Quick run").click()
            expect(page.get_by_text("Flow run created")).to_be_visible()
            new = [run for run in _runs_of(stack, stack.demo_id)
                   if run["id"] not in before
                   and datetime.fromisoformat(run["created"]) >= clicked_at - timedelta(seconds=2)]
            assert len(new) == 1, f"expected one new flow run of demo after the click, got {new}"
            run = _wait_completed(stack, new[0]["id"])
            stack.timings["quick run → Completed"] = time.monotonic() - t
            t = time.monotonic()

            started = datetime.fromisoformat(run["expected_start_time"]).astimezone(ZoneInfo("Asia/Ho_Chi_Minh"))
            assert run["name"] == f"demo-{started:%Y-%m-%d}-all"
            page.goto(f"{stack.base}/v2/runs/flow-run/{run['id']}")
            expect(page.get_by_text(run["name"]).first).to_be_visible()
            expect(page.get_by_text("Completed").first).to_be_visible()
            page.screenshot(path=SHOTS / "03-run-completed.png", full_page=True)

            page.get_by_role("tab", name="Task Runs").click()
            for name in [*(f"{stage}-{s}" for s in SOURCES for stage in STAGES), "write-tables", "publish-report"]:
                expect(page.get_by_text(name, exact=True).first).to_be_visible()
            page.screenshot(path=SHOTS / "04-run-task-runs.png", full_page=True)

            page.get_by_role("tab", name="Artifacts").click()
            for key in ("run-summary", "run-sources", "run-data"):
                expect(page.get_by_text(key, exact=True).first).to_be_visible()
            page.screenshot(path=SHOTS / "05-run-artifacts.png", full_page=True)
            page.get_by_text("run-summary", exact=True).first.click()
            expect(page.get_by_role("heading", name=re.compile(r"^Run \S+: completed$"))).to_be_visible()
            page.screenshot(path=SHOTS / "06-artifact-run-summary.png", full_page=True)
            stack.timings["run page checks"] = time.monotonic() - t
        finally:
            browser.close()

    task_names = {tr["name"] for tr in stack.api("POST", "/task_runs/filter",
                                                 {"flow_runs": {"id": {"any_": [run["id"]]}}})}
    assert task_names == {*(f"{stage}-{s}" for s in SOURCES for stage in STAGES), "write-tables", "publish-report",
                          "publish-data-report", "alert-quiet-sources"}
    artifacts = {a["key"]: a for a in stack.api("POST", "/artifacts/filter",
                                                {"artifacts": {"flow_run_id": {"any_": [run["id"]]}}})}
    assert {"run-summary", "run-sources", "run-data", "data-report", "data-report-file"} <= set(artifacts)
    assert artifacts["run-sources"]["type"] == "table"
    summary = artifacts["run-summary"]["data"]
    assert ": completed" in summary.splitlines()[0]
    (SHOTS / "run-summary.md").write_text(summary)

    articles = pl.read_delta(str(stack.data_dir / "curated" / "articles"))
    assert articles.height > 0
    assert set(articles["source_id"].unique()) == set(SOURCES)
    assert run["parameters"]["data_dir"] == str(stack.data_dir), "the demo run must write into the temp folder"
    with capsys.disabled():
        print(f"\nPrefect UI browser test: run {run['name']} Completed, {articles.height} article rows in "
              f"{stack.data_dir}; screenshots in {SHOTS}")
