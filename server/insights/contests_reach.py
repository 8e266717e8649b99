"""Running contests and who can still reach a prize at their pace (insights.rules.reach), read
through the contests feature's public service."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from server.contests import service as contests
from server.core.auth import Principal
from server.core.runtime import Runtime
from server.insights import rules as r
from server.insights.settings import thresholds_of

#: Formats ranked on something other than the rep's own total: reach is not measured for them.
UNMEASURED = ("team", "head_to_head", "improvement")
MAX_CONTESTS = 200


@dataclass(frozen=True, slots=True)
class ContestReach:
    contest_id: int
    name: str
    format: str
    ends_at: datetime
    elapsed: float  # share of the contest gone
    participants: int  # in the scope asked for
    within: list[int]
    out: list[int]
    standings: dict[int, r.Standing]
    lines: dict[str, float | None]  # per group ("" for the whole contest): the prize line
    note: str | None = None


def _prize_rules(c_format: str, rules_json: dict[str, object]) -> tuple[int, list[int]]:
    prizes = rules_json.get("prizes") or []
    assert isinstance(prizes, list)
    places = max((int(p["place"]) for p in prizes if isinstance(p, dict) and p.get("place")), default=0)
    thresholds = [int(p["threshold"]) for p in prizes if isinstance(p, dict) and p.get("threshold")]
    target = rules_json.get("target")
    if c_format == "target" and isinstance(target, int):
        thresholds.append(target)
    return places, thresholds


async def running(rt: Runtime, principal: Principal, scope_ids: set[int]) -> list[ContestReach]:
    """Each live contest with participants in scope, and which of them can still reach a prize."""
    stretch = (await thresholds_of(rt, principal.org_id)).reach_stretch_pct
    _, live = await contests.list_contests(rt, principal, ["live"], MAX_CONTESTS, 0)
    now = rt.now()
    out = []
    for c in live:
        st = await contests.channel_standings(rt, principal.org_id, c.id)
        mine = [row for row in st.rows if row.user_id in scope_ids]
        if not mine:
            continue
        length = (c.ends_at - c.starts_at).total_seconds()
        elapsed = min(1.0, max(0.0, (now - c.starts_at).total_seconds() / length)) if length > 0 else 1.0
        standings = {row.user_id: r.Standing(row.user_id, row.total, row.place, row.group) for row in st.rows}
        if c.format in UNMEASURED:
            out.append(ContestReach(c.id, c.name, c.format, c.ends_at, elapsed, len(mine), [], [], standings, {},
                                    note=f"reach is not measured for {c.format.replace('_', '-')} contests"))
            continue
        places, thresholds = _prize_rules(c.format, c.rules or {})
        groups: dict[str, list[r.Standing]] = defaultdict(list)
        for s in standings.values():
            groups[(s.group or "") if c.format == "bracketed" else ""].append(s)
        within: list[int] = []
        outside: list[int] = []
        lines: dict[str, float | None] = {}
        for g, members in sorted(groups.items()):
            found = r.reach(members, elapsed, stretch, places, thresholds)
            lines[g] = found.line
            within += [u for u in found.within if u in scope_ids]
            outside += [u for u in found.out if u in scope_ids]
        out.append(ContestReach(c.id, c.name, c.format, c.ends_at, elapsed, len(mine), sorted(within),
                                sorted(outside), standings, lines))
    return out
