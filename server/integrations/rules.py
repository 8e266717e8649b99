"""The connectors' decisions, pure: which activities a source object should have scored (from
the integration's mapping rules), and what must change in the ledger so that it has.

A source object (a HubSpot deal, a Salesforce opportunity, a Standard Webhooks activity) is
seen as a `Snapshot`: its state at the source's modified time. `wants` turns it into the
activities it deserves, one per *role* (a deal has `created` and `won`). `plan` compares them
with what the object scored so far (`State.roles`) and says, per role, what to reverse and what
to record, with its cause. Arrival order is never trusted: a snapshot older than the applied
state changes nothing (last writer wins on the source's modified time).

Every activity an object scores has an external id derived from the source, its role and a
generation (`external_id`): a retry, a replay or a reconciliation finds the same id, so a deal
is never counted twice, and a re-priced deal gets the next generation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from server.core.errors import DomainError

KINDS = ("standard_webhooks", "hubspot", "salesforce")
Kind = Literal["standard_webhooks", "hubspot", "salesforce"]
#: The CRM objects the connectors normalise to (Salesforce's Opportunity is a deal, its Event a
#: meeting, its Task a call or an email); Standard Webhooks name an `activity` directly.
CRM_OBJECTS = ("deal", "meeting", "call", "email")
ACTIVITY = "activity"
MAX_EXTERNAL_ID = 200
MAX_SOURCE_ID = 150


#: An activity type's key as a mapping names it, and a source property's name.
TypeKey = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
FieldName = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]


class MapRule(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One mapping: `on` a change of an `object`, record `activity_type`."""

    object: Literal["deal", "meeting", "call", "email"]
    activity_type: TypeKey
    on: Literal["created", "won"] = "created"
    #: the source property holding the value (e.g. a deal's `amount`) and the quantity
    value_field: FieldName | None = None
    quantity_field: FieldName | None = None


