"""Long commands (`rebuild`, `seed-history`, `simulate`) show progress (a bar on a terminal, plain
lines on stderr otherwise) and end with a one-line summary of counts and seconds on stdout."""

from __future__ import annotations

import io
import re

from server.core.ops.progress import Progress, summary
from tests.ops.support import reprally

SUMMARY = r"{}: ([\d,]+ [a-z ]+, )*[\d,]+ [a-z ]+ in \d+\.\d s"


class Captured(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_summary_is_one_line_of_counts_and_seconds():
    line = summary("rebuild", {"org": 2, "ledger entry|ledger entries": 1200, "board": 40}, 2.125)
    assert line == "rebuild: 2 orgs, 1,200 ledger entries, 40 boards in 2.1 s"
    assert summary("rebuild", {"org": 1, "ledger entry|ledger entries": 1, "board": 0}, 0.04) == \
        "rebuild: 1 org, 1 ledger entry, 0 boards in 0.0 s"
    assert re.fullmatch(SUMMARY.format("rebuild"), line)


def test_plain_lines_when_not_a_terminal_at_most_every_interval():
    out = Captured(tty=False)
    with Progress("logging history", total=3, unit="days", stream=out, every_s=0) as p:
        for _ in range(3):
            p.advance(1, "10 activities")
    lines = out.getvalue().splitlines()
    assert lines[-1].startswith("logging history: 3/3 days (10 activities), ") and lines[-1].endswith(" s")
    assert len(lines) == 3

    quiet = Captured(tty=False)
    with Progress("x", total=100, stream=quiet, every_s=3600) as p:
        for _ in range(100):
            p.advance()
    assert quiet.getvalue() == "" and p.done == 100  # nothing more often than every_s


def test_a_bar_on_a_terminal_that_goes_away_at_the_end():
    out = Captured(tty=True)
    with Progress("rebuilding", total=2, unit="orgs", stream=out) as p:
        p.advance()
        p.advance()
    assert "rebuilding" in out.getvalue() and p.done == 2


def test_seed_history_and_rebuild_end_with_their_summary(tmp_path, database_url, redis_url):
    seeded = reprally(
        tmp_path,
        "seed-history",
        "--reps",
        "3",
        "--team-size",
        "3",
        "--weeks",
        "1",
        "--no-day-closes",
        "--seed",
        "5",
        timeout=180,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
    )
    assert seeded.returncode == 0, seeded.stderr
    last = seeded.stdout.strip().splitlines()[-1]
    m = re.fullmatch(r"seed-history: 3 reps, ([\d,]+) activities, 7 days, 0 alerts in \d+\.\d s", last)
    assert m and int(m.group(1).replace(",", "")) > 0, seeded.stdout
    assert "Traceback" not in seeded.stderr
    org = re.search(r"^org (\d+):", seeded.stdout, re.M)
    assert org

    rebuilt = reprally(
        tmp_path,
        "rebuild",
        "--org",
        org.group(1),
        timeout=120,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
    )
    assert rebuilt.returncode == 0, rebuilt.stderr
    last = rebuilt.stdout.strip().splitlines()[-1]
    m = re.fullmatch(r"rebuild: 1 org, ([\d,]+) ledger entries, ([\d,]+) boards in \d+\.\d s", last)
    assert m and int(m.group(1).replace(",", "")) >= int(re.search(r"([\d,]+) activities", seeded.stdout).group(1).replace(",", "")), (
        rebuilt.stdout
    )
