"""Contests: the step-by-step create flow (name and format, metric, who takes part, dates,
prizes), ending on a preview of the participants and their brackets as the contest service would
compute them (`contests.lineup`), then "Create draft".

Each step is a form that carries the other steps' values as hidden fields; "Next" checks the
fields met so far through the API's own wire type (`ContestCreate`) and the service's rules,
and shows a refusal on the step and beside the field it is about. Nothing is written before
"Create draft".
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template

from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.admin import web
from server.contests import schemas as cw
from server.contests import service as contests
from server.core.errors import DomainError
from server.core.periods import local_date
from server.core.runtime import Runtime
from server.ledger import types as activity_types

FORMATS = [
    ("individual", "Individual: most wins"),
    ("team", "Team against team"),
    ("target", "Everyone who reaches a target"),
    ("improvement", "Most improved on their baseline"),
    ("head_to_head", "Head to head"),
    ("bracketed", "Bracketed by level"),
]
STEPS = [
    ("format", "Name and format"),
    ("metric", "Metric"),
    ("segment", "Who takes part"),
    ("dates", "Dates"),
    ("prizes", "Prizes"),
    ("preview", "Participants and brackets"),
]
KEYS = [k for k, _ in STEPS]
#: The form's fields, by the step that asks for them.
FIELDS = {
    "format": ("name", "description", "format", "target", "divisions", "bracket"),
    "metric": ("metric",),
    "segment": ("segment",),
    "dates": ("start_date", "end_date"),
    "prizes": ("prize_1", "prize_2", "prize_3"),
}
STEP_OF = {f: step for step, names in FIELDS.items() for f in names} | {
    "segments": "segment",
    "prizes": "prizes",
}
#: Service refusals whose field the error does not name.
CODE_FIELDS = {
    "invalid_format": "format",
    "target_required": "target",
    "invalid_rules": "format",
    "unknown_metric": "metric",
    "invalid_metric": "metric",
    "invalid_measure": "metric",
    "invalid_segment": "segment",
    "team_not_found": "segment",
    "invalid_dates": "end_date",
    "contest_too_long": "end_date",
    "contest_over": "end_date",
    "too_many_rounds": "end_date",
    "invalid_prize": "prize_1",
}


def spec_of(values: dict[str, Any]) -> dict[str, Any]:
    """The wizard's values as the API's contest body."""
    spec: dict[str, Any] = {
        k: values[k]
        for k in ("name", "description", "start_date", "end_date", "format", "metric")
        if values.get(k)
    }
    spec.setdefault("name", "")
    if values.get("segment"):
        spec["segments"] = [values["segment"]]
    for k in ("target", "divisions"):
        if values.get(k):
            spec[k] = _int(values[k])
    if values.get("bracket"):
        spec["bracket"] = True
    prizes = [
        {"place": place, "points": _int(values[f"prize_{place}"])}
        for place in (1, 2, 3)
        if values.get(f"prize_{place}")
    ]
    if prizes:
        spec["prizes"] = prizes
    return spec


def _int(raw: str) -> int | str:
    return int(raw) if raw.isdigit() and len(raw) < 19 else raw


def _errors_of(exc: web.FieldErrors | DomainError) -> dict[str, str]:
    if isinstance(exc, web.FieldErrors):
        errors = exc.errors
    else:
        errors = web.field_errors(exc)
        if exc.code in CODE_FIELDS and not (exc.details or {}).get("field"):
            errors = {CODE_FIELDS[exc.code]: next(iter(errors.values()))}
    out = {}
    for name, message in errors.items():
        name = {"segments": "segment", "prizes": "prize_1"}.get(name, name)
        out[name] = message
    return out


def _first_step(errors: dict[str, str]) -> str:
    return min((STEP_OF.get(f, "preview") for f in errors), key=KEYS.index, default="preview")


class ContestWizardController(Controller):
    path = "/admin/contests/new"
    include_in_schema = False

    @get("/", name="admin_contest_new")
    async def start(self, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        v = await web.viewer(request, rt, page="Contests")
        org = await org_info(rt, v.principal.org_id)
        today = local_date(rt.now(), org.tz)
        values = {
            "start_date": today.isoformat(),
            "end_date": (today + timedelta(days=6)).isoformat(),
            "format": "individual",
            "metric": "points",
        }
        return await _page(rt, v, "format", values, {})

    @post("/", status_code=200)
    async def step(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Contests")
        form = await request.form()
        values = {f: str(form.get(f) or "").strip()[:2000] for names in FIELDS.values() for f in names}
        values["bracket"] = "on" if form.get("bracket") == "on" else ""
        here = str(form.get("step") or "format")
        here = here if here in KEYS else "format"
        go = str(form.get("go") or "next")
        if go == "back":
            return await _page(rt, v, KEYS[max(0, KEYS.index(here) - 1)], values, {})
        target = "create" if go == "create" else KEYS[min(len(KEYS) - 1, KEYS.index(here) + 1)]
        reached = KEYS.index(here)
        try:
            data = web.convert(spec_of(values), cw.ContestCreate)
            built = {k: getattr(data, k) for k in data.__struct_fields__ if k in spec_of(values)}
            if "prizes" in built:
                built["prizes"] = [msgspec.structs.asdict(p) for p in built["prizes"]]
            if target == "create":
                row = await contests.create(rt, v.principal, built)
                return web.redirect(f"/admin/contests/{row.id}")
            lineup = await contests.lineup(rt, v.principal, built)  # the service's checks, every step
        except (web.FieldErrors, DomainError) as exc:
            if isinstance(exc, DomainError) and exc.status_code == 403:
                raise
            errors = _errors_of(exc)
            at = _first_step(errors)
            if target != "create" and target != "preview" and KEYS.index(at) > reached:
                return await _page(rt, v, target, values, {})  # a later step's field: asked for there
            t = await _page(rt, v, at, values, errors)
            t.status_code = exc.status_code if isinstance(exc, DomainError) else 400
            return t
        return await _page(rt, v, target, values, {}, lineup if target == "preview" else None)


async def _page(
    rt: Runtime,
    v: web.Viewer,
    step: str,
    values: dict[str, Any],
    errors: dict[str, str],
    lineup: contests.Lineup | None = None,
) -> Template:
    types = await activity_types.list_activity_types(rt, v.principal)
    teams = {t.id: t.name for t in await accounts.list_teams(rt, v.principal)}
    return web.page(
        "contest_wizard.html",
        v,
        "Contests",
        step=step,
        steps=STEPS,
        fields=FIELDS,
        values=values,
        errors=errors,
        formats=FORMATS,
        metrics=[("points", "Points"), *((t.key, t.label) for t in types if t.active)],
        segments=[("", "The whole org"), *((f"team:{i}", f"Team {n}") for i, n in teams.items())],
        teams=teams,
        lineup=lineup,
    )