class Rules(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    map: Annotated[list[MapRule], msgspec.Meta(max_length=50)] = []
    #: deal stages that mean won (compared without case)
    won_stages: Annotated[list[FieldName], msgspec.Meta(max_length=20)] = []
    #: Standard Webhooks: the sender's activity type -> ours (a type not listed keeps its name)
    types: Annotated[dict[TypeKey, TypeKey], msgspec.Meta(max_length=100)] = {}


def _crm_defaults(amount: str, won: str) -> Rules:
    return Rules(map=[MapRule("deal", "opportunity_created"), MapRule("deal", "deal_won", "won", value_field=amount),
                      MapRule("meeting", "meeting_booked"), MapRule("call", "call"), MapRule("email", "email")],
                 won_stages=[won])


DEFAULT_RULES: dict[str, Rules] = {
    "standard_webhooks": Rules(),
    "hubspot": _crm_defaults("amount", "closedwon"),
    "salesforce": _crm_defaults("Amount", "Closed Won"),
}


def check_rules(kind: str, rules: Rules) -> None:
    seen: set[tuple[str, str]] = set()
    if kind == "standard_webhooks" and rules.map:
        raise DomainError("invalid_rules", "Standard Webhooks name their activity type; map it with 'types'")
    if kind != "standard_webhooks" and rules.types:
        raise DomainError("invalid_rules", "'types' applies to Standard Webhooks only")
    for rule in rules.map:
        if (rule.object, rule.on) in seen:
            raise DomainError("invalid_rules", f"two rules for {rule.object} {rule.on}",
                              details={"object": rule.object, "on": rule.on})
        seen.add((rule.object, rule.on))
        if rule.on == "won" and rule.object != "deal":
            raise DomainError("invalid_rules", "only deals are won", details={"object": rule.object})
    if any(r.on == "won" for r in rules.map) and not rules.won_stages:
        raise DomainError("invalid_rules", "a rule on 'won' needs the won stages ('won_stages')")


# -- what the source says ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class OwnerRef:
    """Who owns an object at the source: its CRM owner id, an email, or our user id."""

    crm_owner_id: str | None = None
    email: str | None = None
    user_id: int | None = None

    @property
    def ref(self) -> str:
        """How the inbox lists it (the unmatched view) and finds it again once it is mapped."""
        if self.crm_owner_id is not None:
            return self.crm_owner_id
        if self.email is not None:
            return self.email.lower()
        return f"user:{self.user_id}"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A source object as of `modified_at` (the source's clock)."""

    object_type: str
    object_id: str
    modified_at: datetime
    deleted: bool = False
    owner: OwnerRef | None = None
    stage: str | None = None
    created_at: datetime | None = None
    closed_at: datetime | None = None
    #: the source's own properties, by its names (what `value_field` and `quantity_field` name);
    #: a Standard Webhooks activity: `activity_type`, `quantity`, `value`, `occurred_at`
    props: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Want:
    """An activity a snapshot deserves."""

    role: str
    activity_type: str
    quantity: int
    value: float | None
    occurred_at: datetime


def _number(snap: Snapshot, name: str | None) -> float | None:
    if name is None:
        return None
    raw = snap.props.get(name)
    if raw is None or raw == "":
        return None
    try:
        number = float(raw)
    except (TypeError, ValueError):
        raise DomainError("invalid_field", f"the source's '{name}' is not a number", details={"field": name}) from None
    if not math.isfinite(number):
        raise DomainError("invalid_field", f"the source's '{name}' is not a number", details={"field": name})
    return number


def _quantity(snap: Snapshot, name: str | None) -> int:
    number = _number(snap, name)
    if number is None:
        return 1
    if number != int(number) or number < 1:
        raise DomainError("invalid_field", f"the source's '{name}' is not a whole number of at least 1",
                          details={"field": name})
    return int(number)


def wants(rules: Rules, snap: Snapshot) -> list[Want]:
    """The activities `snap` deserves under `rules` (none once it is deleted)."""
    if snap.deleted:
        return []
    if snap.object_type == ACTIVITY:
        named = str(snap.props["activity_type"])
        occurred = snap.props.get("occurred_at")
        value = snap.props.get("value")
        return [Want(ACTIVITY, rules.types.get(named, named), int(snap.props.get("quantity") or 1),
                     float(value) if value is not None else None,
                     occurred if isinstance(occurred, datetime) else snap.modified_at)]
    won = {s.casefold() for s in rules.won_stages}
    out = []
    for rule in rules.map:
        if rule.object != snap.object_type:
            continue
        if rule.on == "won":
            if snap.stage is None or snap.stage.casefold() not in won:
                continue
            at = snap.closed_at or snap.modified_at
        else:
            at = snap.created_at or snap.modified_at
        out.append(Want(rule.on, rule.activity_type, _quantity(snap, rule.quantity_field),
                        _number(snap, rule.value_field), at))
    return out


# -- what the ledger holds ---------------------------------------------------------------------
class Live(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """What one role of an object scored. `activity_id` None: it scored before and was reversed;
    `gen` is the generation of its latest external id (never reused)."""

    gen: int
    activity_id: int | None = None
    user_id: int | None = None
    activity_type: str | None = None
    quantity: int = 0
    value: float | None = None
    occurred_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class State:
    modified_at: datetime
    deleted: bool
    roles: dict[str, Live]
    version: int


def roles_to_json(roles: Mapping[str, Live]) -> dict[str, Any]:
    out: dict[str, Any] = msgspec.to_builtins(dict(roles))
    return out


def roles_from_json(data: Mapping[str, Any]) -> dict[str, Live]:
    return msgspec.convert(dict(data), dict[str, Live])


def external_id(namespace: str, object_type: str, object_id: str, role: str, gen: int) -> str:
    """`hubspot:<portal>:deal:<id>:won` (then `...:won#2` once re-priced); a Standard Webhooks
    activity keeps the sender's id: `webhook:<integration>:<external id>`."""
    core = (f"{namespace}:{object_id}" if object_type == ACTIVITY
            else f"{namespace}:{object_type}:{object_id}:{role}")
    return core if gen == 1 else f"{core}#{gen}"


# -- the plan ------------------------------------------------------------------------------------
Cause = Literal["created", "scored_again", "amount_changed", "owner_changed", "type_changed", "quantity_changed",
                "date_changed", "stage_left", "deleted", "no_longer_mapped", "owner_unmatched"]


@dataclass(frozen=True, slots=True)
class NewActivity:
    external_id: str
    gen: int
    user_id: int
    activity_type: str
    quantity: int
    value: float | None
    occurred_at: datetime
    #: the activity it replaces (reversed in the same transaction)
    replaces: int | None


@dataclass(frozen=True, slots=True)
class Step:
    """One role's change: reverse what it scored, record what it deserves now, or both."""

    role: str
    cause: Cause
    reverse: Live | None
    record: NewActivity | None


@dataclass(frozen=True, slots=True)
class Plan:
    #: apply: the steps bring the ledger to the snapshot; stale: an older snapshot than the one
    #: applied, nothing to do; unmatched: no rep owns it (what it scored is reversed)
    verdict: Literal["apply", "stale", "unmatched"]
    steps: tuple[Step, ...] = ()


def _same(live: Live, want: Want, user_id: int) -> bool:
    return (live.user_id == user_id and live.activity_type == want.activity_type and live.quantity == want.quantity
            and _cents(live.value) == _cents(want.value) and live.occurred_at == want.occurred_at)


def _cents(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


def _why(live: Live, want: Want, user_id: int) -> Cause:
    if live.user_id != user_id:
        return "owner_changed"
    if live.activity_type != want.activity_type:
        return "type_changed"
    if _cents(live.value) != _cents(want.value):
        return "amount_changed"
    if live.quantity != want.quantity:
        return "quantity_changed"
    return "date_changed"


def _gone(role: str, snap: Snapshot) -> Cause:
    if snap.deleted:
        return "deleted"
    return "stage_left" if role == "won" else "no_longer_mapped"


def plan(state: State | None, snap: Snapshot, wanted: list[Want], user_id: int | None, namespace: str) -> Plan:
    """What to do so that the ledger holds what `snap` deserves for the rep `user_id` (None: no
    rep owns it). A snapshot older than the applied state is stale; one as old is compared
    again, so a replay changes nothing and an unmatched event is scored once its owner maps."""
    if state is not None and snap.modified_at < state.modified_at:
        return Plan("stale")
    live = state.roles if state is not None else {}
    if wanted and user_id is None:
        return Plan("unmatched", tuple(Step(role, "owner_unmatched", lv, None)
                                       for role, lv in sorted(live.items()) if lv.activity_id is not None))
    by_role = {w.role: w for w in wanted}
    steps: list[Step] = []
    for role in sorted(set(live) | set(by_role)):
        before = live.get(role)
        current = before if before is not None and before.activity_id is not None else None
        want = by_role.get(role)
        if want is None:
            if current is not None:
                steps.append(Step(role, _gone(role, snap), current, None))
            continue
        assert user_id is not None  # wanted and unowned returned above
        if current is not None and _same(current, want, user_id):
            continue
        gen = before.gen + 1 if before is not None else 1
        cause: Cause = ("created" if before is None else "scored_again" if current is None
                        else _why(current, want, user_id))
        new = NewActivity(external_id(namespace, snap.object_type, snap.object_id, role, gen), gen, user_id,
                          want.activity_type, want.quantity, want.value, want.occurred_at,
                          current.activity_id if current is not None else None)
        steps.append(Step(role, cause, current, new))
    return Plan("apply", tuple(steps))


def after_step(before: Live | None, step: Step, activity_id: int | None, reversed_: bool) -> Live | None:
    """A role's record once `step` ran: `activity_id` the new activity (None: refused) and
    `reversed_` whether what it scored before is reversed now."""
    if step.record is not None and activity_id is not None:
        r = step.record
        return Live(r.gen, activity_id, r.user_id, r.activity_type, r.quantity, r.value, r.occurred_at)
    if before is None:
        return None
    gen = step.record.gen if step.record is not None else before.gen  # a refused generation is not reused
    return Live(gen) if reversed_ else msgspec.structs.replace(before, gen=gen)
