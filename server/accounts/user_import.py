"""Importing users from a CSV file: check every row (a dry run), then create them all or none.

The file has a header row naming its columns: `email` and `display_name` (required), then any
of `role` (default rep), `team` (a team's name or id), `region`, `job_role`, `shift`,
`timezone` and `password`. A blank password gets a generated one, returned once in the answer
and never stored in clear or logged. Limits: `MAX_BYTES` per file, `MAX_ROWS` rows.

Every row is checked before anything is written: the wire type's bounds (`UserCreate`), an
email already taken or repeated in the file, an unknown team, a role the caller may not grant,
a manager's row outside their own team, a weak password. The commit is all-or-nothing: one
transaction creates every user (one audit entry each, action `import`), and a file with any
row in error creates nobody.
"""

from __future__ import annotations

import asyncio
import csv
import io
import secrets
from dataclasses import dataclass, field
from typing import Any

import msgspec
from sqlalchemy.exc import IntegrityError

from server.accounts import audit, passwords
from server.accounts import schemas as w
from server.accounts import store as orgs_repo
from server.accounts.models import User
from server.accounts.service import USER_FIELDS, sync_profile
from server.core.auth import Principal
from server.core.errors import Conflict, DomainError, Forbidden
from server.core.periods import is_timezone
from server.core.runtime import Runtime

MAX_BYTES = 256 * 1024
MAX_ROWS = 200
REQUIRED = ("email", "display_name")
COLUMNS = (*REQUIRED, "role", "team", "region", "job_role", "shift", "timezone", "password")
#: What a row's refused field means, in words (else msgspec's own message).
_MESSAGES = {
    "email": "not an email address",
    "display_name": "a name of 1 to 120 characters is required",
    "role": "role must be rep, manager or admin",
    "password": "at most 200 characters",
    "region": "at most 120 characters",
    "job_role": "at most 120 characters",
    "shift": "at most 60 characters",
    "timezone": "at most 64 characters",
}


@dataclass(slots=True)
class RowCheck:
    """One data row of the file (`line` is its line number, the header being line 1)."""

    line: int
    values: dict[str, Any]
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (field, code, message)
    user_id: int | None = None
    generated_password: str | None = None

    def fail(self, name: str, code: str, message: str) -> None:
        self.errors.append((name, code, message))


@dataclass(slots=True)
class Outcome:
    rows: list[RowCheck]
    created: int

    @property
    def invalid(self) -> int:
        return sum(1 for r in self.rows if r.errors)


def read_rows(text: str) -> list[dict[str, str]]:
    """The file's data rows as column -> value (400 `invalid_csv` for a file it cannot take)."""
    if len(text.encode()) > MAX_BYTES:
        raise DomainError(
            "file_too_large",
            f"the file is larger than {MAX_BYTES // 1024} KiB: split it",
            details={"field": "file", "max_bytes": MAX_BYTES},
        )
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        lines = [row for row in reader if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise DomainError(
            "invalid_csv", f"the file is not valid CSV: {exc}", details={"field": "file"}
        ) from None
    if not lines:
        raise DomainError(
            "invalid_csv", "the file is empty: its first row names the columns", details={"field": "file"}
        )
    header = [h.strip().lower() for h in lines[0]]
    unknown = [h for h in header if h not in COLUMNS]
    missing = [h for h in REQUIRED if h not in header]
    if unknown or missing or len(set(header)) != len(header):
        raise DomainError(
            "invalid_csv",
            "the first row names the columns: email, display_name and any of "
            f"{', '.join(COLUMNS[2:])}"
            + (f" (unknown: {', '.join(unknown)})" if unknown else "")
            + (f" (missing: {', '.join(missing)})" if missing else ""),
            details={"field": "file"},
        )
    if len(lines) - 1 > MAX_ROWS:
        raise DomainError(
            "too_many_rows",
            f"the file has {len(lines) - 1} rows: at most {MAX_ROWS} per import",
            details={"field": "file", "max_rows": MAX_ROWS},
        )
    return [{h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)} for row in lines[1:]]


async def check(rt: Runtime, principal: Principal, text: str) -> list[RowCheck]:
    """Every row of the file with what is wrong with it (nothing is written)."""
    if principal.role not in ("manager", "admin"):
        raise Forbidden("forbidden", "only managers and admins import users")
    if principal.role == "manager" and principal.team_id is None:
        raise Forbidden("no_team", "you manage no team yet: ask an admin to put you in one")
    raw = read_rows(text)
    async with rt.sessions() as s:
        teams = list(await orgs_repo.list_teams(s, principal.org_id))
        taken = {r["email"].lower() for r in raw if r.get("email")}
        taken = {e for e in taken if await orgs_repo.user_by_email(s, e) is not None}
    by_name = {t.name.lower(): t.id for t in teams}
    ids = {t.id for t in teams}
    seen: dict[str, int] = {}
    out = []
    for n, r in enumerate(raw, start=2):
        row = RowCheck(n, {})
        _values(row, r, principal, by_name, ids)
        email = str(row.values.get("email") or "").lower()
        if email in taken:
            row.fail("email", "email_taken", "an account with this email already exists")
        elif email and email in seen:
            row.fail("email", "duplicate_email", f"the same email is on line {seen[email]}")
        seen.setdefault(email, n)
        out.append(row)
    await asyncio.to_thread(_check_passwords, out)
    return out


