"""What a request may send (issue 15, items 10, 11, 14, 15): text no longer than the column that
keeps it, JSON no deeper than 64 levels, strict types, and display text without control or
bidirectional-override characters. Each refusal is a 400 with its code, never a 500."""

from __future__ import annotations

import logging
from typing import Any

import msgspec.inspect as mi
import pytest
from litestar.routes import HTTPRoute
from sqlalchemy import String

import server.models  # noqa: F401 - every table on the metadata
from server.activities.schemas import ActivityIn
from server.core.contract.requests import MAX_JSON_DEPTH, data_type, query_flags
from server.core.db import Base
from server.core.wire import LINE_PATTERN, PROSE_PATTERN
from tests.conftest import new_org
from tests.support.api import assert_error

# -- the wire types the API decodes -------------------------------------------------------------
#: Decoded by a handler itself rather than by the framework (each item of a batch).
DECODED_IN_HANDLERS = (ActivityIn,)


def _walk(info: Any, where: str, out: dict[str, mi.StrType], seen: set[type]) -> None:
    if isinstance(info, mi.StructType):
        if info.cls not in seen:
            seen.add(info.cls)
            for f in info.fields:
                _walk(f.type, f"{info.cls.__name__}.{f.name}", out, seen)
    elif isinstance(info, mi.StrType):
        out[where] = info
    elif isinstance(info, mi.Metadata):  # a type with a description or examples for the document
        _walk(info.type, where, out, seen)
    elif isinstance(info, mi.UnionType):
        for t in info.types:
            _walk(t, where, out, seen)
    elif isinstance(info, (mi.ListType, mi.SetType, mi.FrozenSetType, mi.VarTupleType)):
        _walk(info.item_type, where + "[]", out, seen)
    elif isinstance(info, mi.DictType):
        _walk(info.key_type, where + "{key}", out, seen)
        _walk(info.value_type, where + "{}", out, seen)


def text_inputs(app) -> dict[str, mi.StrType]:
    """'Struct.field' -> its constraints, for every text field of every body the API takes."""
    types = set(DECODED_IN_HANDLERS)
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            types |= {data_type(h) for h, _ in route.route_handler_map.values()} - {Any}
    out: dict[str, mi.StrType] = {}
    seen: set[type] = set()
    for t in types:
        _walk(mi.type_info(t), "", out, seen)
    return out


def string_columns() -> dict[str, int | None]:
    return {f"{t.name}.{c.name}": c.type.length for t in Base.metadata.sorted_tables for c in t.columns
            if isinstance(c.type, String)}


