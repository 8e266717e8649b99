"""The chat channels on the admin's Integrations page: connect one (the URL never comes back),
its status when broken, a test message, disconnect; managers and other orgs are refused."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from server.chat.models import ChatChannel
from tests.admin.support import csrf_of, post_form, sign_in
from tests.conftest import new_org
from tests.support.contract import client_of

URL = "https://hooks.slack.com/services/T0001/B0002/AdminPageSecretQ7x9"


@pytest.fixture
async def browser(app):
    async with client_of(app, follow_redirects=False) as c:
        yield c


async def _email(api, user_id: int) -> str:
    return (await api.ok("get", f"/users/{user_id}"))["email"]


async def test_an_admin_connects_a_chat_channel_and_sees_its_status_never_its_url(rt, client, browser):
    org = await new_org(client)
    await sign_in(browser, await _email(org, org.user_id))
    page = await browser.get("/admin/integrations")
    assert page.status_code == 200 and 'data-testid="chat-empty"' in page.text
    form = {"provider": "slack", "name": "#wins", "url": "https://evil.example/services/x",
            "topics": ["deals_won", "badges"], "badge_tiers": ["gold"], "hourly_cap": "5"}
    r = await post_form(browser, "/admin/integrations", "/admin/integrations/chat", form)
    assert r.status_code == 400 and 'id="e-chat-url"' in r.text and "evil.example" not in r.text
    r = await post_form(browser, "/admin/integrations", "/admin/integrations/chat",
                        {**form, "url": URL, "quiet_start": "22:00"})
    assert r.status_code == 400 and 'id="e-chat-quiet_end"' in r.text and "AdminPageSecret" not in r.text
    r = await post_form(browser, "/admin/integrations", "/admin/integrations/chat", {**form, "url": URL})
    assert r.status_code == 303
    [made] = (await org.ok("get", "/chat/channels"))["items"]
    assert (made["topics"], made["badge_tiers"], made["hourly_cap"], made["url_tail"]) == (
        ["deals_won", "badges"], ["gold"], 5, "Q7x9")
    page = await browser.get("/admin/integrations")
    assert f'data-testid="chat-{made["id"]}"' in page.text and "URL ending …Q7x9" in page.text
    assert "Deals won, Badges (gold)" in page.text and "AdminPageSecret" not in page.text
    async with rt.engine.begin() as conn:
        await conn.execute(update(ChatChannel).where(ChatChannel.id == made["id"])
                           .values(status="broken", last_error="HTTP 404: no_service"))
    page = await browser.get("/admin/integrations")
    assert "Broken: HTTP 404: no_service" in page.text
    r = await browser.post(f"/admin/integrations/chat/{made['id']}/test", data={"_csrf": csrf_of(page.text)})
    assert r.status_code == 200 and "A test message is on its way." in r.text
    assert (await org.ok("get", f"/chat/channels/{made['id']}"))["deliveries"]["pending"] == 1
    r = await browser.post(f"/admin/integrations/chat/{made['id']}/delete", data={"_csrf": csrf_of(page.text)})
    assert r.status_code == 303 and (await org.ok("get", "/chat/channels"))["items"] == []
    log = (await org.ok("get", "/audit", kind="chat_channel"))["entries"]
    assert [e["action"] for e in log] == ["delete", "create"] and "AdminPageSecret" not in str(log)


async def test_chat_channels_are_for_admins_of_their_own_org(app, client, browser):
    org = await new_org(client)
    team = await org.ok("post", "/teams", {"name": "Closers"}, status=201)
    manager = await org.user("manager", team_id=team["id"])
    other = await new_org(client)
    theirs = await other.ok("post", "/chat/channels", {"provider": "slack", "name": "x", "url": URL, "topics": []},
                            status=201)
    await sign_in(browser, await _email(org, manager.user_id))
    page = await browser.get("/admin/targets")
    r = await browser.post("/admin/integrations/chat", data={"_csrf": csrf_of(page.text), "provider": "slack",
                                                              "name": "x", "url": URL})
    assert r.status_code == 403 and (await org.ok("get", "/chat/channels"))["items"] == []
    async with client_of(app, follow_redirects=False) as admin:
        await sign_in(admin, await _email(org, org.user_id))
        page = await admin.get("/admin/integrations")
        for action in ("delete", "test"):
            r = await admin.post(f"/admin/integrations/chat/{theirs['id']}/{action}",
                                 data={"_csrf": csrf_of(page.text)})
            assert r.status_code == 404, action
    assert len((await other.ok("get", "/chat/channels"))["items"]) == 1
