"""The demo org shows recognition and rewards: a catalog, kudos on the feed, a pending request."""

from __future__ import annotations

from server.core.auth import Principal
from server.rewards import service as rewards
from server.social import kudos


async def test_demo_seed_creates_rewards_kudos_and_a_pending_request(rt, demo_org):
    org_id, _ = demo_org
    admin = Principal(org_id, "admin", None)
    assert [r.name for r in await rewards.catalog(rt, admin, True)] == [
        "Coffee voucher", "RepRally hoodie", "Team lunch", "Extra day off"]
    page = await kudos.feed_page(rt, admin, None, 50, ["kudos"])
    assert len(page) == 5 and all(e.user and e.actor for e in page)
    (pending,) = await rewards.list_redemptions(rt, admin, user_id=None, state="pending", before_id=None, limit=10)
    assert pending.reward_name == "Coffee voucher" and pending.cost == 20
    w = await rewards.wallet(rt, admin, pending.user_id)
    assert (w.earned, w.held, w.balance) == (25, 20, 5)