# -- where each text goes --------------------------------------------------------------------
#: column <- the wire fields whose text it keeps (as sent, or copied: a mission keeps its template's label)
STORED_FROM = {
    "orgs.name": ("OrgCreate.name", "OrgUpdate.name"),
    "orgs.timezone": ("OrgCreate.timezone", "OrgUpdate.timezone"),
    "users.email": ("AdminIn.email", "UserCreate.email"),
    "auth_sessions.device": ("LoginIn.device",),
    "users.display_name": ("AdminIn.display_name", "UserCreate.display_name", "UserUpdate.display_name"),
    "users.region": ("UserCreate.region", "UserUpdate.region"),
    "users.job_role": ("UserCreate.job_role", "UserUpdate.job_role"),
    "users.shift": ("UserCreate.shift", "UserUpdate.shift"),
    "users.timezone": ("UserCreate.timezone", "UserUpdate.timezone"),
    "teams.name": ("TeamCreate.name", "TeamUpdate.name"),
    "teams.region": ("TeamCreate.region", "TeamUpdate.region"),
    "api_keys.name": ("ApiKeyCreate.name",),
    "activity_types.key": ("ActivityTypeCreate.key",),
    "activity_types.label": ("ActivityTypeCreate.label", "ActivityTypeUpdate.label"),
    "activity_type_versions.label": ("ActivityTypeCreate.label", "ActivityTypeUpdate.label"),
    "activities.external_id": ("ActivityIn.external_id",),
    "contests.name": ("ContestCreate.name", "ContestUpdate.name"),
    "contests.description": ("ContestCreate.description", "ContestUpdate.description"),
    "contests.metric": ("ContestCreate.metric", "ContestUpdate.metric", "ActionIn.metric"),
    "targets.metric": ("TargetsIn.metric",),
    "rep_notes.body": ("ActionIn.message",),
    "integrations.name": ("IntegrationCreate.name", "IntegrationUpdate.name"),
    "chat_channels.name": ("ChannelCreate.name", "ChannelUpdate.name"),
    "chat_channels.quiet_start": ("ChannelCreate.quiet_start", "ChannelUpdate.quiet_start"),
    "chat_channels.quiet_end": ("ChannelCreate.quiet_end", "ChannelUpdate.quiet_end"),
    "contest_events.reason": ("Recalculate.reason", "CancelIn.reason"),
    "contest_awards.prize_name": ("PrizeIn.name",),
    "instant_win_programs.name": ("InstantWinIn.name",),
    "instant_win_programs.prize_name": ("InstantWinIn.prize_name",),
    "instant_wins.prize_name": ("InstantWinIn.prize_name",),
    "fantasy_leagues.name": ("LeagueIn.name",),
    "fantasy_leagues.metric": ("LeagueIn.metric",),
    "fantasy_teams.name": ("TeamIn.name",),
    "badges.key": ("BadgeIn.key",),
    "badges.name": ("BadgeIn.name", "BadgeUpdate.name"),
    "badges.description": ("BadgeIn.description", "BadgeUpdate.description"),
    "badge_awards.message": ("AwardIn.message",),
    "mission_templates.key": ("TemplateIn.key",),
    "mission_templates.label": ("TemplateIn.label", "TemplateUpdate.label"),
    "mission_templates.type_key": ("TemplateIn.type",),
    "missions.label": ("TemplateIn.label", "TemplateUpdate.label"),
    "missions.type_key": ("TemplateIn.type",),
    "displays.name": ("DisplayCreate.name", "DisplayUpdate.name"),
    "devices.token": ("DeviceIn.token",),
    "notification_preferences.quiet_start": ("QuietHours.start",),
    "notification_preferences.quiet_end": ("QuietHours.end",),
    "notification_defaults.quiet_start": ("QuietHours.start",),
    "notification_defaults.quiet_end": ("QuietHours.end",),
    "rewards.name": ("RewardCreate.name", "RewardUpdate.name"),
    "rewards.description": ("RewardCreate.description", "RewardUpdate.description"),
    "redemptions.reward_name": ("RewardCreate.name", "RewardUpdate.name"),
    "redemptions.note": ("NoteIn.note",),
    "kudos.message": ("KudosIn.message", "ActionIn.message"),
    "kudos.value_tag": ("KudosIn.value_tag", "KudosSettingsUpdate.values[]"),
    "feed_reactions.emoji": ("ReactionIn.emoji",),
    "experiments.name": ("ExperimentIn.name",),
    "experiment_assignments.arm": ("VariantIn.name",),
}
#: columns only the server writes, and what bounds them
SERVER_WRITTEN = {
    "board_privacy.scope": "org, team, metric or display: the route names it",
    "board_privacy.mode": "a Literal of the wire type (privacy.schemas.ModeName)",
    "board_privacy.scope_key": "a team or display id from the path, or a board's key checked against the org's types (64)",
    "audit_log.actor_kind": "user, api_key or system",
    "experiments.unit": "rep or team (ExperimentIn.unit is a Literal)",
    "experiments.metric": "one of experiments.rules.METRICS (ExperimentIn.metric is a Literal)",
    "audit_log.actor_name": "copied from the acting user's display name (120)",
    "audit_log.entity_kind": "one of audit.ENTITY_KINDS",
    "audit_log.entity_id": "an id, or an activity type's key (64)",
    "audit_log.action": "a verb the service names (create, update, launch, ...)",
    "fantasy_leagues.state": "setup, drafting or season",
    "job_leases.name": "a registered job's name (Registry.job)",
    "job_leases.holder": "the worker's host:pid",
    "integration_owners.crm_owner_id": "from a CRM delivery or read, bounded by its connector's wire types",
    "integration_owners.email": "from a CRM delivery or read, bounded by its connector's wire types",
    "integration_events.object_type": "a CRM object kind the connector names (deal, meeting, call, email)",
    "integration_events.object_id": "from a CRM delivery or read, bounded by its connector's wire types",
    "integration_events.owner_ref": "from a CRM delivery or read, bounded by its connector's wire types",
    "integration_events.event_type": "the delivery's event type, cut at 64",
    "integration_events.dedupe_key": "made from the vendor's de-duplication fields, bounded",
    "integration_events.status": "the inbox state (pending, done, ...)",
    "integration_events.error_code": "an error code of ours",
    "integration_events.error_message": "an error message of ours, cut at 300",
    "crm_objects.namespace": "the integration's namespace, made by the server",
    "crm_objects.object_type": "a CRM object kind the connector names",
    "crm_objects.object_id": "from a CRM delivery or read, bounded by its connector's wire types",
    "crm_changes.namespace": "the integration's namespace, made by the server",
    "crm_changes.object_type": "a CRM object kind the connector names",
    "crm_changes.object_id": "from a CRM delivery or read, bounded by its connector's wire types",
    "crm_changes.role": "what the object scored as (created, won, ...)",
    "crm_changes.cause": "why the change was made (repriced, lost, deleted, moved)",
    "integrations.kind": "a Literal of the wire type",
    "chat_channels.provider": "a Literal of the wire type", "chat_channels.url_enc": "the Fernet token of the URL",
    "chat_channels.url_tail": "the URL's last 4 characters", "chat_channels.status": "ok or broken",
    "chat_channels.last_error": "the provider's status and answer (cut at 200), or an error of ours",
    "chat_outbox.event_key": "server references", "chat_outbox.topic": "server topics",
    "chat_outbox.state": "the outbox's states", "chat_outbox.lease_owner": "a worker id",
    "chat_outbox.last_error": "the provider's status and answer (cut at 200), or an error of ours",
    "integrations.hook_id": "a random id the server makes",
    "integrations.path_secret_hash": "a SHA-256 hex digest",
    "integrations.secrets_enc": "the Fernet token of the secrets",
    "integrations.poll_last_error": "an error message of ours, cut at 300",
    "activity_types.self_report": "a Literal of the wire type",
    "activity_type_versions.self_report": "copied from its activity type",
    "self_reports.mode": "copied from the activity type's version",
    "self_reports.status": "pending, confirmed or expired",
    "alerts.reason": "a detection rule's name",
    "alerts.status": "open, acted or dismissed",
    "alert_actions.action": "a Literal of the wire type",
    "rep_wins.kind": "the kind of a win the server saw (badge, mission, contest place, kudos)",
    "rep_wins.ref": "the id of what was won, made by the server",
    "targets.period": "a Literal of the wire type (week, month, quarter)",
    "auth_sessions.refresh_jti": "a random id the server makes for each refresh token",
    "auth_sessions.revoked_reason": "why the server ended a session (logout, password_reset, ...)",
    "ledger_entries.cause_kind": "the kind of what paid a bonus (badge, mission, streak, contest, ...)",
    "rank_closes.period_id": "a period id the server computes (day, week, month)",
    "orgs.slug": "made from the name, cut at 60",
    "users.password_hash": "an argon2 hash",
    "users.role": "a Literal of the wire type",
    "api_keys.prefix": "generated", "api_keys.key_hash": "a SHA-256 hex digest",
    "activities.source": "the caller's kind", "ledger_entries.kind": "the server's entry kinds",
    "badges.rule": "a Literal", "badges.tier": "a Literal",
    "badge_awards.period_key": "the server's period keys",
    "contests.state": "the lifecycle's states", "contests.format": "a Literal", "contests.measure": "a Literal",
    "contest_events.kind": "the lifecycle's events", "contest_awards.tier": "the server's tiers",
    "contest_results.group": "team:<id>, division:<n>, round:<n>, match:<n>",
    "mission_templates.metric": "a Literal", "missions.metric": "a Literal",
    "displays.pairing_code": "generated, 6 characters",
    "devices.platform": "a Literal",
    "notifications.kind": "server kinds, cut at 32", "notifications.title": "generated, cut at 200",
    "notifications.body": "generated, cut at 1000", "notifications.dedupe_key": "generated, cut at 200",
    "notifications.collapse_key": "server keys",
    "push_outbox.kind": "server kinds", "push_outbox.state": "the outbox's states",
    "push_outbox.lease_owner": "a worker id", "push_outbox.last_error": "FCM's answer, cut at 200",
    "redemptions.state": "the redemption's states",
    "feed_items.kind": "server kinds", "feed_items.ref": "server references",
    "contests.draw_commitment": "a SHA-256 hex digest", "contests.draw_seed": "generated (secrets.token_hex)",
}
#: text that is looked up, checked or hashed, never kept as sent, or kept in a JSON column
NOT_IN_A_STRING_COLUMN = {
    "AdminIn.password", "UserCreate.password", "UserUpdate.password", "LoginIn.email", "LoginIn.password",
    "RefreshIn.refresh_token", "LogoutIn.refresh_token", "PasswordChange.current_password",
    "PasswordChange.new_password",
    # integrations: secrets are encrypted into one Text column; URLs, ids and rules are kept in JSON
    "IntegrationCreate.signing_secret", "IntegrationUpdate.signing_secret", "IntegrationCreate.client_secret",
    "IntegrationUpdate.client_secret", "IntegrationCreate.access_token", "IntegrationUpdate.access_token",
    "IntegrationCreate.api_base", "IntegrationUpdate.api_base", "IntegrationCreate.instance_url",
    "IntegrationUpdate.instance_url", "IntegrationCreate.organization_id", "MapRule.activity_type",
    "MapRule.value_field", "MapRule.quantity_field", "Rules.won_stages[]", "Rules.types{key}", "Rules.types{}",
    "PairIn.code", "ActivityIn.type", "PreferencesIn.kinds{key}", "DefaultsIn.kinds{key}",
    "ContestCreate.segments[]", "ContestUpdate.segments[]", "DisplayCreate.boards[]", "DisplayUpdate.boards[]",
    "BadgeIn.params{key}", "BadgeUpdate.params{key}", "StreakSettingsUpdate.holidays[]",
    "StreakSettingsUpdate.qualifying_types[]",
    # looked up among the org's activity types; type keys of XP weights are kept in JSON
    "InstantWinIn.activity_type", "WeightsIn.activity_xp{key}",
    # a CSV file parsed row by row into UserCreate's own checks (accounts/user_import.py)
    "UserImport.csv",
    # the reason a badge award is taken back is kept in the audit log's JSON
    "RevokeIn.reason",
    # chat: the webhook URL is encrypted into one Text column; badge tiers are kept in JSON
    "ChannelCreate.url", "ChannelUpdate.url", "ChannelCreate.badge_tiers[]", "ChannelUpdate.badge_tiers[]",
}
#: wire fields whose column is narrower than the wire limit: a rule narrows them, and the
#: request below proves it (a 400 one character over the column)
NARROWED_BY_RULES = {
    "ActivityIn.external_id": "ledger.rules: 1 to 200 characters, else invalid_external_id",
    "KudosIn.message": "social.rules.clean_message: 500 once trimmed, else invalid_message",
    "KudosIn.value_tag": "one of the org's values, each at most 40 (social.rules.clean_values)",
    "KudosSettingsUpdate.values[]": "social.rules.clean_values: 40 once trimmed",
    "ReactionIn.emoji": "one of social.rules.REACTIONS, else unknown_emoji",
}
#: columns people read: their wire fields refuse control and bidirectional-override characters
DISPLAY_COLUMNS = {
    "orgs.name", "users.display_name", "users.region", "users.job_role", "users.shift", "teams.name",
    "teams.region", "api_keys.name", "activity_types.label", "contests.name", "contests.description",
    "contest_events.reason", "contest_awards.prize_name", "instant_win_programs.name", "fantasy_leagues.name",
    "fantasy_teams.name",
    "instant_win_programs.prize_name", "instant_wins.prize_name", "badges.name", "badges.description",
    "badge_awards.message", "mission_templates.label", "missions.label", "displays.name", "rewards.name",
    "rewards.description", "redemptions.note", "kudos.message", "kudos.value_tag", "chat_channels.name",
    "experiments.name",
}


