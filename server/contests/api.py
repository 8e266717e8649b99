"""Contests and SPIFFs: manage them, follow the standings, read and export the results."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Annotated, Any

from litestar import Controller, Response, get, patch, post
from litestar.di import Provide
from litestar.params import QueryParameter
from sqlalchemy import Row

from server.accounts.directory import org_info
from server.contests import rules as rules_
from server.contests import schemas as w
from server.contests import service as contests
from server.contests.standings import counting_since
from server.core.auth import Principal
from server.core.runtime import Runtime
from server.core.web import TV, provide_principal, require_manager
from server.core.wire import changes


def _prize(p: dict[str, Any] | rules_.Prize) -> w.PrizeOut:
    get = p.get if isinstance(p, dict) else lambda k: getattr(p, k)
    return w.PrizeOut(get("points") or 0, get("name"), get("place"), get("threshold"))


def contest_out(c: Row[Any], tz: str, log: Sequence[Row[Any]] | None = None) -> w.ContestOut:
    r = c.rules or {}
    return w.ContestOut(
        c.id, c.name, c.description, c.state, c.format, c.metric, c.measure, c.start_date, c.end_date, c.starts_at,
        c.ends_at, tz, [contests.segment_name(s) for s in c.segments or []], bool(r.get("per_head")),
        [list(p) for p in r.get("pairs") or []], bool(r.get("bracket")), r.get("rounds"), r.get("divisions") or 3,
        r.get("target"), list(r.get("tie_breakers") or []), [_prize(p) for p in r.get("prizes") or []], c.hidden,
        c.rules_version, c.created_at, bool(r.get("count_from_start")),
        None if c.launched_at is None else counting_since(c), c.launched_at,
        c.started_at, c.ended_at, c.awarded_at, c.cancelled_at,
        None if log is None else [w.EventOut(e.kind, e.created_at, e.reason, e.actor_user_id, e.data or {})
                                  for e in log],
        int(r.get("ticket_every") or 1), r.get("draws"), c.draw_commitment,
        c.draw_seed if c.state == "awarded" else None)


def _spec(data: w.ContestCreate | w.ContestUpdate) -> dict[str, Any]:
    spec = changes(data)
    if "prizes" in spec:
        spec["prizes"] = [{"place": p.place, "threshold": p.threshold, "points": p.points, "name": p.name}
                          for p in spec["prizes"]]
    return spec


def _standing(s: contests.Standings, r: rules_.Row) -> dict[str, Any]:
    m = s.members.get(r.user_id)
    return {"place": r.place, "user_id": r.user_id, "display_name": m.display_name if m else None,
            "team_id": m.team_id if m else None, "score": r.score, "total": r.total, "group": r.group,
            "group_score": r.group_score, "baseline": m.baseline if m else 0, "won": r.won}


class ContestController(Controller):
    path = "/api/v1/contests"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["contests"]

    async def _out(self, rt: Runtime, c: Row[Any], log: Sequence[Row[Any]] | None = None) -> w.ContestOut:
        return contest_out(c, (await org_info(rt, c.org_id)).timezone, log)

    @post("/", operation_id="createContest",
          status_code=201, summary="Create a contest (a draft; launch it to schedule it)")
    async def create(self, data: w.ContestCreate, principal: Principal, rt: Runtime) -> w.ContestOut:
        return await self._out(rt, await contests.create(rt, principal, _spec(data)))

    @get("/", operation_id="listContests",
         summary="Contests of the org (hidden ones and drafts for managers only)", opt=TV)
    async def list_contests(self, principal: Principal, rt: Runtime,
                            states: Annotated[str | None, QueryParameter(
                                name="state", description="e.g. live or scheduled,live")] = None,
                            limit: int = 50, offset: int = 0) -> w.ContestList:
        wanted = [s for s in (states or "").split(",") if s]
        total, rows = await contests.list_contests(rt, principal, wanted, limit, offset)
        tz = (await org_info(rt, principal.org_id)).timezone
        return w.ContestList(total, [contest_out(c, tz) for c in rows])

    @get("/{contest_id:int}", operation_id="getContest",
         summary="A contest, its rules and its log (launches, recalculations, ...)", opt=TV)
    async def get_contest(self, contest_id: int, principal: Principal, rt: Runtime) -> w.ContestOut:
        c, log = await contests.get(rt, principal, contest_id)
        return await self._out(rt, c, log)

    @patch("/{contest_id:int}", operation_id="updateContest",
           summary="Edit a draft or scheduled contest (locked once live)")
    async def update(self, contest_id: int, data: w.ContestUpdate, principal: Principal, rt: Runtime) -> w.ContestOut:
        return await self._out(rt, await contests.update(rt, principal, contest_id, _spec(data)))

    @post("/{contest_id:int}/launch", operation_id="launchContest",
          status_code=200, summary="Schedule a draft (live at once if it starts today)")
    async def launch(self, contest_id: int, principal: Principal, rt: Runtime) -> w.ContestOut:
        return await self._out(rt, await contests.launch(rt, principal, contest_id))

    @post("/{contest_id:int}/cancel", operation_id="cancelContest",
          status_code=200, summary="Cancel a contest before it is awarded")
    async def cancel(self, contest_id: int, principal: Principal, rt: Runtime,
                     data: w.CancelIn | None = None) -> w.ContestOut:
        return await self._out(rt, await contests.cancel(rt, principal, contest_id, data.reason if data else None))

    @post("/{contest_id:int}/recalculate", operation_id="recalculateContest", status_code=200,
          summary="Change a live contest's rules: logged with the reason and announced")
    async def recalculate(self, contest_id: int, data: w.Recalculate, principal: Principal,
                          rt: Runtime) -> w.ContestOut:
        return await self._out(rt, await contests.recalculate(rt, principal, contest_id, data.reason,
                                                               _spec(data.changes)))

    @get("/{contest_id:int}/standings", operation_id="getContestStandings",
         summary="Live standings (frozen once awarded)", opt=TV)
    async def standings(self, contest_id: int, principal: Principal, rt: Runtime) -> w.StandingsOut:
        s = await contests.standings(rt, principal, contest_id)
        return w.StandingsOut(s.contest.id, s.contest.state, s.final, s.live,
                              [w.StandingOut(**_standing(s, r)) for r in s.rows])

    @get("/{contest_id:int}/results", operation_id="getContestResults",
         summary="Every participant's result with what counted and why")
    async def results(self, contest_id: int, principal: Principal, rt: Runtime) -> w.ResultsOut:
        s = await contests.results(rt, principal, contest_id)
        c = s.contest
        return w.ResultsOut(c.id, c.state, s.final, c.rules_version, list((c.rules or {}).get("tie_breakers") or []), [
            w.ResultOut(**_standing(s, r), tie_break=r.tie_break, computation=r.computation,
                        prizes=[_prize(p) for p in r.prizes],
                        counted=[w.CountedOut(x["activity_id"], x["type"], x["occurred_at"], x["amount"],
                                              x["reversed"]) for x in r.counted])
            for r in s.rows])

    @get("/{contest_id:int}/results.csv", operation_id="getContestResultsCsv",
         summary="The results for payroll (CSV; managers and admins)",
         media_type="text/csv")
    async def results_csv(self, contest_id: int, principal: Principal, rt: Runtime) -> Response[str]:
        require_manager(principal)  # the payout file, with emails: a rep reads their own explanation
        s = await contests.results(rt, principal, contest_id)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["contest_id", "contest", "final", "user_id", "display_name", "email", "place", "group",
                         "score", "total", "baseline", "won", "prize_points", "prize_names", "tie_break",
                         "computation"])
        for r in s.rows:
            m = s.members.get(r.user_id)
            writer.writerow([s.contest.id, _safe(s.contest.name), s.final, r.user_id, _safe(m.display_name if m else ""),
                             m.email if m else "", r.place or "", r.group or "", r.score, r.total,
                             m.baseline if m else 0, r.won, sum(p.points for p in r.prizes),
                             _safe("; ".join(p.name for p in r.prizes if p.name)), r.tie_break or "",
                             _safe(r.computation)])
        return Response(out.getvalue(), media_type="text/csv", headers={
            "content-disposition": f'attachment; filename="contest-{s.contest.id}-results.csv"'})


def _safe(text: str) -> str:
    """Spreadsheet formula injection: a cell starting with = + - @ is read as text."""
    return "'" + text if text and text[0] in "=+-@\t\r" else text
