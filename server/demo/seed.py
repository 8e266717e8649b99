"""Demo data and a simulated stream of activities, posted through the real HTTP API."""

from __future__ import annotations

import asyncio
import logging
import os
import random
from datetime import datetime
from pathlib import Path
from typing import NotRequired, TypedDict

import httpx

from server.accounts import api_keys
from server.accounts import service as accounts
from server.contests import service as contests
from server.core.auth import Principal
from server.core.errors import Unauthorized
from server.core.ops.progress import Progress
from server.core.runtime import Runtime
from server.demo.history import seed_history
from server.demo.social import seed_social
from server.displays import service as displays
from server.habits import service as habits_api
from server.notifications import service as notifications

log = logging.getLogger("reprally.demo")

ADMIN_EMAIL = "admin@demo.reprally.dev"
MANAGER_EMAIL = "manager@demo.reprally.dev"
PASSWORD = "rally-demo-2026"
#: The name of the integration key `reprally demo` and `reprally up` post with.
DEMO_KEY_NAME = "Demo CRM"
TEAMS = (("Inbound", "East"), ("Outbound", "East"), ("Enterprise", "West"), ("SMB", "West"))
FIRST = ("Ava", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jo", "Kai", "Lena", "Milo", "Nia",
         "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Vic", "Wes", "Xia", "Yara", "Zed", "Ana", "Bo",
         "Cy", "Dora")
LAST = ("Reyes", "Okafor", "Nguyen", "Schmidt", "Patel", "Rossi", "Kim", "Silva", "Novak", "Haddad")
#: (type, weight, quantity range, value range)
MIX = (("call", 40, (1, 4), None), ("email", 20, (1, 3), None), ("meeting_booked", 12, (1, 1), None),
       ("meeting_held", 8, (1, 1), None), ("proposal_sent", 6, (1, 1), None),
       ("opportunity_created", 5, (1, 1), None), ("deal_won", 2, (1, 1), (2_000, 60_000)))


async def seed(rt: Runtime, key_file: Path, reps: int = 30, history_weeks: int = 0) -> tuple[int, str, bool]:
    """Create the demo org once, with `history_weeks` of history (`demo/history.py`: the insights'
    believable team with a few reps drifting); returns (org id, integration API key, created now).
    Safe to run again, also after a run that failed half-way: the key's folder is made first, and
    the demo keeps one working key (`demo_key`)."""
    org_id, admin, created = await create_demo_org(rt, reps)
    if created:
        return org_id, await finish_demo(rt, admin, key_file, history_weeks), True
    if not await seeded(rt, admin):  # a first start stopped half-way: finish it, without more history
        log.warning("the demo org's first seeding was interrupted: its history is incomplete (start again from "
                    "an empty REPRALLY_VAR_DIR or database for the full demo)")
        return org_id, await finish_demo(rt, admin, key_file), False
    return org_id, await demo_key(rt, admin, key_file), False


async def create_demo_org(rt: Runtime, reps: int = 30) -> tuple[int, Principal, bool]:
    """The demo org, its teams, manager and reps (a second or so): enough to sign in and pair the
    TV. Returns (org id, its admin, created now); `finish_demo` fills in the rest."""
    existing = await accounts.user_by_email(rt, ADMIN_EMAIL)
    if existing is not None:
        return existing.org_id, Principal(existing.org_id, "admin", existing.id), False
    org, admin_user = await accounts.create_org(
        rt, name="Demo Sales Co", timezone="America/New_York", week_start="monday",
        admin_email=ADMIN_EMAIL, admin_password=PASSWORD, admin_name="Alex Admin")
    admin = Principal(org.id, "admin", admin_user.id)
    teams = [await accounts.create_team(rt, admin, name, region) for name, region in TEAMS]
    await accounts.create_user(rt, admin, {"email": MANAGER_EMAIL, "display_name": "Morgan Manager",
                                           "password": PASSWORD, "role": "manager", "team_id": teams[0].id})
    rng = random.Random(7)
    for i in range(reps):
        team = teams[i % len(teams)]
        await accounts.create_user(rt, admin, {
            "email": f"rep{i + 1}@demo.reprally.dev", "display_name": f"{FIRST[i % len(FIRST)]} {rng.choice(LAST)}",
            "password": PASSWORD, "role": "rep", "team_id": team.id,
            "job_role": "AE" if team.name in ("Enterprise", "SMB") else "SDR",
            "shift": "early" if i % 3 == 0 else "day"})
    return org.id, admin, True