def test_every_string_column_is_written_from_known_inputs_or_by_the_server():
    unknown = set(string_columns()) - set(STORED_FROM) - set(SERVER_WRITTEN)
    assert unknown == set(), f"say in STORED_FROM or SERVER_WRITTEN where these columns' text comes from: {unknown}"
    assert set(STORED_FROM) | set(SERVER_WRITTEN) <= set(string_columns())


def test_every_text_input_is_known_to_go_somewhere(app):
    inputs = set(text_inputs(app))
    stored = {f for fields in STORED_FROM.values() for f in fields}
    unknown = inputs - stored - NOT_IN_A_STRING_COLUMN
    assert unknown == set(), f"say where these text fields are kept (STORED_FROM or NOT_IN_A_STRING_COLUMN): {unknown}"
    assert stored | NOT_IN_A_STRING_COLUMN <= inputs, (stored | NOT_IN_A_STRING_COLUMN) - inputs


def test_the_api_never_takes_more_text_than_its_column_keeps(app):
    inputs, columns = text_inputs(app), string_columns()
    too_long = [(field, inputs[field].max_length, column, length)
                for column, fields in STORED_FROM.items() if (length := columns[column]) is not None
                for field in fields if field not in NARROWED_BY_RULES
                and (inputs[field].max_length is None or inputs[field].max_length > length)]
    assert too_long == []


