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

