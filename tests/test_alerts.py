"""Alerts the Prefect way: a failed, crashed or quiet night reaches the operator's webhook.

The receiver is a real HTTP server on 127.0.0.1 (tests/servers/webhook.py); the flows are real
Prefect flow runs; the target is set as an operator would, in the environment.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from servers.webhook import webhook_receiver

from etl import store
from etl.alerts import quiet_message, quiet_sources
from etl.settings import DEFAULT_SETTINGS

ALERTS = DEFAULT_SETTINGS.alerts
ROOT = Path(__file__).parents[1]


def _runs(tables: store.Tables, nights: list[dict[str, int]]) -> None:
    start = datetime(2026, 11, 1, 18, 30, tzinfo=UTC)
    for i, counts in enumerate(nights):
        row = {
            "run_id": f"r{i}",
            "started_at": start + timedelta(days=i),
            "finished_at": start + timedelta(days=i, minutes=20),
            "status": "completed",
            "counts": [{"source_id": s, "stage": "extract", "name": "new", "value": v} for s, v in counts.items()]
            + [{"source_id": s, "stage": "discover", "name": "articles_found", "value": 9} for s in counts],
        }
        store.append(tables.runs, store.frame([row], store.RUNS_SCHEMA), run_id=row["run_id"])


def test_quiet_sources_are_those_with_no_new_article_in_the_last_runs(tmp_path) -> None:
    tables = store.Tables.at(tmp_path)
    assert quiet_sources(tables, 2) == {}
    _runs(
        tables,
        [
            {"mic": 3, "nghean": 0, "hue": 0},
            {"mic": 0, "nghean": 4, "hue": 0},
            {"mic": 0, "nghean": 0, "hue": 0},
            {"mic": 0, "nghean": 2},
        ],
    )
    assert quiet_sources(tables, 2) == {"hue": 3, "mic": 3}
    assert quiet_sources(tables, 4) == {}
    assert "mic: 0 new articles in the last 3 runs" in quiet_message(quiet_sources(tables, 2))


@pytest.fixture
def receiver(monkeypatch):
    with webhook_receiver() as r:
        monkeypatch.delenv(ALERTS.block_env, raising=False)
        monkeypatch.setenv(ALERTS.webhook_env, r.url)
        yield r


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_a_failed_nightly_run_posts_to_the_webhook(receiver, broken_sources: Path, tmp_path: Path) -> None:
    from flows.nightly import collect_news

    state = collect_news(config=str(broken_sources), data_dir=str(tmp_path / "d"), return_state=True)
    assert state.is_failed()
    posts = receiver.received()
    assert len(posts) == 1, posts
    alert = posts[0]["json"]
    assert posts[0]["path"] == "/hooks/etl"
    assert alert["subject"].startswith("collect-news: ") and alert["subject"].endswith(" Failed")
    assert state.message and state.message in alert["body"]


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_a_crashed_run_posts_through_a_saved_notification_block(monkeypatch, receiver) -> None:
    """The block route: a CustomWebhookNotificationBlock saved on the server, named in the env."""
    from prefect import flow
    from prefect.blocks.notifications import CustomWebhookNotificationBlock

    from flows.alerts import alert_on_bad_end
    from flows.nightly import collect_news

    CustomWebhookNotificationBlock(
        name="ops", url=receiver.url + "?via=block", json_data={"subject": "{{subject}}", "body": "{{body}}"}
    ).save("etl-test-alerts", overwrite=True)
    monkeypatch.setenv(ALERTS.block_env, "custom-webhook/etl-test-alerts")
    monkeypatch.delenv(ALERTS.webhook_env)

    @flow(name="crashing-night", on_crashed=[alert_on_bad_end])
    def crashing_night() -> None:
        raise KeyboardInterrupt  # what a worker's SIGINT / an operator's Ctrl-C looks like in the flow

    @flow(name="hung-night", timeout_seconds=1, on_failure=[alert_on_bad_end])
    def hung_night() -> None:
        for _ in range(600):  # a portal that never answers; the timeout, not the loop, ends it
            time.sleep(0.1)  # (Prefect interrupts the flow's thread between two Python steps)

    with pytest.raises(KeyboardInterrupt):
        crashing_night()
    posts = receiver.received()
    assert [p["path"] for p in posts] == ["/hooks/etl?via=block"]
    assert posts[0]["json"]["subject"].startswith("crashing-night: ") and "Crashed" in posts[0]["json"]["subject"]
    started = time.monotonic()
    assert hung_night(return_state=True).is_failed()
    assert time.monotonic() - started < 50
    timed_out = receiver.received()[1]["json"]
    assert timed_out["subject"].startswith("hung-night: ") and "TimedOut" in timed_out["subject"]
    # The nightly flow carries the same hooks and a timeout (a timed-out run ends Failed, hence alerts).
    assert alert_on_bad_end in collect_news.on_crashed_hooks and alert_on_bad_end in collect_news.on_failure_hooks
    assert collect_news.timeout_seconds == ALERTS.flow_timeout_s


@pytest.mark.e2e
@pytest.mark.usefixtures("prefect_harness")
def test_a_source_quiet_two_nights_in_a_row_alerts_on_the_second(receiver, fixture_sites, tmp_path: Path) -> None:
    from flows.nightly import collect_news

    base = fixture_sites["nghean"].base_url
    config = tmp_path / "quiet.toml"
    config.write_text(
        f"""
allow_private_networks = true
[politeness]
min_delay_s = 0.0
[[sources]]
id = "quiet"
name = "Một cổng không còn bài mới"
kind = "province"
start_urls = ["{base}/tin-tuc/hoat-dong-so"]
article_url_pattern = '/khong-co-bai-nao-khop/\\d+\\.html$'
""",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    assert collect_news(config=str(config), data_dir=str(data), return_state=True).is_completed()
    assert receiver.received() == [], "one quiet night is not an alert yet"
    assert collect_news(config=str(config), data_dir=str(data), return_state=True).is_completed()
    posts = receiver.received()
    assert len(posts) == 1, posts
    assert "quiet" in posts[0]["json"]["subject"]
    assert "quiet: 0 new articles in the last 2 runs" in posts[0]["json"]["body"]


def test_prefect_yaml_schedules_maintenance_weekly_and_limits_the_nightly_run() -> None:
    from prefect.cli.deploy._models import PrefectYamlModel

    text = (ROOT / "prefect.yaml").read_text(encoding="utf-8")
    model = PrefectYamlModel.model_validate(yaml.safe_load(text))
    deployments = {d.name: d for d in model.deployments}
    assert deployments["nightly"].concurrency_limit == 1
    maintain = deployments["maintain-weekly"]
    assert maintain.entrypoint == "flows/maintenance.py:maintain_tables"
    (schedule,) = yaml.safe_load(text)["deployments"][[d.name for d in model.deployments].index("maintain-weekly")][
        "schedules"
    ]
    minute, hour, dom, month, dow = schedule["cron"].split()
    assert (dom, month) == ("*", "*") and dow.isdigit(), "weekly: one day of the week"
    assert schedule["timezone"] == "Asia/Ho_Chi_Minh" and schedule["active"] is True