def test_display_text_refuses_control_and_bidi_characters_in_every_field(app):
    inputs = text_inputs(app)
    plain = sorted({f for c in DISPLAY_COLUMNS for f in STORED_FROM[c] if inputs[f].pattern not in
                    (LINE_PATTERN, PROSE_PATTERN)})
    assert plain == []


async def _rep_and_feed_item(admin):
    rep = await admin.user()
    given = await admin.ok("post", "/kudos", {"to_user_id": rep.user_id, "message": "thanks"}, status=201)
    return rep, given["feed_item_id"]


# (what, a request with text one character over the column, its code, the same at the column's length)
OVER_THE_COLUMN = [
    ("users.shift", lambda a, _: ("patch", f"/users/{a.user_id}", {"shift": "s" * 61}), "invalid_request",
     lambda a, _: ("patch", f"/users/{a.user_id}", {"shift": "s" * 60})),
    ("activities.external_id", lambda a, _: ("post", "/activities", {"type": "call", "external_id": "e" * 201}),
     "invalid_external_id", lambda a, _: ("post", "/activities", {"type": "call", "external_id": "e" * 200})),
    ("kudos.message", lambda a, r: ("post", "/kudos", {"to_user_id": r.user_id, "message": "m" * 501}),
     "invalid_message", lambda a, r: ("post", "/kudos", {"to_user_id": r.user_id, "message": "m" * 500})),
    ("kudos.value_tag (org values)", lambda a, _: ("patch", "/kudos/settings", {"values": ["v" * 41]}),
     "invalid_kudos_settings", lambda a, _: ("patch", "/kudos/settings", {"values": ["v" * 40]})),
    ("kudos.value_tag", lambda a, r: ("post", "/kudos", {"to_user_id": r.user_id, "message": "hi",
                                                         "value_tag": "v" * 41}),
     "unknown_value_tag", None),
    ("feed_reactions.emoji", lambda a, item: ("post", f"/feed/{item}/reactions", {"emoji": "👏" * 17}),
     "unknown_emoji", lambda a, item: ("post", f"/feed/{item}/reactions", {"emoji": "👏"})),
]


