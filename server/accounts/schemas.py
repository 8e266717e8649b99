"""Wire types (msgspec Structs). Field constraints here give 400s before any rule runs."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, cast

from msgspec import UNSET, Meta, Struct, UnsetType

from server.accounts.models import ApiKey, AuditEntry, AuthSession, Org, Team, User
from server.core.auth import Principal
from server.core.periods import WEEKDAYS
from server.core.wire import Email, Id, Line, Name, OptName, Password, Role, Weekday

OrgName = Annotated[Line, Meta(min_length=1, max_length=200)]
#: a work shift ("Morning"), a board segment like a region or a job role
Shift = Annotated[Line, Meta(min_length=1, max_length=60)]
Timezone = Annotated[str, Meta(min_length=1, max_length=64)]


# -- orgs and auth --------------------------------------------------------------------------
class AdminIn(Struct, forbid_unknown_fields=True):
    email: Email
    password: Password
    display_name: Name


class OrgCreate(Struct, forbid_unknown_fields=True):
    name: OrgName
    timezone: Timezone
    admin: AdminIn
    week_start: Weekday = "monday"


class OrgUpdate(Struct, forbid_unknown_fields=True):
    name: OrgName | UnsetType = UNSET
    timezone: Timezone | UnsetType = UNSET
    week_start: Weekday | UnsetType = UNSET


class OrgOut(Struct):
    id: int
    name: str
    slug: str
    timezone: str
    week_start: str
    created_at: datetime


class UserOut(Struct):
    id: int
    org_id: int
    #: null unless the caller is this user, a manager or an admin
    email: str | None
    display_name: str
    role: Role
    team_id: int | None
    #: The user's region: their own, else their team's (what region boards use).
    region: str | None
    job_role: str | None
    shift: str | None
    timezone: str | None
    active: bool
    created_at: datetime
    #: True while the region follows the team (none set on the user; PATCH `region: null` returns to it).
    region_from_team: bool = True


class OrgCreated(Struct):
    org: OrgOut
    user: UserOut
    access_token: str
    refresh_token: str
    token_type: str = "bearer"


class LoginIn(Struct, forbid_unknown_fields=True):
    email: Annotated[str, Meta(min_length=1, max_length=320)]
    password: Annotated[str, Meta(min_length=1, max_length=200)]
    #: What the session is called in `GET /me/sessions` (default: the User-Agent header).
    device: Annotated[str, Meta(max_length=200)] | None = None


class RefreshIn(Struct, forbid_unknown_fields=True):
    refresh_token: Annotated[str, Meta(min_length=1, max_length=4096)]


class LogoutIn(Struct, forbid_unknown_fields=True):
    refresh_token: Annotated[str, Meta(min_length=1, max_length=4096)]


class PasswordChange(Struct, forbid_unknown_fields=True):
    current_password: Annotated[str, Meta(min_length=1, max_length=200)]
    new_password: Password


class SessionOut(Struct):
    id: int
    device: str | None
    created_at: datetime
    last_used_at: datetime
    expires_at: datetime
    #: the session of the access token making this request
    current: bool


class SessionList(Struct):
    items: list[SessionOut]


class TokensOut(Struct):
    access_token: str
    refresh_token: str
    user: UserOut
    token_type: str = "bearer"
    expires_in: int = 0


# -- teams and users ------------------------------------------------------------------------
class TeamCreate(Struct, forbid_unknown_fields=True):
    name: Name
    region: OptName = None


class TeamUpdate(Struct, forbid_unknown_fields=True):
    name: Name | UnsetType = UNSET
    region: OptName | UnsetType = UNSET


class TeamOut(Struct):
    id: int
    name: str
    region: str | None
    created_at: datetime


class TeamList(Struct):
    items: list[TeamOut]


class UserCreate(Struct, forbid_unknown_fields=True):
    email: Email
    display_name: Name
    password: Password
    role: Role = "rep"
    team_id: Id | None = None
    region: OptName = None
    job_role: OptName = None
    shift: Shift | None = None
    timezone: Annotated[str, Meta(max_length=64)] | None = None


class UserUpdate(Struct, forbid_unknown_fields=True):
    display_name: Name | UnsetType = UNSET
    password: Password | UnsetType = UNSET
    role: Role | UnsetType = UNSET
    team_id: Id | None | UnsetType = UNSET
    region: OptName | UnsetType = UNSET
    job_role: OptName | UnsetType = UNSET
    shift: Shift | None | UnsetType = UNSET
    timezone: Annotated[str, Meta(max_length=64)] | None | UnsetType = UNSET
    active: bool | UnsetType = UNSET


class UserList(Struct):
    total: int
    items: list[UserOut]


class UserImport(Struct, forbid_unknown_fields=True):
    #: The CSV file's text: a header row (email, display_name, role, team, region, job_role, shift,
    #: timezone, password), at most 256 KiB and 200 rows.
    csv: Annotated[str, Meta(min_length=1, max_length=256 * 1024)]
    #: True (the default): check every row and create nobody.
    dry_run: bool = True


class ImportRowError(Struct, rename={"field_": "field"}):
    field_: str
    code: str
    message: str


class ImportRowOut(Struct):
    line: int
    email: str
    display_name: str
    role: str
    team_id: int | None
    errors: list[ImportRowError]
    #: The created user's id (none in a dry run).
    user_id: int | None = None
    #: A password generated for a row without one: shown in this answer only.
    password: str | None = None


class ImportOut(Struct):
    dry_run: bool
    #: How many users were created (0 in a dry run or when any row is in error: all or nothing).
    created: int
    invalid: int
    rows: list[ImportRowOut]


# -- API keys -------------------------------------------------------------------------------
class ApiKeyCreate(Struct, forbid_unknown_fields=True):
    name: Name


class ApiKeyOut(Struct):
    id: int
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


class ApiKeyCreated(Struct):
    id: int
    name: str
    prefix: str
    created_at: datetime
    key: str


class ApiKeyList(Struct):
    items: list[ApiKeyOut]


def org_out(o: Org) -> OrgOut:
    return OrgOut(o.id, o.name, o.slug, o.timezone, WEEKDAYS[o.week_start], o.created_at)


def user_out(u: User, viewer: Principal | None = None) -> UserOut:
    """A user as `viewer` may see them (None: the user themselves, e.g. at login): emails are for
    the user, managers and admins only. `role` is one of `Role`: the service writes no other."""
    email = u.email if viewer is None or viewer.is_manager or viewer.user_id == u.id else None
    return UserOut(u.id, u.org_id, email, u.display_name, cast(Role, u.role), u.team_id, u.effective_region, u.job_role,
                   u.shift, u.timezone, u.active, u.created_at, u.region is None)


def team_out(t: Team) -> TeamOut:
    return TeamOut(t.id, t.name, t.region, t.created_at)


def api_key_out(k: ApiKey) -> ApiKeyOut:
    return ApiKeyOut(k.id, k.name, k.prefix, k.created_at, k.revoked_at)


def session_out(row: AuthSession, current_id: int | None) -> SessionOut:
    return SessionOut(row.id, row.device, row.created_at, row.last_used_at, row.expires_at, row.id == current_id)


# -- the audit log ------------------------------------------------------------------------------
class AuditEntryOut(Struct):
    id: int
    at: datetime
    #: user, api_key or system
    actor_kind: str
    actor_user_id: int | None
    actor_name: str | None
    #: one of audit.ENTITY_KINDS (user, team, org, activity_type, contest, reward, ...)
    entity_kind: str
    entity_id: str
    action: str
    #: the fields that changed, as they were (None for a creation)
    before: dict[str, Any] | None
    #: the fields that changed, as they are now (None for a deletion)
    after: dict[str, Any] | None


class AuditPage(Struct):
    total: int
    entries: list[AuditEntryOut]


def audit_out(e: AuditEntry) -> AuditEntryOut:
    return AuditEntryOut(e.id, e.at, e.actor_kind, e.actor_user_id, e.actor_name, e.entity_kind, e.entity_id,
                         e.action, e.before, e.after)

