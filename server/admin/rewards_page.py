"""Rewards (admins): the catalog with its stock, and the approval queue (approve, reject,
mark handed over, refund). Every action calls the service the JSON API calls, so the same
refusals and the same audit entries."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.params import Parameter, QueryParameter
from litestar.response import Redirect, Template

from server.accounts import service as accounts
from server.admin import web
from server.core.errors import DomainError, NotFound
from server.core.runtime import Runtime
from server.rewards import rules as reward_rules
from server.rewards import schemas as rw
from server.rewards import service as rewards

#: The queue's actions, each with the states its button is shown in.
ACTIONS = ("approve", "reject", "fulfil", "refund")




def _status(exc: Exception) -> int:
    return exc.status_code if isinstance(exc, DomainError) else 400


def _stock(raw: str) -> int | str | None:
    """A blank stock is unlimited; anything else goes to the wire type's bounds as it is."""
    raw = raw.strip()
    return None if raw == "" else int(raw) if raw.lstrip("-").isdigit() else raw


class RewardsController(Controller):
    path = "/admin"
    include_in_schema = False

    @get("/rewards", name="admin_rewards")
    async def page(
        self,
        request: Request[Any, Any, Any],
        rt: Runtime,
        in_state: Annotated[
            str, QueryParameter(name="state", pattern="^(" + "|".join(reward_rules.STATES) + ")$")
        ] = "pending",
        saved: int = Parameter(default=0, ge=0, le=1),
    ) -> Template:
        v = await web.viewer(request, rt, page="Rewards")
        return await _page(rt, v, in_state, {}, {}, "Saved." if saved else None)

    @post("/rewards", status_code=200)
    async def create(self, request: Request[Any, Any, Any], rt: Runtime) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Rewards")
        form = await request.form()
        values = {k: str(form.get(k) or "").strip() for k in ("name", "cost", "stock", "description")}
        try:
            data = web.convert({**values, "stock": _stock(values["stock"])}, rw.RewardCreate)
            await rewards.create_reward(
                rt,
                v.principal,
                {
                    "name": data.name,
                    "description": data.description,
                    "cost": data.cost,
                    "stock": data.stock,
                    "active": True,
                },
            )
        except (web.FieldErrors, DomainError) as exc:
            t = await _page(rt, v, "pending", {f"new:{k}": m for k, m in web.form_errors(exc).items()}, values, None)
            t.status_code = _status(exc)
            return t
        return web.redirect("/admin/rewards?saved=1")

    @post("/rewards/{reward_id:int}/stock", status_code=200)
    async def stock(
        self, reward_id: int, request: Request[Any, Any, Any], rt: Runtime
    ) -> Template | Redirect:
        """Set what is left of a reward (blank: unlimited) and whether reps see it."""
        v = await web.viewer(request, rt, page="Rewards")
        form = await request.form()
        raw = str(form.get("stock") or "")
        try:
            data = web.convert({"stock": _stock(raw), "active": form.get("active") == "on"}, rw.RewardUpdate)
            await rewards.update_reward(
                rt, v.principal, reward_id, {"stock": data.stock, "active": data.active}
            )
        except (web.FieldErrors, DomainError) as exc:
            if isinstance(exc, NotFound):
                raise
            errors = {f"r{reward_id}:{k}": m for k, m in web.form_errors(exc).items()}
            t = await _page(rt, v, "pending", errors, {f"r{reward_id}:stock": raw}, None)
            t.status_code = _status(exc)
            return t
        return web.redirect("/admin/rewards?saved=1")

    @post("/redemptions/{redemption_id:int}/{action:str}", status_code=200)
    async def decide(
        self, redemption_id: int, action: str, request: Request[Any, Any, Any], rt: Runtime
    ) -> Template | Redirect:
        v = await web.viewer(request, rt, page="Rewards")
        if action not in ACTIONS:
            raise NotFound("action_not_found", f"no action '{action}'")
        form = await request.form()
        note = str(form.get("note") or "").strip()[:500] or None
        back = str(form.get("state") or "pending")
        back = back if back in reward_rules.STATES else "pending"
        try:
            await rewards.decide(rt, v.principal, redemption_id, action, note)
        except DomainError as exc:
            if isinstance(exc, NotFound):
                raise
            t = await _page(
                rt, v, back, {"queue:_form": exc.message[:1].upper() + exc.message[1:] + "."}, {}, None
            )
            t.status_code = exc.status_code
            return t
        return web.redirect(f"/admin/rewards?state={back}")


async def _page(
    rt: Runtime, v: web.Viewer, state: str, errors: dict[str, str], values: dict[str, str], notice: str | None
) -> Template:
    rows = await rewards.list_redemptions(
        rt, v.principal, user_id=None, state=state, before_id=None, limit=100
    )
    users = await accounts.users_by_id(rt, v.principal.org_id, sorted({r.user_id for r in rows}))
    catalog = await rewards.catalog(rt, v.principal, True)
    return web.page(
        "rewards.html",
        v,
        "Rewards",
        redemptions=rows,
        names={u.id: u.display_name for u in users.values()},
        state=state,
        states=reward_rules.STATES,
        catalog=catalog,
        errors=errors,
        values=values,
        notice=notice,
    )
