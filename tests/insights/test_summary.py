"""The manager summary on a known team: engagement against baselines, the attainment spread and
the fairness figure, leading vs lagging on a constructed history, and who may read it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.conftest import new_org
from tests.support.api import assert_error
from tests.targets.support import Clocked, history, org_with_type, put_targets, team

FEB = [date(2027, 2, d) for d in range(1, 10)]  # 1..9 February: the days over on the 10th


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _working(first: date, end: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((end - first).days)
            if (first + timedelta(days=i)).weekday() < 5]


async def known_team(c: Clocked):
    """Four reps: A steady at 2 a day, B down from 1 a day to one burst, C new (one Saturday), D idle."""
    c.at(2027, 1, 2, 12)
    admin, key = await org_with_type(c, "UTC", points=5)
    t = await team(admin)
    a, b, new, idle = [await admin.user(team_id=t, display_name=n) for n in ("A", "B", "C", "D")]
    other = await admin.user(team_id=await team(admin))
    baseline_days = _working(date(2027, 1, 4), date(2027, 2, 1))
    assert len(baseline_days) == 20
    items = [(a.user_id, key, _at(d), {"quantity": 2}) for d in baseline_days + _working(FEB[0], FEB[-1] + timedelta(1))]
    items += [(b.user_id, key, _at(d), {"quantity": 1}) for d in baseline_days]
    items += [(b.user_id, key, _at(FEB[0]), {"quantity": 3}), (new.user_id, key, _at(date(2027, 2, 6)), {}),
              (other.user_id, key, _at(FEB[0]), {"quantity": 50})]
    await history(c, admin, items)
    c.at(2027, 2, 1, 9)
    await put_targets(admin, "points", "month", "2027-02-01", {a.user_id: 100, b.user_id: 50, new.user_id: 10,
                                                               idle.user_id: 20})
    c.at(2027, 2, 3, 12)
    for rep in (a, b):
        await admin.ok("post", "/kudos", {"to_user_id": rep.user_id, "message": "thanks"}, status=201)
    c.at(2027, 2, 10, 12)  # Wednesday: 7 of February's 20 working days are over
    return admin, key, t, (a, b, new, idle)


async def test_the_summary_of_a_known_team(clocked: Clocked):
    admin, key, t, (a, b, new, idle) = await known_team(clocked)
    s = await admin.ok("get", "/insights/summary", team_id=t, period="month")
    assert (s["team_id"], s["period"]["id"], s["as_of"]) == (t, "2027-02", "2027-02-09")
    assert s["pace"] == {"working_days": 20, "elapsed": 7, "share": 0.35}

    e = s["engagement"]
    assert (e["reps"], e["dau"], e["wau"], e["dau_wau"], e["active_today"]) == (4, 1.1429, 2, 0.5714, 0)
    assert [(d["day"], d["active_reps"]) for d in e["days"]] == [
        ("2027-02-01", 2), ("2027-02-02", 1), ("2027-02-03", 1), ("2027-02-04", 1), ("2027-02-05", 1),
        ("2027-02-06", 1), ("2027-02-07", 0), ("2027-02-08", 1), ("2027-02-09", 1)]
    assert [(r["display_name"], r["activity"], r["per_working_day"], r["baseline_per_day"], r["ratio"])
            for r in e["per_rep"]] == [("A", 14, 2.0, 2.0, 1.0), ("B", 3, 0.4286, 1.0, 0.4286),
                                       ("C", 1, 0.1429, None, None), ("D", 0, 0.0, None, None)]
    weekly = e["weekly"]
    assert len(weekly) == 12 and weekly[0]["week"] == "w2026-11-23"
    assert [(w["week"], w["active_reps"], w["dau"], w["median_ratio"]) for w in weekly[-3:]] == [
        ("w2027-01-25", 2, 2.0, 1.0), ("w2027-02-01", 3, 1.2, 0.8), ("w2027-02-08", 1, 1.0, 0.5)]
    assert (weekly[0]["active_reps"], weekly[0]["dau"], weekly[0]["median_ratio"]) == (0, 0.0, 0.0)

    att = s["attainment"]
    assert (att["reps"], att["reps_with_wins"], att["wins_share"], att["wins"]) == (4, 2, 0.5, 2)
    # attainments 0, 0.3, 0.5, 0.7: linear interpolation between closest ranks
    assert att["metrics"] == [{"metric": "points", "metric_kind": "points", "reps_with_target": 4, "median": 0.4,
                               "p10": 0.09, "p25": 0.225, "p75": 0.55, "p90": 0.64, "spread": 7.1111,
                               "on_pace": 2, "on_pace_share": 0.5}]
    assert s["contests"] == []
    assert [(o["action"], o["taken"]) for o in s["outcomes"]] == [
        ("micro_contest", 0), ("easier_missions", 0), ("recognize", 0), ("check_in", 0)]
    # the reps started logging in the 12th week of the window: one week each is too little to tell
    assert [(k["type"], k["rho"], k["n"], k["strength"], k["verdict"]) for k in s["leading_lagging"]["links"]] == [
        (key, None, 0, "too_little_data", "Calls: too little data to tell (0 rep-weeks, 20 needed)")]

    whole = await admin.ok("get", "/insights/summary", period="month")
    assert whole["team_id"] is None and whole["engagement"]["reps"] == 5  # the org: the other team's rep too


async def test_leading_vs_lagging_on_a_constructed_history(clocked: Clocked):
    """Each rep's calls in a week are followed by deals worth 1,000 per call the week after; emails
    follow a pattern of their own. Calls predict won value, emails do not."""
    c = clocked
    c.at(2027, 1, 2, 12)
    admin, calls = await org_with_type(c, "UTC", points=1)
    emails = "mail_" + calls
    await admin.ok("post", "/activity-types", {"key": emails, "label": "Emails", "points": 1}, status=201)
    reps = [await admin.user() for _ in range(10)]
    first = date(2027, 1, 18)  # week 0 of the 16 the summary of 12 May looks at
    items = []
    for r, rep in enumerate(reps, start=1):
        for w in range(16):
            day = first + timedelta(weeks=w, days=1)
            n_calls = 20 * r + w
            items.append((rep.user_id, calls, _at(day), {"quantity": n_calls}))
            items.append((rep.user_id, emails, _at(day), {"quantity": (r * 37 + w * 11) % 13 + 1}))
            if w:
                items.append((rep.user_id, "deal_won", _at(day, 11), {"value": 1000.0 * (20 * r + w - 1)}))
    await history(c, admin, items)
    c.at(2027, 5, 12, 12)
    s = await admin.ok("get", "/insights/summary", period="month")
    ll = s["leading_lagging"]
    assert (ll["won"], ll["weeks"], ll["lag_weeks"]) == ("deal won value", 12, 4)
    by_type = {k["type"]: k for k in ll["links"]}
    assert set(by_type) == {calls, emails}
    assert (by_type[calls]["n"], by_type[calls]["rho"], by_type[calls]["strength"], by_type[calls]["significant"]) \
        == (120, 1.0, "strong", True)
    assert by_type[calls]["verdict"] == ("Calls: strong link to deal won value in the following 4 weeks over 12 "
                                         "weeks (n = 120, ρ = +1.00): a rep's weeks with more of it are followed "
                                         "by more deal won value")
    assert (by_type[emails]["n"], by_type[emails]["strength"], by_type[emails]["significant"]) == (120, "none", False)
    assert by_type[emails]["verdict"].startswith("Emails: no link to deal won value in the following 4 weeks over "
                                                 "12 weeks (n = 120, ρ = ")


async def test_who_may_read_the_summary(clocked: Clocked):
    admin, key, t, (a, *_) = await known_team(clocked)
    t2 = await team(admin)
    manager = await admin.user("manager", team_id=t)
    assert (await manager.ok("get", "/insights/summary"))["team_id"] == t
    assert_error(await manager.get("/insights/summary", team_id=t2), 403, "not_your_team")
    assert_error(await a.get("/insights/summary"), 403, "forbidden")
    other = await new_org(clocked.client)
    assert_error(await other.get("/insights/summary", team_id=t), 404, "team_not_found")
    assert (await other.ok("get", "/insights/summary"))["engagement"]["reps"] == 0
    d = await admin.ok("post", "/displays", {"name": "Lobby"}, status=201)
    token = (await clocked.client.post("/api/v1/displays/pair", json={"code": d["pairing_code"]})).json()[
        "display_token"]
    r = await clocked.client.get("/api/v1/insights/summary", headers={"authorization": f"Bearer {token}"})
    assert_error(r, 403, "display_forbidden")  # not what a TV shows
    assert_error(await manager.patch("/insights/settings", {"inactive_days": 4}), 403, "forbidden")
    assert (await admin.ok("patch", "/insights/settings", {"inactive_days": 4}))["inactive_days"] == 4
    assert_error(await admin.patch("/insights/settings", {"inactive_days": 0}), 400, "invalid_setting")
    assert (await manager.ok("get", "/insights/settings"))["inactive_days"] == 4
    assert_error(await a.get("/insights/settings"), 403, "forbidden")
