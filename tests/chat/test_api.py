"""The chat admin API: admins only, URLs checked and never shown again, every change audited."""

from __future__ import annotations

import logging

import pytest

from tests.chat.support import connect
from tests.conftest import new_org

SECRET = "Sl4ckHookSecretZZ9f"


async def test_admins_connect_list_change_and_delete_channels_and_the_url_never_comes_back(cclient, slack, caplog):
    caplog.set_level(logging.DEBUG)
    admin = await new_org(cclient)
    url = slack.url(SECRET)
    made = await connect(admin, "slack", url, topics=["kudos", "deals_won", "kudos"], badge_tiers=["gold"],
                         quiet_start="22:00", quiet_end="07:00", hourly_cap=5)
    assert {k: v for k, v in made.items() if k not in ("id", "created_at", "updated_at")} == {
        "provider": "slack", "name": "slack wins", "url_tail": "ZZ9f", "topics": ["deals_won", "kudos"],
        "badge_tiers": ["gold"], "quiet_start": "22:00", "quiet_end": "07:00", "hourly_cap": 5, "active": True,
        "status": "ok", "last_error": None, "broken_at": None, "last_sent_at": None,
        "deliveries": {"pending": 0, "sent": 0, "failed": 0, "dropped": 0}}
    listed = await admin.ok("get", "/chat/channels")
    assert [c["id"] for c in listed["items"]] == [made["id"]]
    changed = await admin.ok("patch", f"/chat/channels/{made['id']}", {"hourly_cap": 0, "quiet_start": None,
                                                                      "quiet_end": None, "active": False})
    assert (changed["hourly_cap"], changed["quiet_start"], changed["active"]) == (0, None, False)
    queued = await cclient.post(f"/api/v1/chat/channels/{made['id']}/test", headers=admin.headers)
    assert queued.status_code == 202
    audit = await admin.ok("get", "/audit", kind="chat_channel")
    assert [e["action"] for e in audit["entries"]] == ["update", "create"]
    assert audit["entries"][0]["after"] == {"hourly_cap": 0, "quiet_start": None, "quiet_end": None,
                                            "active": False}
    r = await cclient.delete(f"/api/v1/chat/channels/{made['id']}", headers=admin.headers)
    assert r.status_code == 204
    assert (await admin.get(f"/chat/channels/{made['id']}")).status_code == 404
    everything = [listed, changed, made, audit, (await admin.ok("get", "/audit"))]
    assert SECRET not in str(everything) and SECRET not in caplog.text


@pytest.mark.parametrize(("provider", "url", "why"), [
    ("slack", "http://hooks.slack.com/services/T0/B0/x", "https://"),
    ("slack", "https://hooks.slack.com.evil.example/services/T0/B0/x", "hooks.slack.com/services"),
    ("slack", "https://evil.example/services/T0/B0/x", "hooks.slack.com/services"),
    ("teams", "https://hooks.slack.com/services/T0/B0/x", "webhook.office.com"),
    ("teams", "https://user:pw@prod-01.westus.logic.azure.com/workflows/x", "no user"),
    ("teams", "https://prod-01.westus.logic.azure.com:8443/workflows/x", "port"),
])
async def test_webhook_urls_must_be_the_providers_own_and_are_not_echoed(cclient, provider, url, why):
    admin = await new_org(cclient)
    r = await admin.post("/chat/channels", {"provider": provider, "name": "x", "url": url, "topics": []})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_webhook_url"
    assert why in r.json()["error"]["message"] and url not in r.text


async def test_quiet_hours_need_both_ends_and_inputs_are_bounded(cclient, slack):
    admin = await new_org(cclient)
    url = slack.url("BoundsSecret00")
    r = await admin.post("/chat/channels", {"provider": "slack", "name": "x", "url": url, "topics": [],
                                            "quiet_start": "22:00"})
    assert (r.status_code, r.json()["error"]["code"]) == (400, "invalid_quiet_hours")
    for bad in ({"hourly_cap": 1001}, {"quiet_start": "24:00", "quiet_end": "07:00"}, {"topics": ["gossip"]},
                {"badge_tiers": ["diamond"]}, {"name": ""}, {"url": "https://hooks.slack.com/" + "a" * 2000}):
        r = await admin.post("/chat/channels", {"provider": "slack", "name": "x", "url": url, "topics": [], **bad})
        assert r.status_code == 400, bad


async def test_only_the_orgs_admins_may_touch_its_channels(cclient, slack):
    admin = await new_org(cclient)
    made = await connect(admin, "slack", slack.url("PermsSecret111"))
    team = await admin.ok("post", "/teams", {"name": "Closers"}, status=201)
    rep = await admin.user(team_id=team["id"])
    manager = await admin.user(role="manager", team_id=team["id"])
    display = await admin.ok("post", "/displays", {"name": "Floor", "boards": ["lb:points:week:org"]}, status=201)
    paired = (await cclient.post("/api/v1/displays/pair", json={"code": display["pairing_code"]})).json()
    other = await new_org(cclient)
    path = f"/api/v1/chat/channels/{made['id']}"
    body = {"provider": "slack", "name": "x", "url": slack.url("PermsSecret222"), "topics": []}
    for who in (rep.headers, manager.headers, {"authorization": f"Bearer {paired['display_token']}"}):
        for method, target, payload in (("get", path, None), ("patch", path, {"hourly_cap": 1}),
                                        ("delete", path, None), ("post", "/api/v1/chat/channels", body),
                                        ("get", "/api/v1/chat/channels", None)):
            r = await cclient.request(method, target, headers=who, json=payload)
            assert r.status_code in (401, 403), (method, target, r.status_code)
    for method, payload in (("get", None), ("patch", {"hourly_cap": 1}), ("delete", None)):
        r = await cclient.request(method, path, headers=other.headers, json=payload)
        assert (r.status_code, r.json()["error"]["code"]) == (404, "chat_channel_not_found")
    assert (await other.ok("get", "/chat/channels"))["items"] == []
    # a deactivated admin is signed out
    second = await admin.user(role="admin")
    await admin.ok("patch", f"/users/{second.user_id}", {"active": False})
    assert (await second.get("/chat/channels")).status_code == 401
    assert (await admin.ok("get", f"/chat/channels/{made['id']}"))["hourly_cap"] == 20
