"""Progress of the long commands (`rebuild`, `seed-history`, `simulate`, the demo's history).

On a terminal a `rich` progress bar on stderr; otherwise (a pipe, a log file, CI) one plain line
on stderr at most every `every_s` seconds and at the end. Each command ends with one summary line
on stdout, made by `summary` (counts and seconds), which the tests read.
"""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import IO, Self

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as Bar

from server.core.text import english


class Progress:
    """`with Progress("logging history", total=84, unit="days") as p: p.advance()`. A total of
    None is a count without an end. `quiet` shows nothing (the summary line is the caller's)."""

    def __init__(
        self,
        label: str,
        total: int | None = None,
        unit: str = "steps",
        *,
        stream: IO[str] | None = None,
        every_s: float = 5.0,
        quiet: bool = False,
        plain: bool = False,
    ) -> None:
        self.label, self.total, self.unit, self.every_s, self.quiet = label, total, unit, every_s, quiet
        self.plain = plain  # plain lines even on a terminal (e.g. beside a server's own output)
        self.stream = stream if stream is not None else sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self._last_line = self.started
        self._bar: Bar | None = None
        self._task = TaskID(0)

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def __enter__(self) -> Self:
        self.started = self._last_line = time.monotonic()
        if not self.quiet and not self.plain and self.stream.isatty():
            bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn(self.unit),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=True,
            )
            bar.start()
            self._task = bar.add_task(self.label, total=self.total)
            self._bar = bar
        return self

    def advance(self, n: int = 1, note: str | None = None) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(
                self._task, advance=n, description=f"{self.label} {note}" if note else self.label
            )
            return
        now = time.monotonic()
        if not self.quiet and now - self._last_line >= self.every_s:
            self._last_line = now
            self._line(note)

    def _line(self, note: str | None = None) -> None:
        of = f"/{self.total}" if self.total is not None else ""
        extra = f" ({note})" if note else ""
        print(
            f"{self.label}: {self.done}{of} {self.unit}{extra}, {self.seconds:.0f} s",
            file=self.stream,
            flush=True,
        )

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def summary(command: str, counts: dict[str, int], seconds: float) -> str:
    """The one-line summary a long command ends with: `rebuild: 1 org, 1,200 ledger entries, 40
    boards in 2.1 s`. Each key is the noun in the singular, or `singular|plural` where the plural
    is not the singular + "s"."""
    parts = ", ".join(english.count(n, *what.split("|")) for what, n in counts.items())
    return f"{command}: {parts} in {seconds:.1f} s"
