"""Segment boards (team, region, job role, shift), around-me, and who is on a board at all."""

from __future__ import annotations

from server.ledger.sync import sync_state
from tests.conftest import new_org
from tests.support.boards import WINDOWS, add_rep, batch, fresh_org, ranked, scores


async def _segmented_org(client):
    """Two teams and a few reps with known points:

    name  team  region  job_role  shift   points
    a     T1    East    SDR       day     30
    b     T1    East    AE        night   20
    c     T1    East    AE        day     20
    d     T1    East    SDR       night   10
    e     T2    West    SDR       night   50
    f     T2    West    AE        day      0 (no activity)
    g     -     East    AE        -       25
    """
    admin = await fresh_org(client)
    t1 = (await admin.ok("post", "/teams", {"name": "T1", "region": "East"}, status=201))["id"]
    t2 = (await admin.ok("post", "/teams", {"name": "T2", "region": "West"}, status=201))["id"]
    spec = {
        "a": dict(team_id=t1, job_role="SDR", shift="day"),
        "b": dict(team_id=t1, job_role="AE", shift="night"),
        "c": dict(team_id=t1, job_role="AE", shift="day"),
        "d": dict(team_id=t1, job_role="SDR", shift="night"),
        "e": dict(team_id=t2, job_role="SDR", shift="night"),
        "f": dict(team_id=t2, job_role="AE", shift="day"),
        "g": dict(region="East", job_role="AE"),
    }
    ids = {name: await add_rep(admin, display_name=name, **fields) for name, fields in spec.items()}
    await batch(admin, [
        {"type": "meeting_booked", "quantity": 3, "user_id": ids["a"]},
        {"type": "meeting_booked", "quantity": 2, "user_id": ids["b"]},
        {"type": "call", "quantity": 10, "user_id": ids["c"]},
        {"type": "meeting_booked", "quantity": 1, "user_id": ids["d"]},
        {"type": "meeting_booked", "quantity": 5, "user_id": ids["e"]},
        {"type": "email", "quantity": 25, "user_id": ids["g"]},
    ])
    return admin, ids, t1, t2


def _by_name(board, ids) -> list[tuple[int, str, int]]:
    names = {v: k for k, v in ids.items()}
    return [(r, names[u], s) for r, u, s in ranked(board)]


def _tie_free(rows):
    """Rows with the order inside equal ranks made canonical (tied entries may come either way)."""
    return sorted(rows, key=lambda row: (row[0], row[1]))


async def test_segment_boards_rank_only_their_members(client):
    admin, ids, t1, t2 = await _segmented_org(client)
    for window in WINDOWS:
        team1 = await admin.board("points", window=window, segment=f"team:{t1}")
        assert team1["segment"] == f"team:{t1}"
        assert team1["total"] == 4
        assert _tie_free(_by_name(team1, ids)) == [(1, "a", 30), (2, "b", 20), (2, "c", 20), (4, "d", 10)]
        assert {e["team_id"] for e in team1["entries"]} == {t1}
        team2 = await admin.board("points", window=window, segment=f"team:{t2}")
        assert (team2["total"], _by_name(team2, ids)) == (1, [(1, "e", 50)])
        east = await admin.board("points", window=window, segment="region:East")
        assert _tie_free(_by_name(east, ids)) == [(1, "a", 30), (2, "g", 25), (3, "b", 20), (3, "c", 20),
                                                  (5, "d", 10)]
        sdr = await admin.board("points", window=window, segment="job_role:SDR")
        assert _by_name(sdr, ids) == [(1, "e", 50), (2, "a", 30), (3, "d", 10)]
        night = await admin.board("points", window=window, segment="shift:night")
        assert _by_name(night, ids) == [(1, "e", 50), (2, "b", 20), (3, "d", 10)]
    # Type boards segment the same way.
    calls = await admin.board("call", window="week", segment=f"team:{t1}")
    assert _by_name(calls, ids) == [(1, "c", 10)]
    # Names are matched exactly.
    assert (await admin.board("points", segment="region:east"))["total"] == 0
    assert (await admin.board("points", segment="shift:weekend"))["entries"] == []