async def seeded(rt: Runtime, admin: Principal) -> bool:
    """Whether `finish_demo` ran to its end for this org: its last step makes the demo's key."""
    return any(k.name == DEMO_KEY_NAME for k in await api_keys.list_keys(rt, admin))


async def finish_demo(rt: Runtime, admin: Principal, key_file: Path, history_weeks: int = 0,
                      progress: Progress | None = None, stop: asyncio.Event | None = None) -> str:
    """The demo org's history (through the activity path), contests, habits, notifications,
    recognition, then its integration key, in that order (the key last: `seeded`). When `stop` is
    set the history ends after its current day and `history.Interrupted` is raised."""
    assert admin.user_id is not None
    if history_weeks:
        await seed_history(rt.settings, admin, await rep_ids(rt, admin.org_id), weeks=history_weeks, end=rt.now(),
                           progress=progress, stop=stop)
    await contests.seed_demo(rt, admin)
    await habits_api.seed_demo(rt, admin.org_id, admin.user_id)
    await notifications.seed_demo(rt, admin.org_id)
    await seed_social(rt, admin.org_id, admin.user_id)
    return await demo_key(rt, admin, key_file)


async def demo_key(rt: Runtime, admin: Principal, key_file: Path) -> str:
    """The demo's integration key: the one saved in `key_file` while it still works for the demo
    org; otherwise a new one, saved there (owner-only), after revoking the demo's other keys, so
    that retries never leave keys behind."""
    key_file.parent.mkdir(parents=True, exist_ok=True)
    if key_file.exists():
        saved = key_file.read_text().strip()
        try:
            if (await api_keys.principal_for(rt, saved)).org_id == admin.org_id:
                return saved
        except Unauthorized:
            pass  # revoked, or made against another database: replace it
    for old in await api_keys.list_keys(rt, admin):
        if old.name == DEMO_KEY_NAME and old.revoked_at is None:
            await api_keys.revoke_api_key(rt, admin, old.id)
    _, key = await api_keys.create_api_key(rt, admin, DEMO_KEY_NAME)
    partial = key_file.with_name(key_file.name + ".tmp")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(key)
    partial.replace(key_file)
    return key


class DemoActivity(TypedDict):
    """The JSON body of one simulated activity (`POST /api/v1/activities`)."""

    type: str
    quantity: int
    user_id: int
    value: NotRequired[float]
    occurred_at: NotRequired[str]


def random_activity(rng: random.Random, user_ids: list[int], at: datetime | None = None) -> DemoActivity:
    kind, _, qty, value = rng.choices(MIX, weights=[m[1] for m in MIX])[0]
    item: DemoActivity = {"type": kind, "quantity": rng.randint(*qty), "user_id": rng.choice(user_ids)}
    if value:
        item["value"] = float(rng.randrange(*value, 500))
    if at is not None:
        item["occurred_at"] = at.isoformat()
    return item


async def rep_ids(rt: Runtime, org_id: int) -> list[int]:
    _, users = await accounts.list_users(rt, Principal(org_id, "admin"), team_id=None, role="rep", active=True,
                                         limit=500, offset=0)
    return [u.id for u in users]


async def simulate(base_url: str, api_key: str, user_ids: list[int], rate_per_s: float = 2.0,
                   stop: asyncio.Event | None = None) -> None:
    """Post activities for random reps through the HTTP API until stopped."""
    rng = random.Random()
    async with httpx.AsyncClient(base_url=base_url, headers={"authorization": f"Bearer {api_key}"}) as client:
        while stop is None or not stop.is_set():
            try:
                # No occurred_at: the API stamps each activity with its own clock (this loop has no runtime).
                await client.post("/api/v1/activities", json=random_activity(rng, user_ids))
            except httpx.HTTPError as exc:
                log.warning("simulated activity failed: %s", exc)
            await asyncio.sleep(rng.expovariate(rate_per_s))


async def display_code(rt: Runtime, org_id: int) -> str:
    """A fresh pairing code for the demo org's office screen (created on first use)."""
    admin = await accounts.user_by_email(rt, ADMIN_EMAIL)
    assert admin is not None, "seed the demo org first"
    principal = Principal(org_id, "admin", admin.id)
    existing = await displays.list_for_org(rt, principal)
    if existing:
        row = await displays.new_code(rt, principal, existing[0].id)
    else:
        row = await displays.create(rt, principal, "Sales floor",
                                    ["lb:points:day:org", "lb:points:week:org", "lb:deal_won:month:org",
                                     "lb:call:day:org"], 15)
    assert row.pairing_code is not None, "a new code was just set"
    return row.pairing_code
