"""docs/ops: the Grafana dashboard and the Prometheus alert rules load, and they name only
metrics that /metrics serves."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

OPS = Path(__file__).parents[2] / "docs" / "ops"
METRIC = re.compile(r"\baccord_[a-z_]+\b")


def _served(client: TestClient) -> set[str]:
    """Metric names /metrics declares (a labelled family has no samples on an empty
    database, but its HELP and TYPE lines are there)."""
    names = set()
    for family in text_string_to_metric_families(client.get("/metrics").text):
        names.add(f"{family.name}_total" if family.type == "counter" else family.name)
    return names


def test_the_alert_rules_parse_and_name_served_metrics(client: TestClient) -> None:
    rules = yaml.safe_load((OPS / "accord-alerts.yml").read_text())
    [group] = rules["groups"]
    alerts = {rule["alert"]: rule for rule in group["rules"]}
    assert {"AccordOutboxStuck", "AccordPollStale", "AccordSweepBehind"} <= set(alerts)
    for rule in alerts.values():
        assert rule["expr"] and rule["labels"]["severity"] in ("page", "warning")
        assert rule["annotations"]["summary"]
    named = {m for rule in alerts.values() for m in METRIC.findall(rule["expr"])}
    assert named and named <= _served(client)


def test_the_grafana_dashboard_loads_and_names_served_metrics(client: TestClient) -> None:
    dashboard = json.loads((OPS / "accord-dashboard.json").read_text())
    assert dashboard["uid"] == "accord-overview" and dashboard["panels"]
    exprs = [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]
    named = {m for expr in exprs for m in METRIC.findall(expr)}
    served = _served(client)
    assert named <= served
    # Every Accord metric has a panel.
    families = {re.sub(r"_total$", "", name) for name in served if name.startswith("accord_")}
    assert families <= {re.sub(r"_total$", "", name) for name in named}


@pytest.mark.skipif(shutil.which("promtool") is None, reason="promtool not installed")
def test_promtool_checks_and_unit_tests_the_rules() -> None:
    for args in (
        ("check", "rules", "accord-alerts.yml"),
        ("test", "rules", "accord-alerts.test.yml"),
    ):
        result = subprocess.run(
            ["promtool", *args], cwd=OPS, capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, result.stdout + result.stderr
