"""Alerts and the responses to them: who may see and act on which alert, the action's record and
outcome window, and notes for 1:1s."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row

from server.accounts import audit
from server.accounts import service as accounts
from server.accounts.models import User
from server.core.auth import Principal
from server.core.errors import Conflict, DomainError, Forbidden, NotFound
from server.core.runtime import Runtime
from server.insights import actions, outcomes
from server.insights import rules as r
from server.insights import store as repo
from server.insights.settings import thresholds_of
from server.targets import service as targets

MAX_PAGE = 200
STATUSES = ("open", "acted", "dismissed")


@dataclass(frozen=True, slots=True)
class AlertView:
    alert: Row[Any]
    rep: User | None
    actions: list[Row[Any]]
    outcome: dict[str, Any] | None  # of the latest action, as it stands


async def _in_scope(rt: Runtime, principal: Principal, team_id: int | None = None) -> targets.Scope:
    return await targets.scope(rt, principal, team_id)


async def _views(rt: Runtime, org_id: int, rows: list[Row[Any]], reps: dict[int, User]) -> list[AlertView]:
    async with rt.engine.connect() as conn:
        acts = await repo.actions_of(conn, [a.id for a in rows])
    by_alert: dict[int, list[Row[Any]]] = defaultdict(list)
    for x in acts:
        by_alert[x.alert_id].append(x)
    today = await targets.today(rt, org_id)
    out = []
    for a in rows:
        mine = by_alert.get(a.id, [])
        latest = mine[-1] if mine else None
        outcome = None
        if latest is not None:
            outcome = latest.outcome if latest.outcome is not None else await outcomes.measure(rt, org_id, latest,
                                                                                               today)
        out.append(AlertView(a, reps.get(a.user_id), mine, outcome))
    return out


async def list_alerts(rt: Runtime, principal: Principal, *, status: str | None, team_id: int | None,
                      user_id: int | None, before_id: int | None, limit: int) -> list[AlertView]:
    if status is not None and status not in STATUSES:
        raise DomainError("invalid_status", f"status must be one of {', '.join(STATUSES)}")
    if not 1 <= limit <= MAX_PAGE:
        raise DomainError("invalid_limit", f"limit must be between 1 and {MAX_PAGE}")
    sc = await _in_scope(rt, principal, team_id)
    reps = {u.id: u for u in sc.reps}
    ids: list[int] | None = None if sc.team_id is None and user_id is None else list(reps)
    if user_id is not None:
        ids = [user_id] if user_id in reps or sc.team_id is None else []
    async with rt.engine.connect() as conn:
        rows = await repo.alerts(conn, principal.org_id, user_ids=ids, status=status, before_id=before_id, limit=limit)
    return await _views(rt, principal.org_id, rows, reps)


async def _alert_for(rt: Runtime, principal: Principal, alert_id: int) -> tuple[Row[Any], User]:
    """The alert, if the caller manages its rep (another org's or team's alert does not exist for them)."""
    sc = await _in_scope(rt, principal)
    async with rt.engine.connect() as conn:
        a = await repo.alert(conn, principal.org_id, alert_id)
    reps = {u.id: u for u in sc.reps}
    if a is None or (a.user_id not in reps and sc.team_id is not None):
        raise NotFound("alert_not_found", f"alert {alert_id} not found")
    rep = reps.get(a.user_id) or (await accounts.users_by_id(rt, principal.org_id, [a.user_id])).get(a.user_id)
    if rep is None:
        raise NotFound("alert_not_found", f"alert {alert_id} not found")
    return a, rep


async def get_alert(rt: Runtime, principal: Principal, alert_id: int) -> AlertView:
    a, rep = await _alert_for(rt, principal, alert_id)
    return (await _views(rt, principal.org_id, [a], {rep.id: rep}))[0]


async def dismiss(rt: Runtime, principal: Principal, alert_id: int) -> AlertView:
    a, rep = await _alert_for(rt, principal, alert_id)
    async with rt.engine.begin() as conn:
        if not await repo.close_alert(conn, a.id, "dismissed", rt.now(), principal.user_id, only_open=True):
            raise Conflict("alert_closed", f"this alert is already {a.status}")
        await audit.record(rt, conn, principal, "alert", a.id, "dismiss", before={"status": a.status},
                           after={"status": "dismissed"})
        after = await repo.alert(conn, principal.org_id, a.id)
    assert after is not None
    return (await _views(rt, principal.org_id, [after], {rep.id: rep}))[0]


async def act(rt: Runtime, principal: Principal, alert_id: int, req: actions.Request) -> tuple[AlertView, Row[Any]]:
    """Run one response on the alert's rep, record it with its outcome window, mark the alert acted."""
    actions.check_request(req)
    a, rep = await _alert_for(rt, principal, alert_id)
    if a.status == "dismissed":
        raise Conflict("alert_closed", "this alert was dismissed")
    if not rep.active:
        raise Conflict("rep_inactive", "this rep is no longer active")
    org_id = principal.org_id
    today = await targets.today(rt, org_id)
    if req.action == "micro_contest":
        # the rep's team; a team of fewer than 4: everyone the caller manages (an admin: the org)
        team = (await _in_scope(rt, principal, rep.team_id)).reps if rep.team_id is not None else []
        peers = team if len(team) >= 4 else (await _in_scope(rt, principal)).reps
        result = await actions.micro_contest(rt, principal, rep, peers, req, today)
    elif req.action == "easier_missions":
        result = await actions.easier_missions(rt, principal, rep, req)
    elif req.action == "recognize":
        result = await actions.recognize(rt, principal, rep, req, today)
    else:
        result = await actions.check_in(rt, principal, a, req)
    base = a.evidence.get("baseline_per_day") if isinstance(a.evidence, dict) else None
    if base is None:
        base = await _baseline_now(rt, org_id, rep.id, today)
    first, end = outcomes.window_after(today)
    now = rt.now()
    async with rt.engine.begin() as conn:
        action_id = await repo.insert_action(conn, {
            "alert_id": a.id, "org_id": org_id, "user_id": rep.id, "action": req.action,
            "params": {k: v for k, v in asdict(req).items() if v not in (None, False) and k != "action"},
            "result": result, "baseline_per_day": base, "window_first": first, "window_end": end,
            "outcome": None, "measured_at": None, "created_by_user_id": principal.user_id, "created_at": now})
        if a.status == "open":
            await repo.close_alert(conn, a.id, "acted", now, principal.user_id, only_open=True)
        await audit.record(rt, conn, principal, "alert", a.id, req.action, before={"status": a.status},
                           after={"status": "acted" if a.status == "open" else a.status, "user_id": rep.id,
                                  "reason": a.reason, "action_id": action_id}, only_changes=False)
        after = await repo.alert(conn, org_id, a.id)
        done = [x for x in await repo.actions_of(conn, [alert_id]) if x.id == action_id][0]
    assert after is not None
    return (await _views(rt, org_id, [after], {rep.id: rep}))[0], done


async def _baseline_now(rt: Runtime, org_id: int, user_id: int, today: date) -> float | None:
    """The rep's baseline as it stands (for a response to an alert without one in its evidence)."""
    t = await thresholds_of(rt, org_id)
    cal = await targets.calendar(rt, org_id)
    w = r.window_of(cal.last_working_days(today, t.baseline_days), today)
    if w is None:
        return None
    daily = (await targets.daily_activity(rt, org_id, [user_id], w.first, w.end)).get(user_id, {})
    base = r.baseline(daily, w)
    return None if base is None else round(base, 4)


async def notes(rt: Runtime, principal: Principal, user_id: int, limit: int) -> list[Row[Any]]:
    sc = await _in_scope(rt, principal)
    if user_id not in sc.user_ids:
        raise Forbidden("not_in_scope", "that rep is not one you manage")
    if not 1 <= limit <= MAX_PAGE:
        raise DomainError("invalid_limit", f"limit must be between 1 and {MAX_PAGE}")
    async with rt.engine.connect() as conn:
        return await repo.notes(conn, principal.org_id, user_id, limit)
