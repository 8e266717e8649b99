"""Activity types, activities (single, batch, reversal) and the caller's own ledger."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Response, get, patch, post
from litestar.di import Provide
from litestar.openapi import ResponseSpec
from litestar.params import Parameter

from server.accounts import service as accounts
from server.accounts.schemas import org_out, user_out
from server.activities import schemas as w
from server.activities.schemas import activity_out, activity_type_out
from server.board.rules import POINTS
from server.core.auth import Principal
from server.core.errors import DomainError
from server.core.runtime import Runtime
from server.core.web import TV, provide_principal, require_manager, require_user
from server.core.wire import ErrorBody, changes
from server.ledger import ingest as ingestion
from server.ledger import summary, types
from server.levels import service as levels
from server.privacy import rules as privacy_rules
from server.privacy import service as privacy
from server.targets import service as targets
from server.targets.schemas import my_target_out


def _input(a: w.ActivityIn) -> ingestion.ActivityInput:
    return ingestion.ActivityInput(a.type, a.quantity, a.value, a.occurred_at, a.external_id, a.user_id)


class BatchBody(msgspec.Struct, forbid_unknown_fields=True):
    activities: list[Any]


class ActivityController(Controller):
    path = "/api/v1"
    dependencies = {"principal": Provide(provide_principal)}

    # -- activity types --
    @get("/activity-types", operation_id="listActivityTypes", tags=["activity types"], opt=TV)
    async def list_types(self, principal: Principal, rt: Runtime) -> w.ActivityTypeList:
        return w.ActivityTypeList([activity_type_out(t) for t in await types.list_activity_types(rt, principal)])

    @post("/activity-types", operation_id="createActivityType", status_code=201, tags=["activity types"])
    async def create_type(self, data: w.ActivityTypeCreate, principal: Principal, rt: Runtime) -> w.ActivityTypeOut:
        require_manager(principal)
        return activity_type_out(await types.create_activity_type(rt, principal, msgspec.structs.asdict(data)))

    @patch("/activity-types/{key:str}", operation_id="updateActivityType", tags=["activity types"],
           summary="Change a scoring rule; a rule change makes a new version, past entries keep theirs")
    async def update_type(self, key: str, data: w.ActivityTypeUpdate, principal: Principal,
                          rt: Runtime) -> w.ActivityTypeOut:
        require_manager(principal)
        return activity_type_out(await types.update_activity_type(rt, principal, key, changes(data)))

    # -- activities --
    @post("/activities", operation_id="createActivity", tags=["activities"],
          summary="Log an activity; 201 when new, 200 with the original for a repeated external_id",
          responses={200: ResponseSpec(w.ActivityOut, description="A repeated external_id: the original activity",
                                       generate_examples=False)})
    async def create_activity(self, data: w.ActivityIn, principal: Principal, rt: Runtime) -> Response[w.ActivityOut]:
        outcome = await ingestion.record_single(rt, principal, _input(data))
        if outcome.error is not None:
            raise outcome.error
        rec = outcome.recorded
        assert rec is not None  # an outcome without an error carries the activity
        return Response(activity_out(rec), status_code=200 if rec.duplicate else 201)

    @post("/activities/batch", operation_id="createActivityBatch", status_code=200, tags=["activities"],
          summary="Log up to 500 activities; each item gets its own result")
    async def create_batch(self, data: BatchBody, principal: Principal, rt: Runtime) -> w.BatchOut:
        limit = rt.settings.batch_limit
        if not 1 <= len(data.activities) <= limit:
            raise DomainError("invalid_batch_size", f"a batch holds 1 to {limit} activities",
                              details={"limit": limit})
        inputs: list[ingestion.ActivityInput | None] = []
        parse_errors: dict[int, ErrorBody] = {}
        for i, raw in enumerate(data.activities):
            try:
                inputs.append(_input(msgspec.convert(raw, w.ActivityIn)))
            except msgspec.ValidationError as exc:
                inputs.append(None)
                parse_errors[i] = ErrorBody("invalid_request", str(exc))
        valid = [(i, x) for i, x in enumerate(inputs) if x is not None]
        outcomes = await ingestion.record(rt, principal, [x for _, x in valid], batch=True)
        results: list[w.BatchItemOut] = [None] * len(inputs)  # type: ignore[list-item]
        for i, err in parse_errors.items():
            results[i] = w.BatchItemOut(i, 400, error=err)
        for (i, _), outcome in zip(valid, outcomes, strict=True):
            if outcome.error is not None:
                e = outcome.error
                results[i] = w.BatchItemOut(i, e.status_code, error=ErrorBody(e.code, e.message, e.details))
            else:
                rec = outcome.recorded
                assert rec is not None  # an outcome without an error carries the activity
                results[i] = w.BatchItemOut(i, 200 if rec.duplicate else 201, activity=activity_out(rec))
        accepted = sum(1 for r in results if r.status == 201)
        dupes = sum(1 for r in results if r.status == 200)
        return w.BatchOut(accepted, dupes, len(results) - accepted - dupes, results)

    @post("/activities/{activity_id:int}/reverse", operation_id="reverseActivity",
          status_code=201, tags=["activities"],
          summary="Reverse an activity with a compensating ledger entry (managers)")
    async def reverse(self, activity_id: int, principal: Principal, rt: Runtime) -> w.ReversalOut:
        r = await ingestion.reverse(rt, principal, activity_id)
        return w.ReversalOut(r.activity_id, r.user_id, r.reversal_entry_id, r.points_reversed, r.boards_updated)

    # -- me --
    @get("/me", operation_id="getMe",
         tags=["me"], summary="Profile, points balance, rank today and this week, targets and pace")
    async def me(self, principal: Principal, rt: Runtime) -> w.MeOut:
        user_id = require_user(principal)
        user = await accounts.get_user(rt, principal, user_id)
        org = await accounts.get_org(rt, principal)
        mine = await summary.me_summary(rt, principal.org_id, user_id)
        mine_targets = await targets.my_targets(rt, principal.org_id, user_id)
        lv = await levels.my_level(rt, principal.org_id, user_id)
        tell = privacy_rules.may_tell_rank((await privacy.mode_for(rt, principal, POINTS))[0])
        return w.MeOut(user_out(user), org_out(org), mine.points_balance, _rank(mine.rank_today, tell),
                       _rank(mine.rank_this_week, tell), [my_target_out(t) for t in mine_targets],
                       lv.level, lv.xp, lv.xp_to_next)

    @get("/me/ledger", operation_id="getMyLedger",
         tags=["me"], summary="My ledger, newest first, with the activity and rule behind each entry")
    async def my_ledger(self, principal: Principal, rt: Runtime,
                        limit: int = Parameter(default=50, ge=1, le=200),
                        before_id: int | None = Parameter(default=None, ge=1)) -> w.LedgerPage:
        user_id = require_user(principal)
        rows = await summary.my_entries(rt, principal.org_id, user_id, before_id, limit)
        causes = await summary.entry_causes(rt, principal.org_id, rows)
        reports = await summary.self_reports(rt, principal.org_id, rows)
        entries = [
            w.LedgerEntryOut(r.id, r.kind, r.points, r.created_at, r.occurred_at, r.activity_id, r.type_key,
                             r.quantity, r.value, r.source, r.external_id, r.reverses_id, r.rule_version_id,
                             r.rule_version, r.rule_points, r.rule_value_points, r.rule_daily_cap, r.units,
                             r.value_units, w.cause_out(r.cause_kind, r.cause_id, r.cause_version), causes.get(r.id),
                             reports.get(r.id))
            for r in rows
        ]
        return w.LedgerPage(entries, entries[-1].id if len(entries) == limit else None)


def _rank(s: summary.Standing | None, tell: bool) -> w.RankOut | None:
    """A standing; its rank null where the points board's privacy mode hides ranks (tiers, value_only)."""
    return w.RankOut(s.rank if tell else None, s.score) if s is not None else None