@pytest.mark.parametrize(("what", "over", "code", "at"), OVER_THE_COLUMN, ids=[c[0] for c in OVER_THE_COLUMN])
async def test_text_one_character_over_its_column_is_a_400(client, what, over, code, at):
    admin = await new_org(client)
    rep, item = await _rep_and_feed_item(admin)
    extra = item if "emoji" in what else rep
    method, path, body = over(admin, extra)
    assert_error(await getattr(admin, method)(path, body), 400, code)
    if at is not None:
        method, path, body = at(admin, extra)
        await admin.ok(method, path, body)


# -- item 11: nesting ---------------------------------------------------------------------------
def _nested(depth: int) -> bytes:
    return b'{"a": ' * depth + b"1" + b"}" * depth


def _body_operations(app, *, public_only: bool = False) -> list[tuple[str, str]]:
    """(method, path) of every operation that takes a JSON body (`public_only`: and no caller),
    path ids filled with 1."""
    out = []
    for route in app.routes:
        if isinstance(route, HTTPRoute):
            for method, (handler, _) in route.route_handler_map.items():
                if data_type(handler) is not Any:
                    if public_only and "principal" in handler.resolve_dependencies():
                        continue
                    path = route.path_format
                    for name in route.path_parameters:
                        path = path.replace("{" + name + "}", "call" if name in ("key", "action") else "1")
                    out.append((method, path))
    return sorted(out)