async def test_segment_pages_cut_through_a_tie(client):
    admin, ids, t1, _ = await _segmented_org(client)
    full = ranked(await admin.board("points", segment="region:East"))
    page = await admin.board("points", segment="region:East", limit=2, offset=3)
    assert page["total"] == 5
    assert ranked(page) == full[3:5]
    assert [(r, s) for r, _, s in ranked(page)] == [(3, 20), (5, 10)]
    page = await admin.board("points", segment=f"team:{t1}", limit=1, offset=2)
    assert [(r, s) for r, _, s in ranked(page)] == [(2, 20)]


async def test_segments_follow_current_membership(client):
    admin, ids, t1, t2 = await _segmented_org(client)
    await admin.ok("patch", f"/users/{ids['b']}", {"team_id": t2})
    team1 = await admin.board("points", segment=f"team:{t1}")
    assert _tie_free(_by_name(team1, ids)) == [(1, "a", 30), (2, "c", 20), (3, "d", 10)]
    team2 = await admin.board("points", segment=f"team:{t2}")
    assert _by_name(team2, ids) == [(1, "e", 50), (2, "b", 20)]
    org_board = await admin.board("points")
    assert next(e["team_id"] for e in org_board["entries"] if e["user_id"] == ids["b"]) == t2


async def test_unknown_and_foreign_teams_are_404(client):
    admin, ids, t1, _ = await _segmented_org(client)
    other = await new_org(client)
    foreign = (await other.ok("post", "/teams", {"name": "Theirs"}, status=201))["id"]
    for team_id in (foreign, 10**9):
        r = await admin.get("/leaderboards/points", segment=f"team:{team_id}")
        assert (r.status_code, r.json()["error"]["code"]) == (404, "team_not_found")
        r = await admin.get(f"/leaderboards/points/around/{ids['a']}", segment=f"team:{team_id}")
        assert (r.status_code, r.json()["error"]["code"]) == (404, "team_not_found")
    # The other org sees its own team, empty, and nothing of ours.
    assert (await other.board("points", segment=f"team:{foreign}"))["entries"] == []
    assert (await other.board("points"))["entries"] == []


async def test_around_me(client):
    admin = await fresh_org(client)
    names = ("A", "B", "C", "D", "E", "F")
    ids = {n: await add_rep(admin, display_name=n) for n in names}
    await batch(admin, [{"type": "meeting_booked", "quantity": q, "user_id": ids[n]}
                        for n, q in (("A", 5), ("B", 4), ("C", 3), ("D", 3), ("E", 1))])
    uid = {v: k for k, v in ids.items()}

    async def around(name, **params):
        body = await admin.ok("get", f"/leaderboards/points/around/{ids[name]}", **params)
        rows = [(r, uid[u], s) for r, u, s in ranked(body)]
        return body, rows

    body, rows = await around("B", radius=1)
    assert body["total"] == 5
    assert rows[:2] == [(1, "A", 50), (2, "B", 40)]
    assert rows[2][0::2] == (3, 30) and rows[2][1] in ("C", "D")
    assert body["user"] == {"rank": 2, "user_id": ids["B"], "display_name": "B", "team_id": None, "score": 40}

    body, rows = await around("E", radius=2)
    assert _tie_free(rows) == [(3, "C", 30), (3, "D", 30), (5, "E", 10)]
    assert rows[-1] == (5, "E", 10)
    assert (body["user"]["rank"], body["user"]["score"]) == (5, 10)

    body, rows = await around("A", radius=0)
    assert rows == [(1, "A", 50)] and body["user"]["rank"] == 1

    # Around a tied rep: both sides of the tie keep the shared rank.
    body, rows = await around("D", radius=1)
    assert [r for r, _, _ in rows] in ([2, 3, 3], [3, 3, 5])
    assert body["user"] == {"rank": 3, "user_id": ids["D"], "display_name": "D", "team_id": None, "score": 30}

    # Not on the board yet: rank total + 1, score 0, and the bottom of the board above them.
    body, rows = await around("F", radius=2)
    assert body["total"] == 5
    assert body["user"] == {"rank": 6, "user_id": ids["F"], "display_name": "F", "team_id": None, "score": 0}
    assert [(r, s) for r, _, s in rows] == [(3, 30), (5, 10)]
    body, rows = await around("F", radius=0)
    assert rows == [] and body["user"]["rank"] == 6

    # The plain board has no `user`.
    assert "user" not in await admin.board("points")


