"""Demo recognition and rewards: a reward catalog, a few kudos on the feed, one request waiting
for the admin. Called once when the demo org is created (see `server.demo.seed`)."""

from __future__ import annotations

from server.accounts import service as accounts
from server.core.auth import Principal
from server.core.runtime import Runtime
from server.rewards import service as rewards
from server.social import kudos

REWARDS = (("Coffee voucher", "A coffee on the company", 20, None),
           ("RepRally hoodie", "Warm, and the envy of the floor", 150, 10),
           ("Team lunch", "Lunch for your team, on us", 400, 3),
           ("Extra day off", "One paid day off, agreed with your manager", 1000, 5))
KUDOS = ((0, 1, "Thanks for covering my calls while I was at the customer!", "Team player", 10),
         (2, 0, "That discovery call was textbook. Learned a lot.", "Customer first", 0),
         (3, 4, "You owned the renewal end to end. Huge.", "Ownership", 25),
         (1, 5, "100 dials before lunch?!", "Hustle", 5),
         (4, 2, "Stayed late to fix the demo environment for everyone.", "Above and beyond", 15))


async def seed_social(rt: Runtime, org_id: int, admin_user_id: int) -> None:
    admin = Principal(org_id, "admin", admin_user_id)
    _, users = await accounts.list_users(rt, admin, team_id=None, role="rep", active=True, limit=10, offset=0)
    reps = [u.id for u in users]
    catalog = [await rewards.create_reward(rt, admin, {"name": n, "description": d, "cost": c, "stock": st,
                                                       "active": True}) for n, d, c, st in REWARDS]
    for giver, to, message, tag, points in KUDOS:
        if max(giver, to) >= len(reps):  # a small demo (tests seed a handful of reps)
            continue
        await kudos.give(rt, Principal(org_id, "rep", reps[giver]), reps[giver], reps[to], message, tag, points)
    if len(reps) > 4:
        await rewards.redeem(rt, Principal(org_id, "rep", reps[4]), reps[4], catalog[0].id, "Oat milk, please")
