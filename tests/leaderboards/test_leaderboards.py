"""Org leaderboards as users read them: scores, competition ranks, tie order, metrics,
windows and periods in the org's time zone, pagination and parameter errors."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.ledger.sync import sync_state
from tests.conftest import new_org
from tests.support.boards import WINDOWS, add_rep, batch, fresh_org, iso, ranked, scores


async def test_board_shape_exact_scores_and_competition_ranks(client):
    admin = await fresh_org(client)
    ann, bob, cid, dee = [await add_rep(admin, display_name=n) for n in ("Ann", "Bob", "Cid", "Dee")]
    team = await admin.ok("post", "/teams", {"name": "North"}, status=201)
    await admin.ok("patch", f"/users/{dee}", {"team_id": team["id"]})
    # One batch: one created_at, so Bob and Cid tie on both score and time.
    await batch(admin, [
        {"type": "meeting_booked", "quantity": 3, "user_id": ann},  # 30
        {"type": "meeting_booked", "quantity": 2, "user_id": bob},  # 20
        {"type": "call", "quantity": 10, "user_id": cid},           # 20
        {"type": "meeting_booked", "quantity": 1, "user_id": dee},  # 10
    ])
    body = await admin.board("points", window="week")
    today = datetime.now(UTC).date()
    monday = today - timedelta(days=today.weekday())
    tied = body["entries"][1:3]
    assert {e["user_id"] for e in tied} == {bob, cid}
    names = {bob: "Bob", cid: "Cid"}
    assert body == {
        "metric": "points", "window": "week", "segment": "org",
        "period": {"id": f"w{monday.isoformat()}",
                   "start": f"{monday.isoformat()}T00:00:00Z",
                   "end": f"{(monday + timedelta(days=7)).isoformat()}T00:00:00Z"},
        "total": 4,
        "entries": [
            {"rank": 1, "user_id": ann, "display_name": "Ann", "team_id": None, "score": 30},
            *({"rank": 2, "user_id": e["user_id"], "display_name": names[e["user_id"]], "team_id": None,
               "score": 20} for e in tied),
            {"rank": 4, "user_id": dee, "display_name": "Dee", "team_id": team["id"], "score": 10},
        ],
    }
    # The same on every window: all four activities are in each current period.
    for window in WINDOWS:
        board = await admin.board("points", window=window)
        assert [(r, s) for r, _, s in ranked(board)] == [(1, 30), (2, 20), (2, 20), (4, 10)], window


async def test_equal_scores_list_whoever_reached_the_score_first_first(client):
    admin = await fresh_org(client)
    a, b = await add_rep(admin), await add_rep(admin)
    # Make the rep who gets there first the one Redis would put second on a pure
    # member-id tie (it orders equal scores by member, descending).
    early, late = sorted((a, b), key=str)
    await admin.log("call", quantity=2, user_id=late)            # late is on the board first, with 4
    await admin.log("meeting_booked", user_id=early)             # early reaches 10
    await asyncio.sleep(1.1)                                      # tie-break resolution is 1 s
    await admin.log("call", quantity=3, user_id=late)            # late reaches 10, more than 1 s later
    for window in ("day", "week", "month", "quarter"):
        board = await admin.board("points", window=window)
        assert ranked(board) == [(1, early, 10), (1, late, 10)], window
    # All-time breaks ties by the hour: equal rank and score is what is guaranteed there.
    board = await admin.board("points", window="all")
    assert sorted(ranked(board)) == sorted([(1, early, 10), (1, late, 10)])


async def test_activity_type_boards_count_units_and_sum_deal_value(client):
    admin = await fresh_org(client)
    ann, bob = await add_rep(admin), await add_rep(admin)
    await admin.log("call", quantity=3, user_id=ann)
    await admin.log("call", quantity=2, user_id=ann)
    await admin.log("call", quantity=4, user_id=bob)
    await admin.log("email", quantity=4, user_id=ann)
    won = await admin.log("deal_won", value=1234.5, user_id=ann)   # 50 + round(12.345)
    assert won["points_awarded"] == 62
    await admin.log("deal_won", value=100, user_id=bob)            # 50 + 1
    await admin.log("deal_won", value=250.25, user_id=bob)         # 50 + round(2.5025)
    for window in WINDOWS:
        assert ranked(await admin.board("call", window=window)) == [(1, ann, 5), (2, bob, 4)]
        assert ranked(await admin.board("email", window=window)) == [(1, ann, 4)]
        # deal_won scores value (whole units), not the count of deals.
        assert ranked(await admin.board("deal_won", window=window)) == [(1, ann, 1235), (2, bob, 350)]
        assert ranked(await admin.board("points", window=window)) == [(1, bob, 8 + 51 + 53), (2, ann, 10 + 4 + 62)]
        empty = await admin.board("meeting_booked", window=window)
        assert (empty["total"], empty["entries"]) == (0, [])


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)


async def test_current_periods_follow_the_org_time_zone_and_week_start(client):
    tz_name = "America/New_York"
    admin = await fresh_org(client, timezone=tz_name, week_start="sunday")
    tz = ZoneInfo(tz_name)
    today = datetime.now(tz).date()
    sunday = today - timedelta(days=(today.weekday() + 1) % 7)
    month = today.replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    q = (today.month - 1) // 3
    quarter = date(today.year, 3 * q + 1, 1)
    next_quarter = date(today.year + (q == 3), (3 * q + 3) % 12 + 1, 1)
    expected = {
        "day": (today.isoformat(), today, today + timedelta(days=1)),
        "week": (f"w{sunday.isoformat()}", sunday, sunday + timedelta(days=7)),
        "month": (f"{today.year:04d}-{today.month:02d}", month, next_month),
        "quarter": (f"{today.year:04d}-Q{q + 1}", quarter, next_quarter),
    }
    for window, (pid, first, nxt) in expected.items():
        period = (await admin.board("points", window=window))["period"]
        assert period == {"id": pid, "start": iso(_midnight(first, tz)), "end": iso(_midnight(nxt, tz))}, window
    assert (await admin.board("points", window="all"))["period"] == {
        "id": "all", "start": "2020-01-01T00:00:00Z", "end": None}


NY = "America/New_York"
SANTIAGO = "America/Santiago"  # DST starts at midnight: 2026-09-06 begins at 01:00


@pytest.mark.parametrize("tz,window,pid,start,end", [
    (NY, "day", "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z"),   # 23 h: clocks go forward
    (NY, "day", "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z"),   # 25 h: clocks go back
    (NY, "week", "w2026-11-15", "2026-11-15T05:00:00Z", "2026-11-22T05:00:00Z"),
    (NY, "week", "w2026-03-08", "2026-03-08T05:00:00Z", "2026-03-15T04:00:00Z"),
    (NY, "month", "2026-11", "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z"),
    (NY, "quarter", "2026-Q4", "2026-10-01T04:00:00Z", "2027-01-01T05:00:00Z"),
    (NY, "all", "all", "2020-01-01T00:00:00Z", None),
    (SANTIAGO, "day", "2026-09-05", "2026-09-05T04:00:00Z", "2026-09-06T04:00:00Z"),
    (SANTIAGO, "day", "2026-09-06", "2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z"),
    (SANTIAGO, "day", "2026-04-04", "2026-04-04T03:00:00Z", "2026-04-05T04:00:00Z"),
])
async def test_named_periods_in_the_org_time_zone(client, tz, window, pid, start, end):
    admin = await new_org(client, timezone=tz, week_start="sunday")
    body = await admin.board("points", window=window, period=pid)
    assert body["period"] == {"id": pid, "start": start, "end": end}
    assert (body["total"], body["entries"]) == (0, [])


async def test_backdated_activity_lands_on_its_local_day_and_is_read_by_period(client):
    tz_name = "America/New_York"
    admin = await fresh_org(client, timezone=tz_name)
    rep = await add_rep(admin)
    tz = ZoneInfo(tz_name)
    today = datetime.now(tz).date()
    yesterday = today - timedelta(days=1)
    # One hour before local midnight: already "today" in UTC for most of the year's evenings,
    # but yesterday in New York.
    occurred = _midnight(today, tz) - timedelta(hours=1)
    await admin.log("meeting_booked", user_id=rep, occurred_at=iso(occurred))
    await admin.log("call", user_id=rep)
    past = await admin.board("points", window="day", period=yesterday.isoformat())
    assert past["period"] == {"id": yesterday.isoformat(), "start": iso(_midnight(yesterday, tz)),
                              "end": iso(_midnight(today, tz))}
    assert ranked(past) == [(1, rep, 10)]
    assert ranked(await admin.board("points", window="day")) == [(1, rep, 2)]
    assert ranked(await admin.board("meeting_booked", window="day", period=yesterday.isoformat())) == [(1, rep, 1)]
    assert ranked(await admin.board("points", window="all")) == [(1, rep, 12)]


async def test_pages_cut_through_a_tie_and_keep_competition_ranks(client):
    admin = await fresh_org(client)
    reps = [await add_rep(admin) for _ in range(5)]
    await batch(admin, [{"type": "meeting_booked", "quantity": q, "user_id": u}
                        for u, q in zip(reps, (3, 2, 2, 2, 1), strict=True)])
    full = await admin.board("points", window="week")
    assert [(r, s) for r, _, s in ranked(full)] == [(1, 30), (2, 20), (2, 20), (2, 20), (5, 10)]
    pages = {}
    for offset in range(6):
        page = await admin.board("points", window="week", limit=2, offset=offset)
        assert page["total"] == 5
        pages[offset] = ranked(page)
    assert pages[0] == ranked(full)[0:2]
    assert pages[2] == ranked(full)[2:4]
    assert [(r, s) for r, _, s in pages[2]] == [(2, 20), (2, 20)]
    assert [(r, s) for r, _, s in pages[3]] == [(2, 20), (5, 10)]
    assert pages[4] == [(5, reps[4], 10)]
    assert pages[5] == []
    assert pages[0] + pages[2] + pages[4] == ranked(full)


async def test_limit_and_offset_bounds(client):
    admin = await new_org(client)
    for limit in (0, 201, -1):
        r = await admin.get("/leaderboards/points", limit=limit)
        assert r.status_code == 400, limit
        assert r.json()["error"]["code"] == "invalid_limit"
    for limit in (1, 200):
        assert (await admin.get("/leaderboards/points", limit=limit)).status_code == 200
    r = await admin.get("/leaderboards/points", offset=-1)
    assert (r.status_code, r.json()["error"]["code"]) == (400, "invalid_offset")
    r = await admin.get("/leaderboards/points", limit="ten")
    assert (r.status_code, r.json()["error"]["code"]) == (400, "invalid_request")


@pytest.mark.parametrize("params,status,code", [
    ({"window": "year"}, 400, "invalid_window"),
    ({"window": "Day"}, 400, "invalid_window"),
    ({"segment": "galaxy:1"}, 400, "invalid_segment"),
    ({"segment": "team:north"}, 400, "invalid_segment"),
    ({"segment": "region:"}, 400, "invalid_segment"),
    ({"segment": "team"}, 400, "invalid_segment"),
    ({"window": "day", "period": "2026-13-01"}, 400, "invalid_period"),
    ({"window": "day", "period": "yesterday"}, 400, "invalid_period"),
    ({"window": "week", "period": "w2026-11-17"}, 400, "invalid_period"),   # a Tuesday
    ({"window": "week", "period": "2026-11-16"}, 400, "invalid_period"),
    ({"window": "month", "period": "2026-13"}, 400, "invalid_period"),
    ({"window": "month", "period": "2026-1"}, 400, "invalid_period"),
    ({"window": "quarter", "period": "2026-Q5"}, 400, "invalid_period"),
    ({"window": "all", "period": "2026"}, 400, "invalid_period"),
])
async def test_invalid_board_parameters(client, params, status, code):
    admin = await new_org(client)
    r = await admin.get("/leaderboards/points", **params)
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code


async def test_unknown_metric_is_404(client):
    admin = await new_org(client)
    r = await admin.get("/leaderboards/cold_calls", window="week")
    assert (r.status_code, r.json()["error"]["code"]) == (404, "unknown_metric")
    # An activity type of another org is not a metric here either.
    other = await new_org(client)
    await other.ok("post", "/activity-types", {"key": "demo_given", "label": "Demo", "points": 5}, status=201)
    r = await admin.get("/leaderboards/demo_given")
    assert (r.status_code, r.json()["error"]["code"]) == (404, "unknown_metric")
    assert (await other.board("demo_given"))["total"] == 0


async def test_a_new_activity_type_gets_a_board(client):
    admin = await fresh_org(client)
    rep = await add_rep(admin)
    await admin.ok("post", "/activity-types", {"key": "demo_given", "label": "Demo", "points": 5}, status=201)
    out = await admin.log("demo_given", quantity=2, user_id=rep)
    assert out["points_awarded"] == 10
    assert scores(await admin.board("demo_given", window="day")) == {rep: 2}
    assert scores(await admin.board("points", window="day")) == {rep: 10}


async def test_an_activity_type_cannot_take_the_points_boards_name(client):
    admin = await new_org(client)
    r = await admin.post("/activity-types", {"key": "points", "label": "Points", "points": 5})
    assert (r.status_code, r.json()["error"]["code"]) == (400, "reserved_key")
    rep = await add_rep(admin)
    await admin.log("call", user_id=rep)
    assert scores(await admin.board("points", window="all")) == {rep: 2}


async def test_a_new_time_zone_and_week_start_move_the_boards(client, rt):
    admin = await fresh_org(client)
    rep = await add_rep(admin)
    yesterday_utc = datetime.now(UTC).date() - timedelta(days=1)
    early = datetime(yesterday_utc.year, yesterday_utc.month, yesterday_utc.day, 2, tzinfo=UTC)
    await admin.log("meeting_booked", user_id=rep, occurred_at=iso(early))
    now = datetime.now(UTC)
    await admin.log("call", user_id=rep)
    assert ranked(await admin.board("points", window="day", period=yesterday_utc.isoformat())) == [(1, rep, 10)]

    await admin.ok("patch", "/org", {"timezone": "America/New_York", "week_start": "sunday"})
    await sync_state(rt).rebuilds[admin.org_id]
    tz = ZoneInfo("America/New_York")
    # 02:00 UTC is the evening before in New York.
    days: dict[str, int] = {}
    weeks: dict[str, int] = {}
    for at, points in ((early, 10), (now, 2)):
        local = at.astimezone(tz).date()
        sunday = local - timedelta(days=(local.weekday() + 1) % 7)
        days[local.isoformat()] = days.get(local.isoformat(), 0) + points
        weeks[f"w{sunday.isoformat()}"] = weeks.get(f"w{sunday.isoformat()}", 0) + points
    assert early.astimezone(tz).date() == yesterday_utc - timedelta(days=1)
    for pid, total in days.items():
        assert ranked(await admin.board("points", window="day", period=pid)) == [(1, rep, total)], pid
    for pid, total in weeks.items():
        assert ranked(await admin.board("points", window="week", period=pid)) == [(1, rep, total)], pid
    if yesterday_utc.isoformat() not in days:
        assert (await admin.board("points", window="day", period=yesterday_utc.isoformat()))["entries"] == []
    monday = yesterday_utc - timedelta(days=yesterday_utc.weekday())
    r = await admin.get("/leaderboards/points", window="week", period=f"w{monday.isoformat()}")  # a Monday
    assert (r.status_code, r.json()["error"]["code"]) == (400, "invalid_period")
    assert ranked(await admin.board("points", window="all")) == [(1, rep, 12)]
