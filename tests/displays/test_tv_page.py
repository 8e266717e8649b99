"""The TV page over plain HTTP: one page, reachable with and without the trailing slash."""

from __future__ import annotations

import re


async def test_tv_without_the_trailing_slash_redirects_to_the_page_whose_assets_load(client):
    r = await client.get("/tv")
    assert r.status_code == 301
    assert r.headers["location"] == "tv/"  # relative: also right behind a reverse proxy's path prefix
    r = await client.get("/tv?x=1")
    assert (r.status_code, r.headers["location"]) == (301, "tv/?x=1")
    page = await client.get("/tv", follow_redirects=True)
    assert page.status_code == 200 and str(page.url) == "http://test/tv/"
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sorted(assets) == ["tv.css", "tv.js"]
    for asset in assets:  # resolved against the page's URL, as a browser does
        r = await client.get(str(page.url.join(asset)))
        assert r.status_code == 200, asset
        assert r.headers["content-type"].startswith("text/css" if asset.endswith(".css") else "text/javascript")
    # tv.js is a module that speaks the protocol through the typed client's compiled copy (clients/typescript)
    assert '<script type="module" src="tv.js">' in page.text
    script = (await client.get(str(page.url.join("tv.js")))).text
    assert 'import { RealtimeClient } from "./realtime.js";' in script and "new WebSocket" not in script
    client_js = await client.get(str(page.url.join("realtime.js")))
    assert client_js.status_code == 200 and client_js.headers["content-type"].startswith("text/javascript")
    assert "export class RealtimeClient" in client_js.text



async def test_a_screens_config_titles_each_board_and_names_the_orgs_zone(client):
    from tests.conftest import new_org

    admin = await new_org(client, timezone="Europe/Berlin")
    team = await admin.ok("post", "/teams", {"name": "Closers", "region": "East"}, status=201)
    day = (await admin.board("points", window="day"))["period"]["id"]
    contest = await admin.ok("post", "/contests", {"name": "Blitz", "start_date": day, "end_date": day}, status=201)
    boards = [f"contest:{contest['id']}", f"lb:deal_won:month:team:{team['id']}", "lb:points:week:org", "lb:call:day:region:East",
              "lb:email:all:shift:early", "lb:call:quarter:job_role:SDR"]
    made = await admin.ok("post", "/displays", {"name": "Floor", "boards": boards}, status=201)
    paired = await client.post("/api/v1/displays/pair", json={"code": made["pairing_code"]})
    assert paired.status_code == 200, paired.text
    config = (await client.get("/api/v1/display/config",
                               headers={"authorization": f"Bearer {paired.json()['display_token']}"})).json()
    assert config["timezone"] == "Europe/Berlin" and paired.json()["display"]["titles"] == config["titles"]
    assert [(t["channel"], t["title"], t["segment"]) for t in config["titles"]] == [
        (boards[0], None, None),  # its frames carry the contest's name and dates
        (boards[1], "Deal won", "Team Closers"),
        ("lb:points:week:org", "Points", "Whole org"),
        ("lb:call:day:region:East", "Call", "Region East"),
        ("lb:email:all:shift:early", "Email", "Early shift"),
        ("lb:call:quarter:job_role:SDR", "Call", "SDR"),
    ]
