"""The four one-click responses to an alert. Each calls the feature that owns what it changes
through that feature's public service: a micro-contest (contests), easier missions (habits),
a kudos draft or kudos (social), or a note for the next 1:1 (this feature's own table)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Row

from server.accounts.models import User
from server.contests import service as contests
from server.core.auth import Principal
from server.core.errors import DomainError
from server.core.runtime import Runtime
from server.habits import service as habits
from server.insights import rules as r
from server.insights import store as repo
from server.insights.settings import thresholds_of
from server.ledger.types import types_of
from server.social import kudos
from server.targets import service as targets
from server.targets.rules import POINTS

#: How far back a rep's level (for the micro-contest bracket) and best work (for kudos) are read.
RECENT_DAYS = 28


@dataclass(frozen=True, slots=True)
class Request:
    """What the manager asked for (`schemas.ActionIn`, as plain values)."""

    action: str
    days: int | None = None
    size: int | None = None
    metric: str | None = None
    prize_points: int | None = None
    pct: int | None = None
    message: str | None = None
    send: bool = False
    points: int | None = None


async def micro_contest(rt: Runtime, principal: Principal, rep: User, peers: list[User], req: Request,
                        today: date) -> dict[str, Any]:
    """A 2-3 day contest for the rep and the 3-7 reps whose recent points are nearest theirs, live at once."""
    days = req.days or 3
    size = req.size or 6
    if days not in (2, 3):
        raise DomainError("invalid_action", "a micro-contest lasts 2 or 3 days")
    since = today - timedelta(days=RECENT_DAYS)
    metric = await targets.metric_of(rt, principal.org_id, POINTS)
    level = await targets.actuals(rt, principal.org_id, metric, [rep.id] + [p.id for p in peers], since,
                                  today + timedelta(days=1))
    mine = level.get(rep.id, 0)
    nearest = sorted((p for p in peers if p.id != rep.id),
                     key=lambda p: (abs(level.get(p.id, 0) - mine), p.id))[:size - 1]
    if len(nearest) < 3:
        raise DomainError("too_few_reps", "a micro-contest needs at least 4 active reps in the team or org")
    bracket = [rep, *nearest]
    prizes = [{"place": 1, "points": req.prize_points}] if req.prize_points else []
    spec = {"name": f"Sprint: {rep.display_name} and {len(nearest)} more"[:120],
            "description": "A short contest between reps at a similar level right now.",
            "start_date": today, "end_date": today + timedelta(days=days - 1), "format": "individual",
            "metric": req.metric or POINTS, "segments": [f"user:{u.id}" for u in bracket], "prizes": prizes}
    c = await contests.create(rt, principal, spec)
    c = await contests.launch(rt, principal, c.id)
    return {"contest_id": c.id, "name": c.name, "state": c.state, "start_date": c.start_date.isoformat(),
            "end_date": c.end_date.isoformat(), "participants": [u.id for u in bracket],
            "levels": {str(u.id): level.get(u.id, 0) for u in bracket}}


async def easier_missions(rt: Runtime, principal: Principal, rep: User, req: Request) -> dict[str, Any]:
    t = await thresholds_of(rt, principal.org_id)
    pct = req.pct or t.easier_missions_pct
    first, last = await habits.ease_missions(rt, principal, rep.id, pct, req.days or t.easier_missions_days)
    return {"pct": pct, "first_day": first.isoformat(), "last_day": last.isoformat()}


async def best_work(rt: Runtime, org_id: int, rep: User, today: date) -> str:
    """One sentence about the rep's best day of the last four weeks (their most units of one type)."""
    rows = await targets.weekly_by_type(rt, org_id, [rep.id], today - timedelta(days=RECENT_DAYS), today)
    daily = await targets.daily_activity(rt, org_id, [rep.id], today - timedelta(days=RECENT_DAYS),
                                         today + timedelta(days=1))
    mine = daily.get(rep.id, {})
    if not mine or not rows:
        return f"Thank you, {rep.display_name}, for what you bring to the team. How can I help this week?"
    best_day = max(mine, key=lambda d: (mine[d], d))
    by_type: dict[int, int] = {}
    for _, type_id, _, units, _ in rows:
        by_type[type_id] = by_type.get(type_id, 0) + units
    labels = {t.id: t.label.lower() for t in (await types_of(rt, org_id)).values()}
    top = max(by_type, key=lambda k: (by_type[k], -k))
    return (f"Great work, {rep.display_name}: {mine[best_day]} activities on {best_day:%A %d %B} and "
            f"{by_type[top]} {labels.get(top, 'activities')} over the last four weeks. Thank you!")


async def recognize(rt: Runtime, principal: Principal, rep: User, req: Request, today: date) -> dict[str, Any]:
    """A kudos draft from the manager about the rep's best recent work; sent at once with `send`."""
    message = req.message or await best_work(rt, principal.org_id, rep, today)
    draft = {"to_user_id": rep.id, "message": message, "points": req.points or 0}
    if not req.send:
        return {"draft": draft, "sent": False}
    assert principal.user_id is not None  # a manager's token
    given = await kudos.give(rt, principal, principal.user_id, rep.id, message, None, req.points or 0)
    return {"draft": draft, "sent": True, "kudos_id": given.kudos.id, "feed_item_id": given.feed_item_id}


async def check_in(rt: Runtime, principal: Principal, alert: Row[Any], req: Request) -> dict[str, Any]:
    body = req.message or f"1:1 check-in: {alert.reason.replace('_', ' ')} flagged on {alert.day.isoformat()}"
    async with rt.engine.begin() as conn:
        note_id = await repo.insert_note(conn, {
            "org_id": principal.org_id, "user_id": alert.user_id, "author_user_id": principal.user_id,
            "alert_id": alert.id, "body": body, "evidence": {"reason": alert.reason, **alert.evidence},
            "created_at": rt.now()})
    return {"note_id": note_id, "body": body}


def check_request(req: Request) -> None:
    if req.action not in r.ACTIONS:
        raise DomainError("invalid_action", f"action must be one of {', '.join(r.ACTIONS)}")
