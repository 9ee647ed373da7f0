"""`prefect.yaml` deploys the flows that exist, with parameters they take and a valid cron."""

from __future__ import annotations

import inspect
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_every_deployment_names_a_flow_its_parameters_and_a_pool() -> None:
    from prefect import Flow
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.flows import load_flow_from_entrypoint

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    names = set()
    for deployment in config["deployments"]:
        flow = load_flow_from_entrypoint(str(ROOT / deployment["entrypoint"]))
        assert isinstance(flow, Flow), deployment["entrypoint"]
        accepted = set(inspect.signature(flow.fn).parameters)
        assert set(deployment.get("parameters") or {}) <= accepted, deployment["name"]
        for schedule in deployment.get("schedules") or []:
            CronSchedule(cron=schedule["cron"], timezone=schedule.get("timezone"))
        assert deployment["work_pool"]["name"] == "backtax"
        names.add(f"{flow.name}/{deployment['name']}")
    assert "backtax-batch/nightly" in names  # the deployment serve and the docs name
