"""`reprally insights --org ID`: an org's day close on demand, as an operator runs it."""

from __future__ import annotations

from tests.core.test_cli import reprally
from tests.insights.test_alerts import alerts_of, drifting_team
from tests.targets.support import Clocked


async def test_the_insights_command_runs_a_day_close_on_demand(clocked: Clocked, settings):
    admin, key, t, manager, (a, b, *_) = await drifting_team(clocked)
    args = ("insights", "--org", str(admin.org_id), "--day", "2027-02-26", "--rebuild-rollups")
    code, out, err = await reprally(*args, database_url=settings.database_url, redis_url=settings.redis_url)
    assert code == 0, err
    assert out == (f"org {admin.org_id}: 0 rollup rows corrected from the ledger\n"
                   f"org {admin.org_id} team {t}: 2 new alert(s)\n"
                   f"org {admin.org_id} team (none): 0 new alert(s)\n")
    assert sorted((x["user_id"], x["reason"]) for x in await alerts_of(manager)) == [
        (a.user_id, "low_activity"), (b.user_id, "inactive")]
    code, out, _ = await reprally(*args[:5], database_url=settings.database_url, redis_url=settings.redis_url)
    assert code == 0 and f"team {t}: 0 new alert(s)" in out  # once per rep, reason and week
