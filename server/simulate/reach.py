"""Who can still reach a prize in a live contest, by the insights' reach rule
(`server/insights/rules.py` `reach`: the projected final at the rep's pace, stretched by 30%,
against the prize line), applied per division for bracketed contests, to the threshold for
target contests, and to projected improvement percentages for improvement contests (which the
insights leave unmeasured)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from server.contests.service import Standings
from server.insights import rules as r

STRETCH_PCT = 30


@dataclass(frozen=True, slots=True)
class Reach:
    within: set[int]
    holds_prize: set[int]
    safe_lead: set[int]


def _places(rules_json: dict[str, object]) -> tuple[int, list[int]]:
    prizes = rules_json.get("prizes") or []
    assert isinstance(prizes, list)
    places = max((int(p["place"]) for p in prizes if isinstance(p, dict) and p.get("place")), default=0)
    thresholds = [int(p["threshold"]) for p in prizes if isinstance(p, dict) and p.get("threshold")]
    return places, thresholds


def of(st: Standings, elapsed: float, safe_ratio: float) -> Reach:
    c = st.contest
    places, thresholds = _places(c.rules or {})
    if c.format == "target" and isinstance((c.rules or {}).get("target"), int):
        thresholds.append(int(c.rules["target"]))
    e = max(elapsed, 1e-6)
    groups: dict[str, list[r.Standing]] = defaultdict(list)
    for row in st.rows:
        groups[(row.group or "") if c.format == "bracketed" else ""].append(
            r.Standing(row.user_id, row.total, row.place, row.group)
        )
    within: set[int] = set()
    holds: set[int] = set()
    safe: set[int] = set()
    for members in groups.values():
        if c.format == "improvement":
            base = {
                m.user_id: max(1, st.members[m.user_id].baseline if m.user_id in st.members else 1)
                for m in members
            }
            proj = {
                m.user_id: (r.projected(m.total, e) - base[m.user_id]) * 100 / base[m.user_id]
                for m in members
            }
            best = {
                m.user_id: (
                    m.total + (1 + STRETCH_PCT / 100) * (r.projected(m.total, e) - m.total) - base[m.user_id]
                )
                * 100
                / base[m.user_id]
                for m in members
            }
            prized = [m for m in members if m.place is not None and m.place <= places and m.total > 0]
            line = min((proj[m.user_id] for m in prized), default=None) if len(prized) >= places else None
            placed = {m.user_id for m in prized}
            found_within = [
                m.user_id for m in members if line is None or m.user_id in placed or best[m.user_id] >= line
            ]
            rest = [proj[m.user_id] for m in members if m.user_id not in placed]
            runner_up = max(rest, default=0.0)
            holds |= placed
            safe |= {u for u in placed if proj[u] > 0 and proj[u] >= safe_ratio * max(runner_up, 1e-9)}
            within |= set(found_within)
            continue
        found = r.reach(members, e, STRETCH_PCT, places, thresholds)
        within |= set(found.within)
        if thresholds:
            line = float(min(thresholds))
            held = {m.user_id for m in members if m.total >= line}
            holds |= held
            safe |= held  # a threshold reached stays reached
        else:
            placed_ids = {
                m.user_id for m in members if m.place is not None and m.place <= places and m.total > 0
            }
            holds |= placed_ids
            rest = [r.projected(m.total, e) for m in members if m.user_id not in placed_ids]
            runner_up = max(rest, default=0.0)
            safe |= {
                m.user_id
                for m in members
                if m.user_id in placed_ids and r.projected(m.total, e) >= safe_ratio * max(runner_up, 1e-9)
            }
    return Reach(within, holds, safe)