async def test_around_me_in_a_segment(client):
    admin, ids, t1, t2 = await _segmented_org(client)
    body = await admin.ok("get", f"/leaderboards/points/around/{ids['d']}", segment=f"team:{t1}", radius=1)
    assert body["segment"] == f"team:{t1}" and body["total"] == 4
    assert [(r, s) for r, _, s in ranked(body)] == [(2, 20), (4, 10)]
    assert body["user"] == {"rank": 4, "user_id": ids["d"], "display_name": "d", "team_id": t1, "score": 10}
    body = await admin.ok("get", f"/leaderboards/points/around/{ids['f']}", segment=f"team:{t2}", radius=3)
    assert body["user"] == {"rank": 2, "user_id": ids["f"], "display_name": "f", "team_id": t2, "score": 0}
    assert ranked(body) == [(1, ids["e"], 50)]
    body = await admin.ok("get", f"/leaderboards/call/around/{ids['c']}", segment="region:East", window="day")
    assert body["user"]["rank"] == 1 and body["user"]["score"] == 10 and body["total"] == 1


async def test_around_me_bounds_and_other_orgs(client):
    admin = await new_org(client)
    rep = await add_rep(admin)
    for radius in (-1, 51):
        r = await admin.get(f"/leaderboards/points/around/{rep}", radius=radius)
        assert (r.status_code, r.json()["error"]["code"]) == (400, "invalid_radius"), radius
    assert (await admin.get(f"/leaderboards/points/around/{rep}", radius=50)).status_code == 200
    other = await new_org(client)
    stranger = await add_rep(other)
    await other.log("call", user_id=stranger)
    for user_id in (stranger, other.user_id, 10**9):
        r = await admin.get(f"/leaderboards/points/around/{user_id}")
        assert (r.status_code, r.json()["error"]["code"]) == (404, "user_not_found")
    r = await admin.get(f"/leaderboards/nope/around/{rep}")
    assert (r.status_code, r.json()["error"]["code"]) == (404, "unknown_metric")


async def test_deactivated_rep_leaves_every_board_and_returns_when_reactivated(client, rt):
    admin, ids, t1, _ = await _segmented_org(client)
    a = ids["a"]
    before = {(m, w): scores(await admin.board(m, window=w)) for m in ("points", "meeting_booked") for w in WINDOWS}
    assert all(a in s for s in before.values())
    await admin.ok("patch", f"/users/{a}", {"active": False})
    for (metric, window), was in before.items():
        board = await admin.board(metric, window=window)
        assert scores(board) == {u: s for u, s in was.items() if u != a}, (metric, window)
        assert board["total"] == len(was) - 1
    team1 = await admin.board("points", segment=f"team:{t1}")
    assert _tie_free(_by_name(team1, ids)) == [(1, "b", 20), (1, "c", 20), (3, "d", 10)]
    assert ranked(await admin.board("points", segment="job_role:SDR")) == [(1, ids["e"], 50), (2, ids["d"], 10)]
    me = await admin.ok("get", f"/leaderboards/points/around/{a}", radius=0)
    assert (me["user"]["rank"], me["user"]["score"]) == (me["total"] + 1, 0)

    await admin.ok("patch", f"/users/{a}", {"active": True})
    await sync_state(rt).rebuilds[admin.org_id]
    for (metric, window), was in before.items():
        assert scores(await admin.board(metric, window=window)) == was, (metric, window)
    team1 = await admin.board("points", segment=f"team:{t1}")
    assert _by_name(team1, ids)[0] == (1, "a", 30)
