"""Experiments (admins): the org's hold-out experiments, a form to start one, and each one's
results with their guards; the same service as `/api/v1/experiments`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template

from server.admin import web
from server.core.errors import DomainError, NotFound
from server.core.runtime import Runtime
from server.experiments import rules
from server.experiments import schemas as xw
from server.experiments import service as experiments

PAGE = "Experiments"
FIELDS = ("name", "unit", "metric", "variant", "holdout_pct", "start", "end", "min_days")
UNITS = [("rep", "Reps (each rep is a unit)"), ("team", "Teams (whole teams share an arm)")]
METRICS = [("activity", "Activity (units logged)"), ("won_value", "Won value"),
           ("attainment", "Attainment of the weekly points target")]


def _spec(form: dict[str, str], withheld: list[str]) -> dict[str, Any]:
    pct = form.get("holdout_pct", "")
    try:
        share: Any = round(float(pct) / 100.0, 4)
    except ValueError:
        raise web.FieldErrors({"holdout_pct": "A number of percent."}) from None
    spec: dict[str, Any] = {k: form[k] for k in ("name", "unit", "metric", "start", "end") if form.get(k)}
    spec.setdefault("name", "")
    spec["holdout_share"] = share
    spec["variants"] = [{"name": form.get("variant") or "", "program": {m: False for m in withheld}}]
    if form.get("min_days"):
        spec["min_days"] = form["min_days"]
    return spec


class ExperimentsController(Controller):
    path = "/admin/experiments"
    include_in_schema = False

    @get("/", name="admin_experiments")
    async def index(self, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        v = await web.viewer(request, rt, page=PAGE)
        return await _list(rt, v, {}, None)

    @post("/", status_code=200)
    async def create(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        v = await web.viewer(request, rt, page=PAGE)
        form = await request.form()
        values = {k: str(form.get(k) or "").strip() for k in FIELDS}
        withheld = [m for m in rules.MECHANICS if form.get(f"withhold_{m}")]
        try:
            if not withheld:
                raise web.FieldErrors({"_form": "Withhold at least one mechanic from the variant."})
            data = web.convert(_spec(values, withheld), xw.ExperimentIn)
            row = await experiments.create(rt, v.principal, experiments.spec_of(data))
        except (web.FieldErrors, DomainError) as exc:
            errors = exc.errors if isinstance(exc, web.FieldErrors) else web.field_errors(exc)
            if "variants" in errors:
                errors["variant"] = errors.pop("variants")
            if "holdout_share" in errors:
                errors["holdout_pct"] = "Between 5 and 90."
                errors.pop("holdout_share")
            t = await _list(rt, v, errors, values | {f"withhold_{m}": "1" for m in withheld})
            t.status_code = exc.status_code if isinstance(exc, DomainError) else 400
            return t
        return web.redirect(f"/admin/experiments/{row.id}")

    @get("/{experiment_id:int}", name="admin_experiment")
    async def one(self, experiment_id: int, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        v = await web.viewer(request, rt, page=PAGE)
        return await _one(rt, v, experiment_id, None)

    @post("/{experiment_id:int}/{action:str}", status_code=303)
    async def action(
        self, experiment_id: int, action: str, request: Request[Any, Any, Any], rt: Runtime
    ) -> Redirect | Template:
        v = await web.viewer(request, rt, page=PAGE)
        if action != "stop":
            raise NotFound("action_not_found", f"no action '{action}'")
        try:
            await experiments.stop(rt, v.principal, experiment_id)
        except DomainError as exc:
            if isinstance(exc, NotFound):
                raise
            t = await _one(rt, v, experiment_id, exc.message)
            t.status_code = exc.status_code
            return t
        return web.redirect(f"/admin/experiments/{experiment_id}")


async def _list(rt: Runtime, v: web.Viewer, errors: dict[str, str], values: dict[str, str] | None) -> Template:
    rows = await experiments.list_all(rt, v.principal)
    today = await experiments.today_of(rt, v.principal.org_id)
    shown = values or {
        "unit": "rep", "metric": "activity", "variant": "no_missions", "holdout_pct": "50",
        "start": today.isoformat(), "end": (today + timedelta(days=27)).isoformat(),
        "min_days": str(rules.MIN_RUN_DAYS), "withhold_missions": "1",
    }
    return web.page(
        "experiments.html", v, PAGE, experiments=[(r, experiments.status_of(r, today)) for r in rows],
        values=shown, errors=errors, units=UNITS, metrics=METRICS, mechanics=list(rules.MECHANICS.items()),
    )


async def _one(rt: Runtime, v: web.Viewer, experiment_id: int, error: str | None) -> Template:
    res = await experiments.results(rt, v.principal, experiment_id)
    rows = await experiments.assignments(rt, v.principal, experiment_id)
    counts = {a["name"]: 0 for a in res.experiment.arms}
    for r in rows:
        counts[r.arm] += 1
    return web.page("experiment.html", v, PAGE, e=res.experiment, r=res, counts=counts, error=error)
