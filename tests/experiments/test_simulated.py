"""`reprally simulate --experiment missions`: an experiment on a simulated team through the real
engine; the hold-out gets no missions, the results and the power table come out of the run."""

from __future__ import annotations

import asyncio

import msgspec
import pytest
from sqlalchemy import text

from server.core.db import create_engine
from server.simulate.driver import Config
from server.simulate.experiment import TEAM_SIZES, markdown, power_table, run_experiment
from tests.support.backends import private_backends

SMALL = Config(reps=8, weeks=1, seed=5, history_weeks=1, team_size=4)


@pytest.fixture(scope="module")
def sim_settings(settings, tmp_path_factory):
    """A database and a Redis db of their own (the simulator runs the worker's jobs for every org)."""
    database_url, redis_url = asyncio.run(
        private_backends(settings, "simexp", tmp_path_factory.mktemp("simexp"), 3))
    return msgspec.structs.replace(settings, database_url=database_url, redis_url=redis_url, habits_enabled=True)


async def test_a_simulated_missions_experiment_withholds_them_from_the_holdout(sim_settings):
    run = await run_experiment(sim_settings, "missions", SMALL)
    r = run.results
    assert (r.elapsed_days, r.preliminary, r.holdout_n) == (7, False, 4)
    (v,) = r.variants
    assert v.name == "missions" and v.lift.n_variant == 4 and v.lift.ci_low is not None
    engine = create_engine(sim_settings.database_url)
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(text(
                "SELECT a.arm, count(m.user_id) FROM experiment_assignments a JOIN experiments e ON e.id = a.experiment_id "
                "LEFT JOIN missions m ON m.user_id = a.user_id AND m.org_id = a.org_id "
                "AND m.day >= e.start AND m.day <= e.\"end\" "
                "WHERE e.id = (SELECT max(id) FROM experiments) GROUP BY a.arm ORDER BY a.arm"))).all()
    finally:
        await engine.dispose()
    counts = dict(rows)  # missions of the run's days (before and after it, everyone has them)
    assert counts["holdout"] == 0 and counts["missions"] > 0
    assert [p.weeks for p in run.table] == [1]
    assert run.table[0].lift == v.lift.diff
    assert "| weeks | lift per rep |" in markdown(run, SMALL)


def test_power_table_from_weekly_totals():
    arm_of = {1: "holdout", 2: "holdout", 3: "v", 4: "v"}
    weekly = {(1, 0): 10, (2, 0): 12, (3, 0): 14, (4, 0): 16, (1, 1): 10, (2, 1): 12, (3, 1): 14, (4, 1): 16}
    rows = power_table(arm_of, weekly, 2, "v")
    assert [(p.weeks, p.lift) for p in rows] == [(1, 4.0), (2, 8.0)]
    assert rows[0].sd_variant == pytest.approx(2 ** 0.5) and rows[1].sd_holdout == pytest.approx(2 * 2 ** 0.5)
    assert list(rows[0].power) == list(TEAM_SIZES) and rows[0].power[200] == pytest.approx(1.0)
