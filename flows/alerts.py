"""Telling the operator about a bad night, through a Prefect notification block they choose.

Flow hooks (``on_failure``, ``on_crashed``) fire for a failed, timed-out or crashed nightly run;
the quiet-source check runs as a task after the tables are written. The target comes from the
worker's environment (``AlertSettings``): a saved notification block (Slack, Apprise URL for
e-mail/Telegram/…, custom webhook) or a plain webhook URL. A missing or failing target is logged,
never an error: the night's outcome is what the data says, not whether a message got through.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from prefect import task
from prefect.blocks.abstract import NotificationBlock
from prefect.blocks.core import Block
from prefect.blocks.notifications import CustomWebhookNotificationBlock
from prefect.cache_policies import NO_CACHE
from prefect.utilities.urls import url_for

from etl import store
from etl.alerts import quiet_message, quiet_sources
from etl.settings import DEFAULT_SETTINGS, AlertSettings

log = logging.getLogger("etl.alerts")


def alert_target(settings: AlertSettings = DEFAULT_SETTINGS.alerts) -> NotificationBlock | None:
    """The block to notify: the saved one named in the environment, else one made for a webhook URL."""
    slug = os.environ.get(settings.block_env, "").strip()
    if slug:
        return Block.load(slug)
    url = os.environ.get(settings.webhook_env, "").strip()
    if url:
        return CustomWebhookNotificationBlock(
            name="etl-alerts",
            url=url,
            method="POST",
            json_data={"subject": "{{subject}}", "body": "{{body}}"},
            timeout=settings.send_timeout_s,
        )
    return None


def send_alert(subject: str, body: str, settings: AlertSettings = DEFAULT_SETTINGS.alerts) -> bool:
    """Notify the operator's target; True when it accepted the message."""
    try:
        target = alert_target(settings)
        if target is None:
            log.warning(
                "ALERT (no target: set %s or %s): %s\n%s", settings.block_env, settings.webhook_env, subject, body
            )
            return False
        target.notify(body=body, subject=subject)
    except Exception as exc:  # noqa: BLE001 - a lost alert must not change the run's outcome
        log.error("alert %r not delivered: %r", subject, exc)
        return False
    log.info("alert sent: %s", subject)
    return True


def alert_on_bad_end(flow: Any, flow_run: Any, state: Any) -> None:
    """Flow hook (``on_failure`` / ``on_crashed``): say which run ended how, and why."""
    link = url_for(flow_run) or f"flow run {flow_run.id}"
    send_alert(f"{flow.name}: {flow_run.name} {state.name}", f"{state.message or 'no message'}\n{link}")


@task(task_run_name="alert-quiet-sources", cache_policy=NO_CACHE)
def alert_quiet_sources(data_dir: str, settings: AlertSettings = DEFAULT_SETTINGS.alerts) -> dict[str, int]:
    """After the ``runs`` row is written: sources with no new article for ``quiet_nights`` runs."""
    streaks = quiet_sources(store.Tables.at(data_dir), settings.quiet_nights)
    if streaks:
        send_alert(
            f"collect-news: {len(streaks)} source(s) brought nothing new ({', '.join(streaks)})",
            quiet_message(streaks),
            settings,
        )
    return streaks
