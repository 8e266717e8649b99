"""Every metric is documented (docs/observability.md, with its labels) and shown on the Grafana
dashboard (docs/grafana-dashboard.json); no label can take an unbounded id."""

from __future__ import annotations

import json
import re

from prometheus_client.metrics import MetricWrapperBase

from server.cli import ROOT
from server.core.observability import metrics

DOC = (ROOT / "docs" / "observability.md").read_text()
DASHBOARD = json.loads((ROOT / "docs" / "grafana-dashboard.json").read_text())
ALL = [m for m in vars(metrics).values() if isinstance(m, MetricWrapperBase)]
#: Labels whose values are a fixed set (route templates, methods, statuses, job names, codes).
BOUNDED = {"method", "route", "status", "outcome", "path", "result", "job_name", "kind", "provider"}


def exposed(m: MetricWrapperBase) -> str:
    return m._name + ("_total" if m._type == "counter" else "")


def test_every_metric_is_documented_with_its_type_and_labels():
    assert len(ALL) >= 20
    for m in ALL:
        row = next((ln for ln in DOC.splitlines() if ln.startswith(f"| `{exposed(m)}` |")), None)
        assert row is not None, f"{exposed(m)} is not in docs/observability.md"
        assert f"| {m._type} |" in row, row
        for label in m._labelnames:
            assert f"`{label}`" in row, (label, row)


def test_every_metric_is_on_the_dashboard():
    exprs = " ".join(t["expr"] for p in DASHBOARD["panels"] for t in p.get("targets", []))
    for m in ALL:
        assert re.search(rf"\b{m._name}(_total|_bucket)?\b", exprs), f"{m._name} is on no dashboard panel"
    ids = [p["id"] for p in DASHBOARD["panels"]]
    assert len(ids) == len(set(ids))


def test_labels_are_bounded():
    for m in ALL:
        assert set(m._labelnames) <= BOUNDED, (m._name, m._labelnames)
        assert m._name.startswith("reprally_")
