"""The chat admin API (admins only): `/api/v1/chat/channels`. The webhook URL goes in and never
comes out (answers name its last 4 characters)."""

from __future__ import annotations

from typing import cast

from litestar import Controller, delete, get, patch, post
from litestar.di import Provide

from server.chat import schemas as w
from server.chat import service
from server.chat.rules import Provider, Topic
from server.core.auth import Principal
from server.core.runtime import Runtime
from server.core.web import provide_principal, require_admin
from server.core.wire import changes


def channel_out(shown: service.Shown) -> w.ChannelOut:
    r, d = shown.row, shown.deliveries
    return w.ChannelOut(
        r.id, cast(Provider, r.provider), r.name, r.url_tail, cast(list[Topic], list(r.topics)), list(r.badge_tiers),
        r.quiet_start, r.quiet_end, r.hourly_cap, r.active, r.status, r.last_error, r.broken_at, r.last_sent_at,
        w.Deliveries(d.get("pending", 0), d.get("sent", 0), d.get("failed", 0), d.get("dropped", 0)),
        r.created_at, r.updated_at)


class ChatController(Controller):
    path = "/api/v1/chat/channels"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["chat"]

    @post("/", operation_id="createChatChannel", status_code=201, summary="Connect a Slack or Teams webhook (admins); the URL is never shown again")
    async def create_channel(self, data: w.ChannelCreate, principal: Principal, rt: Runtime) -> w.ChannelOut:
        require_admin(principal)
        return channel_out(await service.create(rt, principal, data))

    @get("/", operation_id="listChatChannels", summary="The org's chat channels, their status and deliveries (admins)")
    async def list_channels(self, principal: Principal, rt: Runtime) -> w.ChannelList:
        require_admin(principal)
        return w.ChannelList([channel_out(s) for s in await service.list_all(rt, principal)])

    @get("/{channel_id:int}", operation_id="getChatChannel", summary="One chat channel (admins)")
    async def get_channel(self, channel_id: int, principal: Principal, rt: Runtime) -> w.ChannelOut:
        require_admin(principal)
        return channel_out(await service.get(rt, principal, channel_id))

    @patch("/{channel_id:int}", operation_id="updateChatChannel",
           summary="Change a chat channel: what it posts, quiet hours, cap, or a new URL")
    async def update_channel(self, channel_id: int, data: w.ChannelUpdate, principal: Principal,
                             rt: Runtime) -> w.ChannelOut:
        require_admin(principal)
        return channel_out(await service.update(rt, principal, channel_id, changes(data)))

    @delete("/{channel_id:int}", operation_id="deleteChatChannel", status_code=204, summary="Disconnect a chat channel; its queued messages go")
    async def delete_channel(self, channel_id: int, principal: Principal, rt: Runtime) -> None:
        require_admin(principal)
        await service.delete(rt, principal, channel_id)

    @post("/{channel_id:int}/test", operation_id="testChatChannel", status_code=202, summary="Queue a test message on a chat channel")
    async def test_channel(self, channel_id: int, principal: Principal, rt: Runtime) -> None:
        require_admin(principal)
        await service.send_test(rt, principal, channel_id)
