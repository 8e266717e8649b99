"""Instant wins over HTTP: admins create and pause programs; managers and admins list them."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, patch, post
from litestar.di import Provide
from sqlalchemy import Row

from server.contests import instant
from server.contests import schemas as w
from server.core.auth import Principal
from server.core.runtime import Runtime
from server.core.web import provide_principal
from server.core.wire import changes


def program_out(p: Row[Any], keys: dict[int, str]) -> w.InstantWinOut:
    return w.InstantWinOut(
        p.id,
        p.name,
        keys.get(p.type_id) if p.type_id is not None else None,
        p.probability,
        p.budget,
        p.granted,
        max(p.budget - p.granted, 0),
        p.prize_points,
        p.prize_name,
        p.active,
        p.created_at,
    )


class InstantWinController(Controller):
    path = "/api/v1/instant-wins"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["contests"]

    @post("/", operation_id="createInstantWin",
          status_code=201, summary="Create an instant-win program with its budget (admins)")
    async def create(self, data: w.InstantWinIn, principal: Principal, rt: Runtime) -> w.InstantWinOut:
        p = await instant.create(rt, principal, changes(data))
        return program_out(p, await instant.type_keys(rt, principal.org_id))

    @get("/", operation_id="listInstantWins",
         summary="The org's instant-win programs with what is left of each budget (managers, admins)")
    async def list_programs(self, principal: Principal, rt: Runtime) -> w.InstantWinList:
        found = await instant.list_programs(rt, principal)
        keys = await instant.type_keys(rt, principal.org_id)
        return w.InstantWinList([program_out(p, keys) for p in found])

    @patch("/{program_id:int}", operation_id="setInstantWinActive",
           summary="Pause or resume an instant-win program (admins)")
    async def set_active(
        self, program_id: int, data: w.InstantWinPatch, principal: Principal, rt: Runtime
    ) -> w.InstantWinOut:
        p = await instant.set_active(rt, principal, program_id, data.active)
        return program_out(p, await instant.type_keys(rt, principal.org_id))
