"""Chance contests: tickets from work, odds in each rep's explanation, a seed committed at launch
and revealed at the draw, and a draw anyone can recompute from the revealed seed."""

from __future__ import annotations

import hashlib

from server.contests import rules as rules_
from tests.contests.support import contest, finish
from tests.support.api import assert_error, balance, type_key
from tests.support.boards import fresh_org


def recompute(seed: str, tickets: dict[int, int], draws: int) -> list[int]:
    """The documented algorithm (docs/mechanics.md), written again from the text."""
    pool = sorted((u, t) for u, t in tickets.items() if t > 0)
    out = []
    for k in range(draws):
        if not pool:
            break
        r = int(hashlib.sha256(f"{seed}:{k}".encode()).hexdigest(), 16) % sum(t for _, t in pool)
        for i, (u, t) in enumerate(pool):
            if r < t:
                out.append(u)
                del pool[i]
                break
            r -= t
    return out


def test_draw_is_deterministic_and_weighted():
    tickets = {11: 1, 12: 0, 13: 3, 14: 6}
    assert rules_.draw("s", tickets, 2) == rules_.draw("s", tickets, 2) == recompute("s", tickets, 2)
    assert rules_.draw("s", tickets, 9) and 12 not in rules_.draw("s", tickets, 9)
    assert sorted(rules_.draw("s", tickets, 9)) == [11, 13, 14]  # everyone with a ticket, once
    wins = {11: 0, 13: 0, 14: 0}
    for i in range(3000):
        wins[rules_.draw(f"seed{i}", tickets, 1)[0]] += 1
    assert 200 < wins[11] < 400 and 750 < wins[13] < 1050 and 1650 < wins[14] < 1950  # 10 %, 30 %, 60 %
    assert rules_.commitment("abc") == hashlib.sha256(b"abc").hexdigest()
    assert rules_.tickets_of(7, 2) == 3 and rules_.tickets_of(-3, 1) == 0


async def test_chance_contest_commit_reveal_recompute(client, rt):
    admin = await fresh_org(client)
    meeting = await type_key(admin, "meet", points=5)
    a, b, c, d = [await admin.user("rep") for _ in range(4)]
    made = await contest(
        admin,
        format="chance",
        metric=meeting,
        ticket_every=2,
        prizes=[{"place": 1, "points": 100}, {"place": 2, "points": 40}],
    )
    assert made["format"] == "chance" and made["ticket_every"] == 2 and made["state"] == "live"
    commitment = made["draw_commitment"]
    assert len(commitment) == 64 and made["draw_seed"] is None
    for rep, n in ((a, 2), (b, 6), (c, 1), (d, 12)):  # tickets 1, 3, 0, 6: 10 in all
        await rep.log(meeting, quantity=n)
    mine = (await b.ok("get", f"/contests/{made['id']}/results"))["results"]
    assert [r["user_id"] for r in mine] == [b.user_id]
    assert "3 tickets of 10 (1 ticket per 2 " in mine[0]["computation"]
    assert "30.00% chance in the first draw, 2 draws" in mine[0]["computation"]
    standings = await admin.ok("get", f"/contests/{made['id']}/standings")
    assert {s["user_id"]: s["score"] for s in standings["standings"]} == {
        a.user_id: 1,
        b.user_id: 3,
        c.user_id: 0,
        d.user_id: 6,
    }
    assert all(s["place"] is None for s in standings["standings"])  # nobody is drawn before the end
    before = {r.user_id: await balance(r) for r in (a, b, c, d)}
    await finish(rt, made)
    done = await admin.ok("get", f"/contests/{made['id']}")
    assert done["state"] == "awarded" and done["draw_commitment"] == commitment
    seed = done["draw_seed"]
    assert hashlib.sha256(seed.encode()).hexdigest() == commitment
    results = (await admin.ok("get", f"/contests/{made['id']}/results"))["results"]
    tickets = {r["user_id"]: int(r["score"]) for r in results}
    assert tickets == {a.user_id: 1, b.user_id: 3, c.user_id: 0, d.user_id: 6}
    winners = recompute(seed, tickets, 2)
    assert sorted((r["place"], r["user_id"]) for r in results if r["place"]) == [
        (1, winners[0]),
        (2, winners[1]),
    ]
    assert c.user_id not in winners
    paid = {1: 100, 2: 40}
    for rep in (a, b, c, d):
        place = winners.index(rep.user_id) + 1 if rep.user_id in winners else None
        assert await balance(rep) == before[rep.user_id] + (paid[place] if place else 0)
    # the rep sees the revealed seed too, and their own drawn / not drawn line
    assert (await b.ok("get", f"/contests/{made['id']}"))["draw_seed"] == seed


async def test_chance_rules_bounded(client):
    admin = await fresh_org(client)
    meeting = await type_key(admin, "meet", points=5)
    r = await admin.post(
        "/contests",
        {
            "name": "x",
            "start_date": "2030-01-01",
            "end_date": "2030-01-02",
            "metric": meeting,
            "ticket_every": 3,
        },
    )
    assert_error(r, 400, "invalid_rules")  # ticket_every is the chance format's
    r = await admin.post(
        "/contests",
        {
            "name": "x",
            "start_date": "2030-01-01",
            "end_date": "2030-01-02",
            "metric": meeting,
            "format": "chance",
            "prizes": [{"threshold": 3, "points": 5}],
        },
    )
    assert_error(r, 400, "invalid_prize")
    draft = await contest(admin, launch=False, format="chance", metric=meeting, start_offset=1)
    assert draft["draw_commitment"] is None  # chosen at launch
    launched = await admin.ok("post", f"/contests/{draft['id']}/launch")
    assert len(launched["draw_commitment"]) == 64 and launched["draw_seed"] is None
