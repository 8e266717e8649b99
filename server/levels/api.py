"""Levels over HTTP: the org's curve and XP weights (admins), a rep's own level."""

from __future__ import annotations

from litestar import Controller, get, put
from litestar.di import Provide

from server.core.auth import Principal
from server.core.errors import Forbidden
from server.core.runtime import Runtime
from server.core.web import provide_principal
from server.levels import rules
from server.levels import schemas as w
from server.levels import service as svc


def settings_out(cfg: svc.Config) -> w.LevelSettingsOut:
    c, wt = cfg.curve, cfg.weights
    return w.LevelSettingsOut(
        w.CurveOut(
            c.base,
            c.exponent,
            c.max_level,
            list(c.thresholds),
            [rules.threshold(c, lv) for lv in range(1, c.max_level + 1)],
        ),
        w.WeightsOut(wt.per_point, dict(wt.activity_xp), dict(wt.bonus_xp)),
        cfg.version,
        cfg.updated_at,
    )


def level_out(m: svc.MyLevel) -> w.MyLevelOut:
    return w.MyLevelOut(m.level, m.xp, m.xp_to_next, m.level_xp, m.next_level_xp, m.tier)


class LevelController(Controller):
    path = "/api/v1/levels"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["levels"]

    @get("/settings", operation_id="getLevelSettings",
         summary="The org's level curve and XP weights (admins)")
    async def get_settings(self, principal: Principal, rt: Runtime) -> w.LevelSettingsOut:
        return settings_out(await svc.get_settings(rt, principal))

    @put(
        "/settings",
        operation_id="setLevelSettings",
        summary="Tune the level curve and XP weights (admins); every rep's XP is rebuilt from the ledger",
    )
    async def put_settings(
        self, data: w.LevelSettingsIn, principal: Principal, rt: Runtime
    ) -> w.LevelSettingsOut:
        c, wt = data.curve, data.weights
        cfg = await svc.put_settings(
            rt,
            principal,
            rules.Curve(c.base, c.exponent, c.max_level, tuple(c.thresholds)),
            rules.Weights(
                wt.per_point,
                dict(wt.activity_xp),
                {**rules.BONUS_KINDS, **{str(k): v for k, v in wt.bonus_xp.items()}},
            ),
        )
        return settings_out(cfg)

    @get("/me", operation_id="getMyLevel", summary="My level, XP and the XP to the next level")
    async def mine(self, principal: Principal, rt: Runtime) -> w.MyLevelOut:
        if principal.user_id is None or principal.role not in ("rep", "manager", "admin"):
            raise Forbidden("forbidden", "levels belong to users")
        return level_out(await svc.my_level(rt, principal.org_id, principal.user_id))