@pytest.mark.parametrize("authenticated", [True, False])
async def test_json_nested_too_deep_is_a_400_on_every_endpoint_and_logs_nothing(app, client, caplog, authenticated):
    org = await new_org(client)
    headers = {"content-type": "application/json", **(org.headers if authenticated else {})}
    operations = _body_operations(app)
    public = set(_body_operations(app, public_only=True))
    assert {("POST", "/api/v1/orgs"), ("POST", "/api/v1/auth/login"), ("POST", "/api/v1/displays/pair")} <= public
    assert ("POST", "/api/v1/orgs") in operations and ("POST", "/api/v1/auth/login") in operations
    caplog.set_level(logging.DEBUG)
    for method, path in operations:
        for body in (_nested(MAX_JSON_DEPTH + 1), b"[" * 100_000, b'{"a": ' + b"[" * 5000 + b"]" * 5000 + b"}"):
            r = await client.request(method, path, content=body, headers=headers)
            if authenticated or (method, path) in public:
                assert_error(r, 400, "invalid_json")
            else:  # who is calling is decided first: without credentials, a 401 whatever the body
                assert_error(r, 401, "unauthenticated")
        r = await client.request(method, path, content=_nested(MAX_JSON_DEPTH), headers=headers)
        assert r.json()["error"]["code"] != "invalid_json" if r.status_code >= 400 else True, (method, path, r.text)
    assert [r for r in caplog.records if r.levelno >= logging.WARNING or r.exc_info] == []


async def test_depth_counts_brackets_outside_strings_only(client):
    org = await new_org(client)
    deep_text = "[" * 500 + "{" * 500
    out = await org.ok("post", "/activities", {"type": "call", "external_id": deep_text[:200]}, status=201)
    assert out["external_id"] == deep_text[:200]
    contest = await org.ok("post", "/contests/", {"name": "C", "start_date": "2026-12-01", "end_date": "2026-12-31",
                                                  "description": deep_text + ' "quoted \\" ]]]'}, status=201)
    assert contest["description"] == deep_text + ' "quoted \\" ]]]'


# -- item 14: strict types ------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["false", "true", 0, 1, "0", "1", None, [], "yes"])
async def test_a_boolean_is_true_or_false_nothing_else(client, value):
    admin = await new_org(client)
    rep = await admin.user()
    for method, path, body in [
        ("patch", f"/users/{rep.user_id}", {"active": value}),
        ("post", "/activity-types", {"key": "visit", "label": "Visit", "points": 1, "self_reportable": value}),
        ("post", "/rewards", {"name": "Mug", "cost": 10, "active": value}),
        ("post", "/notifications/read", {"all": value}),
        ("post", "/contests/", {"name": "C", "start_date": "2026-12-01", "end_date": "2026-12-31",
                                "hidden": value}),
    ]:
        assert_error(await getattr(admin, method)(path, body), 400, "invalid_request")
    assert (await admin.ok("get", f"/users/{rep.user_id}"))["active"] is True