def _values(row: RowCheck, r: dict[str, str], p: Principal, by_name: dict[str, int], ids: set[int]) -> None:
    team_ref = r.get("team", "")
    team_id: int | None = None
    if team_ref:
        team_id = (
            int(team_ref) if team_ref.isdigit() and int(team_ref) in ids else by_name.get(team_ref.lower())
        )
        if team_id is None:
            row.fail("team", "team_not_found", f"no team '{team_ref[:120]}'")
    role = r.get("role") or "rep"
    if p.role == "manager":
        if role != "rep":
            row.fail("role", "forbidden", "managers can only import reps")
        if team_id is not None and team_id != p.team_id:
            row.fail("team", "forbidden", "managers import only into their own team")
        team_id = p.team_id if not team_ref else team_id
    spec: dict[str, Any] = {
        "email": r.get("email", ""),
        "display_name": r.get("display_name", ""),
        "password": r.get("password") or "generated-later",
        "role": role,
        "team_id": team_id,
        **{k: r[k] or None for k in ("region", "job_role", "shift", "timezone") if k in r},
    }
    row.values = {**spec, "password": r.get("password") or None}
    try:
        msgspec.convert(spec, w.UserCreate)
    except msgspec.ValidationError as exc:
        message = str(exc)
        name = message.split("`$.")[-1].split("`")[0] if "`$." in message else "_row"
        row.fail(name, "invalid_value", _MESSAGES.get(name) or message.split(" - at")[0])
    tz = spec.get("timezone")
    if isinstance(tz, str) and not is_timezone(tz):
        row.fail("timezone", "invalid_timezone", f"'{tz[:64]}' is not a time zone (e.g. Europe/Paris)")


def _check_passwords(rows: list[RowCheck]) -> None:
    for row in rows:
        given = row.values.get("password")
        if given and not any(f == "password" for f, _, _ in row.errors):
            hint = passwords.weakness(given, str(row.values["email"]), str(row.values["display_name"]))
            if hint is not None:
                row.fail("password", "weak_password", f"this password is too weak: {hint}")


async def run(rt: Runtime, principal: Principal, text: str, *, dry_run: bool) -> Outcome:
    """Check the file; unless `dry_run`, create every user in one transaction (none when a row
    is in error). Generated passwords are on the rows, for the answer only."""
    rows = await check(rt, principal, text)
    if dry_run or any(r.errors for r in rows) or not rows:
        return Outcome(rows, 0)
    for row in rows:
        if not row.values.get("password"):
            row.generated_password = secrets.token_urlsafe(12)
    hashes = [await rt.passwords.hash(r.values.get("password") or r.generated_password or "") for r in rows]
    users: list[User] = []
    try:
        async with rt.sessions() as s, s.begin():
            for row, password_hash in zip(rows, hashes, strict=True):
                v = row.values
                user = User(
                    org_id=principal.org_id,
                    email=str(v["email"]).lower(),
                    password_hash=password_hash,
                    display_name=v["display_name"],
                    role=v["role"],
                    team_id=v.get("team_id"),
                    region=v.get("region"),
                    job_role=v.get("job_role"),
                    shift=v.get("shift"),
                    timezone=v.get("timezone"),
                    active=True,
                )
                s.add(user)
                await s.flush()
                await s.refresh(user, ["effective_region"])
                await audit.record(
                    rt, s, principal, "user", user.id, "import", after=audit.fields_of(user, USER_FIELDS)
                )
                row.user_id = user.id
                users.append(user)
    except IntegrityError:  # an email taken by a concurrent request after the check
        raise Conflict(
            "email_taken", "an account with one of these emails was just created: check again"
        ) from None
    for user in users:
        await sync_profile(rt, user)
    return Outcome(rows, len(users))


def answer(o: Outcome, dry_run: bool) -> w.ImportOut:
    """An import's wire answer: every row with its errors, ids once created."""
    return w.ImportOut(
        dry_run,
        o.created,
        o.invalid,
        [
            w.ImportRowOut(
                r.line,
                str(r.values.get("email") or ""),
                str(r.values.get("display_name") or ""),
                str(r.values.get("role") or ""),
                r.values.get("team_id"),
                [w.ImportRowError(f, c, m) for f, c, m in r.errors],
                r.user_id,
                r.generated_password,
            )
            for r in o.rows
        ],
    )
