"""Helpers of the experiment tests: an org with teams of reps, and an experiment's body."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

from tests.conftest import Api, unique
from tests.support.api import noon_org


async def org_with_teams(client: httpx.AsyncClient, teams: int, reps_per_team: int,
                         admin: Api | None = None) -> tuple[Api, list[int], list[Api]]:
    """An org where it is about noon, `teams` teams and their reps (created team by team, in turn)."""
    admin = admin or await noon_org(client)
    team_ids = [(await admin.ok("post", "/teams", {"name": unique("Team ")}, status=201))["id"]
                for _ in range(teams)]
    reps = [await admin.user(team_id=team_ids[i % teams]) for i in range(teams * reps_per_team)]
    return admin, team_ids, reps


async def today(admin: Api) -> date:
    """The org's local day now."""
    tz = ZoneInfo((await admin.ok("get", "/org"))["timezone"])
    return datetime.now(UTC).astimezone(tz).date()


def body(start: date, days: int = 14, *, unit: str = "rep", metric: str = "activity", seed: int | None = 42,
         holdout_share: float = 0.5, **extra) -> dict:
    out = {"name": unique("Exp "), "unit": unit, "metric": metric, "holdout_share": holdout_share,
           "variants": [{"name": "no_dice", "program": {"instant_wins": False}}],
           "start": start.isoformat(), "end": (start + timedelta(days=days - 1)).isoformat(), **extra}
    if seed is not None:
        out["seed"] = seed
    return out