@pytest.mark.parametrize(("field", "value"), [("quantity", "2"), ("quantity", 2.0), ("value", "10"),
                                              ("user_id", "1"), ("type", 5)])
async def test_numbers_and_text_are_not_coerced(org, field, value):
    assert_error(await org.post("/activities", {"type": "call", field: value}), 400, "invalid_request")
    assert (await org.ok("get", "/me"))["points_balance"] == 0


def _flag_queries(app) -> list[tuple[str, str]]:
    out = []
    for route in app.routes:
        if isinstance(route, HTTPRoute) and not route.path_parameters:
            handler, _ = route.route_handler_map.get("GET", (None, None))
            if handler is not None:
                out += [(route.path_format, flag) for flag in query_flags(handler)]
    return sorted(out)


async def test_boolean_query_parameters_are_true_or_false(app, client):
    flags = _flag_queries(app)
    assert {("/api/v1/users", "active"), ("/api/v1/rewards", "include_inactive"),
            ("/api/v1/notifications", "unread")} <= set(flags)
    org = await new_org(client)
    for path, flag in flags:
        for bad in ("0", "1", "True", "FALSE", "yes", ""):
            assert_error(await client.get(path, params={flag: bad}, headers=org.headers), 400, "invalid_request")
        for good in ("true", "false"):
            r = await client.get(path, params={flag: good}, headers=org.headers)
            assert r.status_code == 200, (path, flag, good, r.text)
    users = await org.ok("get", "/users", active="false")
    assert users["items"] == []


# -- item 15: display text ------------------------------------------------------------------------
BAD_TEXT = ["Bob\u202eevil", "a\u2066b\u2069", "x\u202ay\u202c", "bell\x07", "\u0000", "del\x7f", "c1\x85",
            "esc\x1b[31m"]
#: one line only: refused in names and labels, welcome in prose
BAD_IN_A_LINE = ["tab\tname", "new\nline", "cr\rlf", "line\u2028sep"]
EMOJI = "Dev 👩🏽‍💻 🏳️‍🌈"


#: fields that may span lines (tabs and line breaks allowed)
PROSE = ("description", "message", "note", "reason")


def _display_requests(rep_id: int, badge_id: int, reward_id: int, contest_id: int) -> list[tuple[str, str, Any]]:
    """(method, path, body): TEXT marks where display text goes, KEY a unique key."""
    return [
        ("patch", "/org", {"name": "TEXT"}),
        ("post", "/teams", {"name": "TEXT"}),
        ("post", "/teams", {"name": "Team KEY", "region": "TEXT"}),
        ("patch", f"/users/{rep_id}", {"display_name": "TEXT"}),
        ("patch", f"/users/{rep_id}", {"region": "TEXT"}),
        ("patch", f"/users/{rep_id}", {"job_role": "TEXT"}),
        ("patch", f"/users/{rep_id}", {"shift": "TEXT"}),
        ("post", "/api-keys", {"name": "TEXT"}),
        ("post", "/activity-types", {"key": "k_KEY", "label": "TEXT", "points": 1}),
        ("post", "/contests/", {"name": "TEXT", "start_date": "2026-12-01", "end_date": "2026-12-31"}),
        ("patch", f"/contests/{contest_id}", {"description": "TEXT"}),
        ("patch", f"/contests/{contest_id}", {"prizes": [{"place": 1, "name": "TEXT"}]}),
        ("post", "/badges", {"key": "b_KEY", "name": "TEXT", "rule": "manual"}),
        ("patch", f"/badges/{badge_id}", {"description": "TEXT"}),
        ("post", f"/badges/{badge_id}/award", {"user_id": rep_id, "message": "TEXT"}),
        ("post", "/mission-templates", {"key": "m_KEY", "label": "TEXT", "type": "call"}),
        ("post", "/displays", {"name": "TEXT"}),
        ("post", "/rewards", {"name": "TEXT", "cost": 5}),
        ("patch", f"/rewards/{reward_id}", {"description": "TEXT"}),
        ("post", f"/rewards/{reward_id}/redeem", {"note": "TEXT"}),
        ("patch", "/kudos/settings", {"values": ["TEXT"]}),
        ("post", "/kudos", {"to_user_id": rep_id, "message": "hi", "value_tag": "TEXT"}),
        ("post", "/kudos", {"to_user_id": rep_id, "message": "TEXT"}),
        ("post", f"/contests/{contest_id}/cancel", {"reason": "TEXT"}),
    ]


