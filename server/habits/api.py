"""The daily habit loop over HTTP: streaks, missions, badges, profiles and their settings."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, delete, get, patch, post
from litestar.di import Provide
from litestar.params import Parameter
from sqlalchemy import Row

from server.core.auth import Principal
from server.core.runtime import Runtime
from server.core.web import provide_principal, require_user
from server.core.wire import changes
from server.habits import oversight
from server.habits import schemas as h
from server.habits import service as svc
from server.habits.context import OrgHabits
from server.habits.rules_streaks import Streak


def streak_out(user_id: int, s: Streak, cfg: OrgHabits) -> h.StreakOut:
    r = cfg.rules
    combo = r.combo_from > 0 and s.current >= r.combo_from and s.today_done
    return h.StreakOut(user_id, s.current, s.best, s.freezes, s.freezes_used, s.last_day, s.today_done,
                       s.today_working, s.at_risk, combo, r.combo_pct, r.combo_from)


def mission_out(m: Row[Any]) -> h.MissionOut:
    return h.MissionOut(m.id, m.slot, m.label, m.type_key, m.metric, m.target, m.progress, m.bonus_points,
                        m.completed_at is not None, m.completed_at)


def badge_out(b: Row[Any]) -> h.BadgeOut:
    return h.BadgeOut(b.id, b.key, b.name, b.description, b.rule, dict(b.params or {}), b.tier, b.points,
                      b.repeatable, b.active)


def award_out(a: Row[Any]) -> h.AwardOut:
    return h.AwardOut(a.id, a.badge_id, a.key, a.name, a.tier, a.points, a.period_key, a.message,
                      a.awarded_by_user_id, a.awarded_at)


def template_out(t: Row[Any]) -> h.TemplateOut:
    return h.TemplateOut(t.id, t.key, t.label, t.type_key, t.metric, t.min_target, t.max_target, t.bonus_points,
                         t.nudge_pct, t.team_id, t.user_id, t.pinned, t.active)


def settings_out(row: Row[Any]) -> h.StreakSettings:
    return h.StreakSettings(**{f: getattr(row, f) for f in svc.SETTING_FIELDS})


class HabitsController(Controller):
    path = "/api/v1"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["habits"]

    # -- reps --
    @get("/me/streak", operation_id="getMyStreak",
         summary="My streak: current, best, freezes held, at risk, combo")
    async def my_streak(self, principal: Principal, rt: Runtime) -> h.StreakOut:
        s, cfg = await svc.streak(rt, principal)
        return streak_out(require_user(principal), s, cfg)

    @get("/me/missions", operation_id="listMyMissions",
         summary="Today's missions with progress (created now if needed)")
    async def my_missions(self, principal: Principal, rt: Runtime) -> h.MissionsOut:
        day, working, rows, md = await svc.my_missions(rt, principal)
        done = sum(1 for m in rows if m.completed_at is not None)
        return h.MissionsOut(day, working, [mission_out(m) for m in rows], done,
                             bool(md and md.all_done_at is not None), md.all_done_bonus if md else 0)

    @get("/me/badges", operation_id="listMyBadges", summary="The badges I earned, newest first")
    async def my_badges(self, principal: Principal, rt: Runtime) -> h.AwardList:
        return h.AwardList([award_out(a) for a in await svc.my_badges(rt, principal)])

    @get("/users/{user_id:int}/profile", operation_id="getUserProfile",
         summary="A rep's public profile: streak, badges, missions done")
    async def profile(self, user_id: int, principal: Principal, rt: Runtime) -> h.ProfileOut:
        u, s, done, awards = await svc.profile(rt, principal, user_id)
        return h.ProfileOut(u.id, u.name, u.team_id, s.current, s.best, done, [award_out(a) for a in awards])

    # -- managers: settings and team view --
    @get("/streak-settings", operation_id="getStreakSettings",
         summary="The org's streak, mission and combo settings (managers)")
    async def get_settings(self, principal: Principal, rt: Runtime) -> h.StreakSettings:
        return settings_out(await svc.get_settings(rt, principal))

    @patch("/streak-settings", operation_id="updateStreakSettings",
           summary="Change the org's streak, mission and combo settings (managers)")
    async def update_settings(self, data: h.StreakSettingsUpdate, principal: Principal,
                              rt: Runtime) -> h.StreakSettings:
        return settings_out(await svc.update_settings(rt, principal, changes(data)))

    @get("/habits/team", operation_id="getTeamHabits",
         summary="Streaks and mission completion of the reps (a team or the org; managers)")
    async def team(self, principal: Principal, rt: Runtime, team_id: int | None = Parameter(default=None, ge=1),
                   days: int = Parameter(default=7, ge=1, le=90)) -> h.TeamHabitsOut:
        since, rows = await svc.team_view(rt, principal, team_id, days)
        return h.TeamHabitsOut(since, [
            h.TeamMemberOut(u.id, u.name, u.team_id, s.current, s.best, s.freezes, s.at_risk, s.today_done, n, done,
                            round(done / n, 3) if n else None) for u, s, n, done in rows])

    @get("/habits/missions/today", operation_id="listTodaysMissions", summary="Each rep's missions of their today, with any calibration (managers)")
    async def todays_missions(self, principal: Principal, rt: Runtime,
                              team_id: int | None = Parameter(default=None, ge=1, le=2**63 - 1)
                              ) -> h.TodayMissionsOut:
        return h.TodayMissionsOut([
            h.RepMissionsOut(r.rep.id, r.rep.name, r.rep.team_id, r.day, [mission_out(m) for m in r.missions],
                             sum(1 for m in r.missions if m.completed_at is not None), r.eased_pct, r.eased_from,
                             r.eased_until)
            for r in await oversight.todays_missions(rt, principal, team_id)])

    @post("/users/{user_id:int}/missions/calibration", operation_id="easeMissions", status_code=201,
          summary="Aim a rep's missions at a percent of their baseline for some days (managers, own team)")
    async def calibrate(self, user_id: int, data: h.CalibrationIn, principal: Principal,
                        rt: Runtime) -> h.CalibrationOut:
        first, last = await svc.ease_missions(rt, principal, user_id, data.pct, data.days)
        return h.CalibrationOut(user_id, data.pct, first, last)

    # -- badges --
    @get("/badges", operation_id="listBadges", summary="Badge definitions (managers also see retired ones)")
    async def list_badges(self, principal: Principal, rt: Runtime) -> h.BadgeList:
        return h.BadgeList([badge_out(b) for b in await svc.list_badges(rt, principal)])

    @post("/badges", operation_id="createBadge", status_code=201, summary="Define a badge (managers)")
    async def create_badge(self, data: h.BadgeIn, principal: Principal, rt: Runtime) -> h.BadgeOut:
        return badge_out(await svc.create_badge(rt, principal, msgspec.structs.asdict(data)))

    @patch("/badges/{badge_id:int}", operation_id="updateBadge",
           summary="Change a badge definition (managers)")
    async def update_badge(self, badge_id: int, data: h.BadgeUpdate, principal: Principal,
                           rt: Runtime) -> h.BadgeOut:
        return badge_out(await svc.update_badge(rt, principal, badge_id, changes(data)))

    @delete("/badges/{badge_id:int}", operation_id="deleteBadge",
            status_code=204, summary="Retire a badge (awards stay)")
    async def delete_badge(self, badge_id: int, principal: Principal, rt: Runtime) -> None:
        await svc.delete_badge(rt, principal, badge_id)

    @post("/badges/{badge_id:int}/award", operation_id="awardBadge",
          status_code=201, summary="Award a badge by hand with a message")
    async def award(self, badge_id: int, data: h.AwardIn, principal: Principal, rt: Runtime) -> h.AwardOut:
        return award_out(await svc.award_badge(rt, principal, badge_id, data.user_id, data.message))

    @post("/badges/{badge_id:int}/awards/{award_id:int}/revoke", operation_id="revokeBadgeAward", status_code=204,
          summary="Take an award back with a reason; its points are written back (managers, own team)")
    async def revoke(self, badge_id: int, award_id: int, data: h.RevokeIn, principal: Principal, rt: Runtime) -> None:
        await svc.revoke_award(rt, principal, badge_id, award_id, data.reason)

    @get("/badges/{badge_id:int}/holders", operation_id="listBadgeHolders",
         summary="Who holds a badge (managers: their team's reps)")
    async def holders(self, badge_id: int, principal: Principal, rt: Runtime) -> h.HolderList:
        _, rows = await oversight.badge_holders(rt, principal, badge_id)
        return h.HolderList(badge_id, [h.HolderOut(a.id, a.user_id, a.period_key, a.points, a.message,
                                                   a.awarded_by_user_id, a.awarded_at) for a in rows])

    @get("/users/{user_id:int}/badges", operation_id="listUserBadges", summary="The badges a user earned")
    async def user_badges(self, user_id: int, principal: Principal, rt: Runtime) -> h.AwardList:
        await svc.streak(rt, principal, user_id)  # 404 for another org's user
        return h.AwardList([award_out(a) for a in await svc.user_badges(rt, principal, user_id)])

    # -- mission templates --
    @get("/mission-templates", operation_id="listMissionTemplates", summary="Mission templates (managers)")
    async def list_templates(self, principal: Principal, rt: Runtime) -> h.TemplateList:
        return h.TemplateList([template_out(t) for t in await svc.list_templates(rt, principal)])

    @post("/mission-templates", operation_id="createMissionTemplate",
          status_code=201, summary="Add a mission template; pin it to a team or rep")
    async def create_template(self, data: h.TemplateIn, principal: Principal, rt: Runtime) -> h.TemplateOut:
        body = msgspec.structs.asdict(data)
        body["type_key"] = body.pop("type")
        return template_out(await svc.create_template(rt, principal, body))

    @patch("/mission-templates/{template_id:int}", operation_id="updateMissionTemplate",
           summary="Change a mission template (managers)")
    async def update_template(self, template_id: int, data: h.TemplateUpdate, principal: Principal,
                              rt: Runtime) -> h.TemplateOut:
        return template_out(await svc.update_template(rt, principal, template_id, changes(data)))

    @delete("/mission-templates/{template_id:int}", operation_id="deleteMissionTemplate",
            status_code=204, summary="Remove a mission template")
    async def delete_template(self, template_id: int, principal: Principal, rt: Runtime) -> None:
        await svc.delete_template(rt, principal, template_id)
