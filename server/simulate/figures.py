"""The figures of a run, computed from each program's outcome (pure: no engine calls), and the
goals of the issue each figure is judged against."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from server.notifications import rules as push_rules
from server.simulate.driver import Outcome
from server.simulate.team import top_fifth_share

QUARTILES = ("Q1 (top skill)", "Q2", "Q3", "Q4 (bottom skill)")


def gini(values: list[float]) -> float:
    xs = sorted(max(0.0, v) for v in values)
    n, total = len(xs), sum(xs)
    if n == 0 or total == 0:
        return 0.0
    return sum((2 * (i + 1) - n - 1) * x for i, x in enumerate(xs)) / (n * total)


def quartile_of(outcome: Outcome) -> dict[int, int]:
    """user -> 0..3, by skill (0: the top quarter)."""
    ranked = sorted(outcome.reps, key=lambda s: -s.rep.skill)
    n = len(ranked)
    return {s.user_id: min(3, i * 4 // n) for i, s in enumerate(ranked)}


def pushes(notices: list[tuple[datetime, str]], cap: int) -> int:
    """The pushes the sender would send for these notices (each kind at its default, one device),
    replaying its own cap-and-bundle rule (`notifications.rules.plan_pushes`) as notices arrive."""
    sent: list[datetime] = []
    waiting: list[datetime] = []
    wait_until: datetime | None = None
    for at, kind in sorted(notices):
        if not push_rules.kind_enabled(kind, None):
            continue  # off by default: in-app only
        if wait_until is not None and at >= wait_until:
            sent.append(wait_until)  # the deferred ones go as one bundle
            waiting, wait_until = [], None
        if wait_until is not None:
            waiting.append(at)
            continue
        window = [t for t in sent if at - t < push_rules.CAP_WINDOW]
        plan = push_rules.plan_pushes([0], window, cap, at)
        if plan.single or plan.bundle:
            sent.append(at)
        else:
            waiting, wait_until = [at], plan.defer_until
    if waiting:
        sent.append(wait_until or waiting[-1])
    return len(sent)


def program_figures(o: Outcome, cap: int) -> dict[str, Any]:
    q = quartile_of(o)
    weeks = len(o.wins)
    employed = {w: [s for s in o.reps if s.rep.start_week <= w] for w in range(weeks)}
    weekly = [round(len(o.wins[w]) / max(1, len(employed[w])), 4) for w in range(weeks)]
    by_q: dict[str, float] = {}
    for k, name in enumerate(QUARTILES):
        shares = []
        for w in range(weeks):
            members = [s.user_id for s in employed[w] if q[s.user_id] == k]
            if members:
                shares.append(sum(1 for u in members if u in o.wins[w]) / len(members))
        by_q[name] = round(statistics.fmean(shares), 4) if shares else 0.0
    kinds: dict[str, float] = {}
    for kind in ("mission", "badge", "contest", "kudos"):
        kinds[kind] = round(
            statistics.fmean(
                sum(1 for kk in o.wins[w].values() if kind in kk) / max(1, len(employed[w]))
                for w in range(weeks)
            ),
            4,
        )
    reach_all, reach_bottom = [], []
    half = {s.user_id for s in o.reps if q[s.user_id] >= 2}
    for c in o.reach_mid:
        parts, within = set(c["participants"]), set(c["within"])
        if parts:
            reach_all.append(len(parts & within) / len(parts))
        bottom = parts & half
        if bottom:
            reach_bottom.append(len(bottom & within) / len(bottom))
    effort: dict[str, float | None] = {}
    for k, name in enumerate(QUARTILES):
        old_hands = [
            s for s in o.reps if q[s.user_id] == k and s.rep.start_week <= 0 and s.days_worked["history"]
        ]
        before = sum(s.units["history"] for s in old_hands) / max(1, o.history_working_days)
        after = sum(s.units["sim"] for s in old_hands) / max(1, o.working_days)
        effort[name] = round(after / before, 3) if before else None
    att = [100 * statistics.fmean(v) for v in o.attainment.values() if v]  # the engine's ratio, as a percent
    per_day_notices, per_day_pushes = [], []
    for s in o.reps:
        days = max(1, o.working_days - max(0, s.rep.start_week) * 5)
        mine = o.notices.get(s.user_id, [])
        per_day_notices.append(len(mine) / days)
        per_day_pushes.append(pushes(mine, cap) / days)
    revenue = [s.won_value for s in o.reps]
    return {
        "weekly_win_share": weekly,
        "mean_weekly_win_share": round(statistics.fmean(weekly), 4) if weekly else 0.0,
        "win_share_by_skill_quartile": by_q,
        "win_share_by_kind": kinds,
        "contests_measured": len(o.reach_mid),
        "within_reach": round(statistics.fmean(reach_all), 4) if reach_all else None,
        "within_reach_bottom_half": round(statistics.fmean(reach_bottom), 4) if reach_bottom else None,
        "effort_vs_baseline_by_skill_quartile": effort,
        "points_gini": round(gini([float(v) for v in o.points.values()]), 4),
        "median_attainment_pct": round(statistics.median(att), 1) if att else None,
        "won_value": round(sum(revenue), 2),
        "top_fifth_revenue_share": round(top_fifth_share(revenue), 3),
        "notifications_per_rep_per_working_day_median": round(statistics.median(per_day_notices), 2),
        "pushes_per_rep_per_working_day_median": round(statistics.median(per_day_pushes), 2),
        "notices_per_rep_per_working_day_by_kind": {
            k: round(v / max(1, len(o.reps) * o.working_days), 2)
            for k, v in sorted(by_kind_totals(o).items())
        },
        "activities": o.activities,
        "leading_units": o.units,
        "seconds": round(o.seconds, 1),
        "history_seconds": round(o.history_seconds, 1),
        "activities_per_second": round(o.activities / o.seconds, 1) if o.seconds else None,
    }


@dataclass(frozen=True, slots=True)
class Goal:
    name: str
    figure: str
    target: str
    met: bool | None  # None: not measurable in this run (a program was not run)


def goals(figs: dict[str, dict[str, Any]]) -> list[Goal]:
    out: list[Goal] = []
    plain, default, brackets = figs.get("plain"), figs.get("default"), figs.get("brackets")
    if default:
        d = default["mean_weekly_win_share"]
        p = plain["mean_weekly_win_share"] if plain else None
        out.append(
            Goal(
                "default: weekly win share >= 60%",
                f"default {d:.0%} (weeks {min(default['weekly_win_share']):.0%}-"
                f"{max(default['weekly_win_share']):.0%}); plain {p:.0%}"
                if p is not None
                else f"default {d:.0%}",
                ">= 60% (plain about 25%)",
                d >= 0.6,
            )
        )
    for name, f in figs.items():
        top = max(f["weekly_win_share"]) if f["weekly_win_share"] else 0.0
        out.append(
            Goal(
                f"{name}: no week gives wins to more than 90% of reps",
                f"highest week {top:.0%}",
                "<= 90%",
                top <= 0.9,
            )
        )
        if plain and name != "plain":
            mine, base = (
                f["win_share_by_skill_quartile"][QUARTILES[0]],
                plain["win_share_by_skill_quartile"][QUARTILES[0]],
            )
            out.append(
                Goal(
                    f"{name}: the top quartile wins at least as often as under plain",
                    f"top quartile {mine:.0%} vs plain {base:.0%}",
                    ">= plain",
                    mine >= base,
                )
            )
    if brackets:
        b, p = brackets["within_reach_bottom_half"], plain["within_reach_bottom_half"] if plain else None
        out.append(
            Goal(
                "brackets: at least half of the bottom half within reach at mid-period",
                f"brackets {_pct(b)} vs plain {_pct(p)}",
                ">= 50%",
                None if b is None else b >= 0.5,
            )
        )
    for name, f in figs.items():
        m = f["pushes_per_rep_per_working_day_median"]
        out.append(
            Goal(
                f"{name}: median pushes per rep per working day <= 5",
                f"{m:.1f} pushes ({f['notifications_per_rep_per_working_day_median']:.1f} notices)",
                "<= 5",
                m <= 5,
            )
        )
    return out


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def week_label(start: datetime, w: int) -> str:
    return (start + timedelta(weeks=w)).date().isoformat()


def by_kind_totals(o: Outcome) -> dict[str, int]:
    c: dict[str, int] = defaultdict(int)
    for v in o.notices.values():
        for _, k in v:
            c[k] += 1
    return dict(c)
