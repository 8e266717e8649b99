"""The programs compared, each configured through the product's own services (as a manager
would through the API): habit settings, badges and mission templates, contests, targets.

- plain: the points leaderboard and a monthly top-3 points contest; the habit loop (streaks,
  missions, badges) is off and nobody is asked for peer recognition.
- missions: plain + calibrated daily missions (the habit loop on, its badges off).
- improvement: the leaderboard + weekly contests ranked by improvement over each rep's own
  baseline (the same number of days just before the contest), top 3 win.
- brackets: the leaderboard + weekly contests in matched brackets (5 divisions of similar
  baselines, frozen at the start from recent history), the top 2 of each division win.
- targets: every rep's personal weekly points target (their own recent median, +10%) and a
  weekly threshold contest that every rep reaching the team's median target wins. (The contest
  formats have no "percent of each rep's own target" ranking: the threshold is one number.)
- default_before: `default` with the weekly starter badges as they were (10 calls, 5 meetings
  booked a week), for the report's before and after.
- default: what a new org gets out of the box (the habit loop with its starter missions,
  streaks and badges; kudos), no contest, with reps giving each other kudos.
Every program also gets the personal weekly targets (only `targets` shows them as a goal to
the reps), so median attainment is measured the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from server.contests import service as contests
from server.core.auth import Principal
from server.core.runtime import Runtime
from server.habits import service as habits
from server.targets import service as targets


@dataclass(frozen=True, slots=True)
class ContestPlan:
    format: str
    days: int  # length; contests follow each other for the whole run
    places: int = 3  # prize places (per division for bracketed)
    divisions: int = 0
    threshold: bool = False  # the target format: the team's median weekly target
    prize_points: int = 100


@dataclass(frozen=True, slots=True)
class Program:
    name: str
    habits: str  # off | missions | default
    kudos: bool
    contests: tuple[ContestPlan, ...] = ()
    overrides: dict[str, Any] = field(default_factory=dict)  # habit settings changed from the defaults
    badge_thresholds: dict[str, int] = field(default_factory=dict)  # starter badge key -> threshold


PROGRAMS: dict[str, Program] = {
    "plain": Program("plain", "off", False, (ContestPlan("individual", 28),)),
    "missions": Program("missions", "missions", False, (ContestPlan("individual", 28),)),
    "improvement": Program("improvement", "off", False, (ContestPlan("improvement", 7),)),
    "brackets": Program("brackets", "off", False, (ContestPlan("bracketed", 7, places=2, divisions=5),)),
    "targets": Program("targets", "off", False, (ContestPlan("target", 7, places=0, threshold=True),)),
    "default": Program("default", "default", True),
    # the out-of-the-box program before the weekly starter badges became stretch goals (for before/after)
    "default_before": Program(
        "default_before", "default", True, badge_thresholds={"calls_100_week": 10, "meetings_10_week": 5}
    ),
}


def parse(names: str) -> list[Program]:
    out = []
    for n in (x.strip() for x in names.split(",") if x.strip()):
        if n not in PROGRAMS:
            raise ValueError(f"unknown program '{n}' (known: {', '.join(PROGRAMS)})")
        out.append(PROGRAMS[n])
    return out


async def configure(
    rt: Runtime, admin: Principal, program: Program, first: date, weeks: int, weekly_targets: dict[int, int]
) -> list[int]:
    """Set the org up for `program` from `first` (a Monday) for `weeks` weeks; returns the contest ids."""
    if program.habits == "off":
        await habits.update_settings(rt, admin, {"enabled": False})
    elif program.habits == "missions":
        for b in await habits.list_badges(rt, admin):
            if b.active:
                await habits.update_badge(rt, admin, b.id, {"active": False})
    if program.badge_thresholds:
        for b in await habits.list_badges(rt, admin):
            if b.key in program.badge_thresholds:
                await habits.update_badge(
                    rt, admin, b.id, {"params": {**b.params, "threshold": program.badge_thresholds[b.key]}}
                )
    if program.overrides:
        await habits.update_settings(rt, admin, dict(program.overrides))
    if weekly_targets:
        await targets.put_targets(rt, admin, "points", "week", first, sorted(weekly_targets.items()))
    ids: list[int] = []
    end = first + timedelta(weeks=weeks)
    for plan in program.contests:
        start, k = first, 1
        while start < end:
            last = min(start + timedelta(days=plan.days - 1), end - timedelta(days=1))
            spec: dict[str, Any] = {
                "name": f"{program.name} {plan.format} #{k}",
                "format": plan.format,
                "metric": "points",
                "start_date": start,
                "end_date": last,
            }
            if plan.threshold:
                values = sorted(weekly_targets.values()) or [100]
                spec["target"] = max(1, values[len(values) // 2])
                spec["prizes"] = [{"threshold": spec["target"], "points": plan.prize_points}]
            else:
                spec["prizes"] = [
                    {"place": i + 1, "points": plan.prize_points // (i + 1)} for i in range(plan.places)
                ]
            if plan.divisions:
                spec["divisions"] = plan.divisions
            c = await contests.create(rt, admin, spec)
            await contests.launch(rt, admin, c.id)
            ids.append(c.id)
            start, k = last + timedelta(days=1), k + 1
    return ids
