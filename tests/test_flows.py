"""The flows as a person meets them in the Prefect UI: every parameter explained, sensible defaults."""

from __future__ import annotations

import pytest
from prefect.utilities.callables import parameter_schema

from flows.maintenance import maintain_tables, reprocess_news
from flows.nightly import collect_news


@pytest.mark.parametrize("flow", [collect_news, reprocess_news, maintain_tables], ids=lambda f: f.name)
def test_every_parameter_has_a_description_and_a_default(flow) -> None:
    props = parameter_schema(flow).model_dump()["properties"]
    assert props
    for name, prop in props.items():
        assert len(prop.get("description", "")) > 20, name
        assert "default" in prop, name


def test_nightly_limits_are_enforced_by_the_form() -> None:
    props = parameter_schema(collect_news).model_dump()["properties"]
    limits = props["max_listing_pages"]["anyOf"][0]
    assert (limits["minimum"], limits["maximum"]) == (1, 100)
    assert props["data_dir"]["default"] == "data" and props["fixture_site"]["default"] is False