def _fill(body: Any, text: str, n: int) -> Any:
    if isinstance(body, str):
        return body.replace("KEY", str(n)).replace("TEXT", text)
    if isinstance(body, dict):
        return {k: _fill(v, text, n) for k, v in body.items()}
    if isinstance(body, list):
        return [_fill(v, text, n) for v in body]
    return body


async def _display_setup(client):
    admin = await new_org(client)
    rep = await admin.user()
    badge = await admin.ok("post", "/badges", {"key": "thanks", "name": "Thanks", "rule": "manual"}, status=201)
    reward = await admin.ok("post", "/rewards", {"name": "Mug", "cost": 1}, status=201)
    contest = await admin.ok("post", "/contests/", {"name": "Blitz", "start_date": "2026-12-01",
                                                    "end_date": "2026-12-31"}, status=201)
    await admin.log("call")  # points to redeem the reward with
    return admin, rep, _display_requests(rep.user_id, badge["id"], reward["id"], contest["id"])


@pytest.mark.parametrize("bad", BAD_TEXT + BAD_IN_A_LINE, ids=[repr(b) for b in BAD_TEXT + BAD_IN_A_LINE])
async def test_display_text_with_control_or_bidi_characters_is_invalid_text(client, bad):
    admin, rep, requests = await _display_setup(client)
    for n, (method, path, body) in enumerate(requests):
        r = await getattr(admin, method)(path, _fill(body, bad, n))
        if bad in BAD_IN_A_LINE and any(k in PROSE for k, v in body.items() if "TEXT" in str(v)):
            assert r.status_code < 400 or r.json()["error"]["code"] != "invalid_text", (path, body, r.text)
        else:
            assert_error(r, 400, "invalid_text")
    assert (await admin.ok("get", f"/users/{rep.user_id}"))["display_name"] != bad


async def test_emoji_with_joiners_and_every_script_are_welcome(client):
    admin, rep, requests = await _display_setup(client)
    for n, (method, path, body) in enumerate(requests):
        await admin.ok(method, path, _fill(body, EMOJI, n))
    assert (await admin.ok("get", f"/users/{rep.user_id}"))["display_name"] == EMOJI
    assert EMOJI in [t["name"] for t in (await admin.ok("get", "/teams"))["items"]]
    kudos = (await admin.ok("get", "/kudos"))["kudos"][0]
    assert (kudos["message"], kudos["value_tag"]) == (EMOJI, None)
    assert (await admin.ok("get", "/kudos"))["kudos"][1]["value_tag"] == EMOJI
    assert (await admin.ok("post", "/teams", {"name": "Ünïcödé 名前 عربي"}, status=201))["name"] == "Ünïcödé 名前 عربي"


async def test_prose_keeps_its_line_breaks(org):
    badge = await org.ok("post", "/badges", {"key": "multi", "name": "Multi", "rule": "manual",
                                             "description": "line one\nline two\ttabbed"}, status=201)
    assert badge["description"] == "line one\nline two\ttabbed"
    assert_error(await org.post("/badges", {"key": "multi2", "name": "Multi\nline", "rule": "manual"}),
                 400, "invalid_text")
