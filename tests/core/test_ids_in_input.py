"""Every id a request names is checked against the caller's org (issue 15, items 12 and 16): an
id of another org, or an id that is no one (0), answers 404, never "me", a 500 or a silently
empty board or list."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD, new_org
from tests.support.api import assert_error

CONTEST = {"name": "Blitz", "start_date": "2026-12-01", "end_date": "2026-12-31"}


@pytest.mark.parametrize("path", ["/users/0/profile", "/users/0/badges", "/users/-1/profile", "/users/-1/badges"])
async def test_user_zero_is_no_one(org, path):
    assert_error(await org.get(path), 404, "user_not_found")
    rep = await org.user()
    assert_error(await rep.get(path), 404, "user_not_found")


async def test_the_own_profile_and_badges_still_answer(org):
    assert (await org.ok("get", f"/users/{org.user_id}/profile"))["user_id"] == org.user_id
    assert (await org.ok("get", f"/users/{org.user_id}/badges"))["items"] == []


@pytest.fixture
async def two_orgs(client):
    """(a, b, the other org's things): b's team, rep and contest, named by a."""
    a, b = await new_org(client), await new_org(client)
    team = await b.ok("post", "/teams", {"name": "B team"}, status=201)
    rep = await b.user(team_id=team["id"])
    contest = await b.ok("post", "/contests", CONTEST, status=201)
    own_team = await a.ok("post", "/teams", {"name": "A team"}, status=201)
    own_rep = await a.user(team_id=own_team["id"])
    own_contest = await a.ok("post", "/contests", CONTEST, status=201)
    return a, {"team": team["id"], "rep": rep.user_id, "contest": contest["id"]}, {
        "team": own_team["id"], "rep": own_rep.user_id, "contest": own_contest["id"]}


# (method, path, body, code): {team}, {rep}, {contest} are the other org's ids
FOREIGN_IDS = [
    ("post", "/contests", {**CONTEST, "segments": ["team:{team}"]}, "team_not_found"),
    ("patch", "/contests/{own_contest}", {"segments": ["team:{team}"]}, "team_not_found"),
    ("post", "/displays", {"name": "TV", "boards": ["contest:{contest}"]}, "contest_not_found"),
    ("post", "/displays", {"name": "TV", "boards": ["lb:points:week:team:{team}"]}, "team_not_found"),
    ("post", "/displays", {"name": "TV", "boards": ["lb:points:week:org", "contest:{contest}"]}, "contest_not_found"),
    ("post", "/displays", {"name": "TV", "boards": ["lb:telepathy:week:org"]}, "unknown_metric"),
    ("get", "/users?team_id={team}", None, "team_not_found"),
    ("get", "/habits/team?team_id={team}", None, "team_not_found"),
    ("get", "/kudos?to_user_id={rep}", None, "user_not_found"),
    ("get", "/kudos?from_user_id={rep}", None, "user_not_found"),
    ("get", "/redemptions?user_id={rep}", None, "user_not_found"),
    ("get", "/leaderboards/points?segment=team:{team}", None, "team_not_found"),
    ("post", "/activities", {"type": "call", "user_id": "{rep}"}, "user_not_found"),
    ("post", "/users", {"email": "x@example.com", "display_name": "X", "password": PASSWORD,
                        "team_id": "{team}"}, "team_not_found"),
    ("post", "/kudos", {"to_user_id": "{rep}", "message": "hi"}, "user_not_found"),
    ("post", "/mission-templates", {"key": "m", "label": "M", "type": "call", "team_id": "{team}"}, "team_not_found"),
    ("post", "/mission-templates", {"key": "m", "label": "M", "type": "call", "user_id": "{rep}"}, "user_not_found"),
]


def _fill(value, ids: dict, own: dict):
    if isinstance(value, str):
        for k, v in ids.items():
            if value == "{" + k + "}":
                return v
            value = value.replace("{" + k + "}", str(v))
        return value.replace("{own_contest}", str(own["contest"]))
    if isinstance(value, dict):
        return {k: _fill(v, ids, own) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, ids, own) for v in value]
    return value


@pytest.mark.parametrize(("method", "path", "body", "code"), FOREIGN_IDS, ids=[f"{m} {p} {c}" for m, p, _, c in FOREIGN_IDS])
async def test_an_id_of_another_org_is_a_404(two_orgs, method, path, body, code):
    a, theirs, own = two_orgs
    path, body = _fill(path, theirs, own), _fill(body, theirs, own)
    if method == "get":
        r = await a.client.get(f"/api/v1{path}", headers=a.headers)
    else:
        r = await getattr(a, method)(path, body)
    assert_error(r, 404, code)


@pytest.mark.parametrize(("method", "path", "body", "code"), FOREIGN_IDS, ids=[f"{m} {p}" for m, p, _, _ in FOREIGN_IDS])
async def test_the_same_ids_of_ones_own_org_are_taken(two_orgs, method, path, body, code):
    a, _, own = two_orgs
    if code == "unknown_metric":
        body = {"name": "TV", "boards": ["lb:call:week:org"]}
    path, body = _fill(path, own, own), _fill(body, own, own)
    if method == "get":
        r = await a.client.get(f"/api/v1{path}", headers=a.headers)
    else:
        r = await getattr(a, method)(path, body)
    assert r.status_code in (200, 201), (path, body, r.text)


async def test_a_display_shows_only_boards_of_its_org(two_orgs):
    a, theirs, own = two_orgs
    tv = await a.ok("post", "/displays", {"name": "TV", "boards": [f"contest:{own['contest']}"]}, status=201)
    assert_error(await a.patch(f"/displays/{tv['id']}", {"boards": [f"contest:{theirs['contest']}"]}),
                 404, "contest_not_found")
    assert (await a.ok("get", f"/displays/{tv['id']}"))["boards"] == [f"contest:{own['contest']}"]
