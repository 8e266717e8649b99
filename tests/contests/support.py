"""Helpers for the contest tests: dates in the org's zone, creating and moving contests on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from server.contests import jobs as contest_jobs
from tests.conftest import Api
from tests.support.api import org_zone


async def today(api: Api) -> date:
    return datetime.now(UTC).astimezone(ZoneInfo(await org_zone(api))).date()


async def contest(admin: Api, *, days: int = 1, start_offset: int = 0, launch: bool = True, **spec) -> dict:
    """Create (and launch: it goes live at once when it starts today) a contest of `days` local days,
    counting calls unless the spec says otherwise."""
    first = await today(admin) + timedelta(days=start_offset)
    body = {"name": "Call blitz", "start_date": first.isoformat(),
            "end_date": (first + timedelta(days=days - 1)).isoformat(), "metric": "call", **spec}
    made = await admin.ok("post", "/contests", body, status=201)
    if launch:
        made = await admin.ok("post", f"/contests/{made['id']}/launch")
    return made


def at_iso(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def finish(rt, made: dict) -> dict:
    """Run the worker as if the contest's end and the settle time had passed: ended, then awarded."""
    later = at_iso(made["ends_at"]) + timedelta(seconds=rt.settings.contest_settle_s + 1)
    first = await contest_jobs.tick(rt, now=later)
    second = await contest_jobs.tick(rt, now=later)
    return {k: first.get(k, 0) + second.get(k, 0) for k in first}


def places(standings: dict) -> dict[int, int | None]:
    return {s["user_id"]: s["place"] for s in standings["standings"]}


def result_of(results: dict, user_id: int) -> dict:
    return next(r for r in results["results"] if r["user_id"] == user_id)
