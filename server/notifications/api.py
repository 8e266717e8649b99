"""Devices (FCM tokens), notification preferences and the in-app notification list."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Response, delete, get, post, put
from litestar.di import Provide
from litestar.openapi import ResponseSpec
from litestar.params import Parameter
from msgspec import UNSET
from sqlalchemy import Row

from server.core.auth import Principal
from server.core.errors import DomainError
from server.core.runtime import Runtime
from server.core.web import provide_principal, require_admin, require_manager, require_user
from server.notifications import schemas as w
from server.notifications import service as notifications
from server.notifications.rules import OrgDefaults


def _device(row: Row[Any]) -> w.DeviceOut:
    return w.DeviceOut(row.token, row.platform, row.created_at, row.last_seen_at)


def _prefs(kinds: dict[str, bool], start: str | None, end: str | None, tz: str) -> w.PreferencesOut:
    return w.PreferencesOut(kinds, w.QuietHours(start, end) if start and end else None, tz)


def _defaults(d: OrgDefaults) -> w.DefaultsOut:
    return w.DefaultsOut(d.kinds, w.QuietHours(d.quiet_start, d.quiet_end) if d.quiet_start and d.quiet_end else None)


class NotificationController(Controller):
    path = "/api/v1"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["notifications"]

    @post("/devices", operation_id="addDevice",
          summary="Register this device's FCM token (201 new, 200 known)",
          responses={200: ResponseSpec(w.DeviceOut, description="A known token", generate_examples=False)})
    async def add_device(self, data: w.DeviceIn, principal: Principal, rt: Runtime) -> Response[w.DeviceOut]:
        user_id = require_user(principal)
        row, created = await notifications.register_device(rt, principal, user_id, data.token, data.platform)
        return Response(_device(row), status_code=201 if created else 200)

    @get("/devices", operation_id="listDevices", summary="My registered devices")
    async def my_devices(self, principal: Principal, rt: Runtime) -> w.DeviceList:
        user_id = require_user(principal)
        return w.DeviceList([_device(r) for r in await notifications.list_devices(rt, principal, user_id)])

    @delete("/devices/{token:str}", operation_id="removeDevice",
            status_code=204, summary="Forget a device token (sign-out)")
    async def remove_device(self, token: str, principal: Principal, rt: Runtime) -> None:
        user_id = require_user(principal)
        await notifications.remove_device(rt, principal, user_id, token)

    @get("/me/notification-preferences", operation_id="getNotificationPreferences",
         summary="Kinds on/off and quiet hours")
    async def get_prefs(self, principal: Principal, rt: Runtime) -> w.PreferencesOut:
        user_id = require_user(principal)
        return _prefs(*await notifications.get_preferences(rt, principal, user_id))

    @put("/me/notification-preferences", operation_id="setNotificationPreferences",
         summary="Switch kinds on/off; set or clear quiet hours")
    async def put_prefs(self, data: w.PreferencesIn, principal: Principal, rt: Runtime) -> w.PreferencesOut:
        user_id = require_user(principal)
        kinds = None if data.kinds is UNSET else data.kinds
        quiet = None if data.quiet_hours in (UNSET, None) else (data.quiet_hours.start, data.quiet_hours.end)
        clear = data.quiet_hours is None
        return _prefs(*await notifications.put_preferences(rt, principal, user_id, kinds, quiet, clear))

    @get("/notification-defaults", operation_id="getNotificationDefaults", tags=["org"],
         summary="The org's notification defaults (managers and admins)")
    async def get_defaults(self, principal: Principal, rt: Runtime) -> w.DefaultsOut:
        require_manager(principal)
        return _defaults(await notifications.get_defaults(rt, principal))

    @put("/notification-defaults", operation_id="setNotificationDefaults", tags=["org"],
         summary="Kinds on by default and default quiet hours, for reps who have not chosen (admins)")
    async def put_defaults(self, data: w.DefaultsIn, principal: Principal, rt: Runtime) -> w.DefaultsOut:
        require_admin(principal)
        kinds = None if data.kinds is UNSET else data.kinds
        quiet = None if data.quiet_hours in (UNSET, None) else (data.quiet_hours.start, data.quiet_hours.end)
        return _defaults(await notifications.put_defaults(rt, principal, kinds, quiet, data.quiet_hours is None))

    @get("/notifications", operation_id="listNotifications",
         summary="My notifications, newest first, with the unread count")
    async def list_notifications(self, principal: Principal, rt: Runtime,
                                 limit: int = Parameter(default=30, ge=1, le=100),
                                 before_id: int | None = Parameter(default=None, ge=1, le=2**63 - 1),
                                 unread: bool = Parameter(default=False)) -> w.NotificationPage:
        user_id = require_user(principal)
        rows, count = await notifications.page(rt, principal, user_id, before_id=before_id, limit=limit,
                                               unread_only=unread)
        items = [notifications.item(r) for r in rows]
        return w.NotificationPage(items, count, items[-1].id if len(items) == limit else None)

    @post("/notifications/read", operation_id="markNotificationsRead",
          status_code=200, summary="Mark notifications read: {ids: [...]} or {all: true}")
    async def mark_read(self, data: w.ReadIn, principal: Principal, rt: Runtime) -> w.ReadOut:
        user_id = require_user(principal)
        if data.all == (data.ids is not UNSET):
            raise DomainError("invalid_request", "send either 'ids' or 'all': true")
        ids = None if data.ids is UNSET else list(data.ids)  # (ids is unset exactly when all is true)
        return w.ReadOut(*await notifications.mark_read(rt, principal, user_id, ids))
