"""How simulated reps respond to the program around them: the behavioural model, in one place.

Every figure `reprally simulate` reports depends on this model. It is deliberately small and
explicit: each effect is one parameter of `Params`, documented with where its direction comes
from. The directions come from the sources; the sizes are assumptions of ours, set to the
middle of the effects those sources report, and the report says so. Swap the model by passing
another `Params` (or another object with `morning` and `kudos_today`) to the driver.

Sources (the seeds are the articles in the product brief's `seeds/`):
- S1 seeds/000 "Sales teams don't have a motivation problem": reps "calculate their odds of
  landing in the prize tier, realize the same three top performers will win again, and quietly
  check out"; a contest "generates energy for roughly a quarter" of the room.
- S2 Casas-Arce & Martinez-Jerez (2009), "Relative performance compensation, contests, and
  dynamic incentives", Management Science 55(8): in a sales contest, effort falls for
  participants far behind and for those comfortably ahead; it rises where the outcome is open.
- S3 Kivetz, Urminsky & Zheng (2006), "The goal-gradient hypothesis resurrected", Journal of
  Marketing Research 43(1): effort accelerates as a reachable reward gets near (missions).
- S4 Kosfeld & Neckermann (2011), "Getting more work for nothing? Symbolic awards and worker
  performance", AEJ: Microeconomics 3(3): recognition alone raised output by about 12%.
- S5 seeds/002 "CRM adoption is the wrong goal": "streak combos amplify motivation before the
  next morning's call"; peer recognition "normalizes the habit across the entire team".
- S6 Mehrotra et al. (2016), "My phone and me: understanding people's receptivity to mobile
  notifications", CHI: interruptions beyond a few a day raise annoyance and lower engagement.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Params:
    #: S2/S3: effort multiplier added while a contest prize is within reach (and not yet held).
    contest_in_reach: float = 0.15
    #: S1/S2: effort change once every prize of the rep's contests is out of reach ("check out").
    contest_out_of_reach: float = -0.20
    #: S2: effort change for a rep holding a prize with a safe lead (leaders ease off).
    contest_safe_lead: float = -0.10
    #: A lead is safe when the rep's projected final is this many times the best non-prize one.
    safe_lead_ratio: float = 1.5
    #: S3: effort on a mission's activity type while its target is within reach of the rep's pace.
    mission_in_reach: float = 0.12
    #: S3: the chance a rep who ends the day close to a reachable mission target finishes it.
    mission_chase: float = 0.6
    #: Close: at least this share of the target done by the usual pace.
    mission_close: float = 0.6
    #: Within reach: the target (or prize line) is at most (1 + stretch) x the rep's own pace; the
    #: insights' default reach stretch (server/insights/settings.py) is the same 30%.
    stretch: float = 0.3
    #: S4/S5: next-day showing-up propensity after a meaningful win or a kudos received.
    recognition_lift: float = 0.05
    #: S4: next-day effort after recognition (about half of S4's 12%, spread over the days after).
    recognition_effort: float = 0.06
    #: S5: showing-up propensity while a streak of at least `streak_from` days is running.
    streak_lift: float = 0.04
    streak_from: int = 3
    #: S6: notices a day a rep takes in stride; each one beyond lowers the next day's propensity.
    fatigue_from: int = 8
    fatigue_per_notice: float = 0.01
    fatigue_max: float = 0.15
    #: S5: the chance a rep gives a teammate kudos on a working day, where the program asks for
    #: peer recognition (an assumption: a couple of kudos per rep a month).
    peer_kudos_rate: float = 0.08


@dataclass(frozen=True, slots=True)
class ContestView:
    """The rep's standing in one live contest, as the engine computes it."""

    holds_prize: bool
    within_reach: bool
    safe_lead: bool


@dataclass(frozen=True, slots=True)
class MissionView:
    type_key: str
    target: int
    usual: float  # the rep's usual count of that type on a day they work


@dataclass(frozen=True, slots=True)
class Morning:
    contests: list[ContestView] = field(default_factory=list)
    missions: list[MissionView] = field(default_factory=list)
    won_yesterday: bool = False
    kudos_yesterday: int = 0
    streak: int = 0
    notices_yesterday: int = 0


@dataclass(frozen=True, slots=True)
class Decision:
    show_up_delta: float  # added to the rep's habit of showing up today
    effort: float  # multiplier on the day's leading activities (calls, emails)
    type_effort: dict[str, float]  # extra multipliers per activity type (missions in reach)
    chase: dict[str, int]  # type -> target the rep tries to finish if close by the end of the day


def contest_effort(p: Params, contests: list[ContestView]) -> float:
    if not contests:
        return 0.0
    if any(c.within_reach and not c.holds_prize for c in contests):
        return p.contest_in_reach
    if any(c.holds_prize for c in contests):
        return (
            p.contest_safe_lead if all(c.safe_lead for c in contests if c.holds_prize) else p.contest_in_reach
        )
    return p.contest_out_of_reach


def morning(p: Params, m: Morning) -> Decision:
    """What a rep does with the day, given what the program showed them."""
    effort = 1.0 + contest_effort(p, m.contests)
    delta = 0.0
    if m.won_yesterday or m.kudos_yesterday:
        delta += p.recognition_lift
        effort += p.recognition_effort
    if m.streak >= p.streak_from:
        delta += p.streak_lift
    if m.notices_yesterday > p.fatigue_from:
        delta -= min(p.fatigue_max, p.fatigue_per_notice * (m.notices_yesterday - p.fatigue_from))
    type_effort: dict[str, float] = {}
    chase: dict[str, int] = {}
    for mission in m.missions:
        if mission.target <= (1 + p.stretch) * mission.usual * effort:
            type_effort[mission.type_key] = 1.0 + p.mission_in_reach
            chase[mission.type_key] = max(chase.get(mission.type_key, 0), mission.target)
    return Decision(delta, max(0.2, effort), type_effort, chase)


def finish(p: Params, rng: random.Random, done: int, target: int) -> int:
    """The count of a chased mission's type at the end of the day: close ones get finished."""
    if done < target and done >= p.mission_close * target and rng.random() < p.mission_chase:
        return target
    return done


def gives_kudos(p: Params, rng: random.Random) -> bool:
    return rng.random() < p.peer_kudos_rate
