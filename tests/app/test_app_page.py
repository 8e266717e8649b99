"""The rep app's files over plain HTTP: the shell and every module it imports load from /app/, the
service worker's shell list names files that exist, the app's config names the game server, and
the page runs under a policy that allows its manifest and worker and nothing else."""

from __future__ import annotations

import json
import re
from pathlib import Path

from server.app import clients_dir

APP = clients_dir() / "app"


def _imports(path: Path) -> set[str]:
    """The relative modules a file imports, as paths under clients/app."""
    found = re.findall(r'^import [^;]*? from "(\.{1,2}/[^"]+)";$', path.read_text(), re.M)
    return {str((path.parent / f).resolve().relative_to(APP.resolve())) for f in found}


async def test_app_without_the_trailing_slash_redirects_to_the_shell(client):
    r = await client.get("/app")
    assert (r.status_code, r.headers["location"]) == (301, "app/")
    page = await client.get("/app/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "manifest-src 'self';" in policy and "worker-src 'self';" in policy
    assert "unsafe-inline" not in policy and "connect-src 'self' ws://test:" in policy
    assert page.headers["x-frame-options"] == "DENY"
    assets = sorted(re.findall(r'(?:src|href)="([^"#]+)"', page.text))
    assert assets == ["app.css", "app.js", "icon-192.png", "icon.svg", "icon.svg", "manifest.json"]
    for asset in set(assets):
        r = await client.get(f"/app/{asset}")
        assert r.status_code == 200, asset


async def test_every_module_and_the_service_workers_shell_list_exist(client):
    modules, todo = set(), ["app.js", "sw.js"]
    while todo:
        name = todo.pop()
        if name in modules:
            continue
        modules.add(name)
        todo += sorted(_imports(APP / name))
        r = await client.get(f"/app/{name}")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript"), name
    shell = re.search(r"const FILES = \[(.*?)\];", (APP / "sw.js").read_text(), re.S)
    assert shell is not None
    listed = set(re.findall(r'"([^"]+)"', shell.group(1)))
    assert modules - {"sw.js"} <= listed, "a module the app imports is missing from the offline shell"
    for name in listed:
        assert (await client.get(f"/app/{name}")).status_code == 200, name
    manifest = json.loads((APP / "manifest.json").read_text())
    assert manifest["display"] == "standalone" and manifest["start_url"] == "./#home"
    assert {i["sizes"] for i in manifest["icons"]} == {"any", "192x192", "512x512"}


async def test_config_names_the_game_server_of_this_host(client):
    r = await client.get("/app/config.json")
    assert r.status_code == 200
    assert re.fullmatch(r"ws://test:\d+/ws", r.json()["realtime_url"]), r.json()
