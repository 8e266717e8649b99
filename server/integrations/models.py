"""Tables of the CRM connectors (issue 16): the integrations, their durable inbox, owner links,
the last known state of each source object, and the log of what each change did to the ledger."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, Id, UTCDateTime, utcnow

NullableId = BigInteger().with_variant(Integer, "sqlite")


class Integration(Base):
    """One connection to a CRM or any signing source. Secrets live encrypted in `secrets_enc`
    (`vault.py`); the Salesforce path secret only as its SHA-256 (`path_secret_hash`)."""

    __tablename__ = "integrations"
    __table_args__ = (Index("ix_integrations_org_id", "org_id", "id"),)
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: the public id in the webhook URL
    hook_id: Mapped[str] = mapped_column(String(32), unique=True)
    path_secret_hash: Mapped[str | None] = mapped_column(String(64))
    secrets_enc: Mapped[str] = mapped_column(Text)
    #: non-secret settings of its kind (portal id, organization id, API base, poll interval)
    config: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: which object and change becomes which activity type (`rules.Rules`)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_user_id: Mapped[int | None] = mapped_column(NullableId)
    # -- reconciliation (the worker's poll of objects modified since the cursor) --
    poll_cursor: Mapped[datetime | None] = mapped_column(UTCDateTime)
    poll_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    poll_lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    poll_failures: Mapped[int] = mapped_column(Integer, default=0)
    poll_last_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    poll_last_error: Mapped[str | None] = mapped_column(String(300))


class InboxEvent(Base):
    """One event as delivered (or found by reconciliation), kept until and after it was applied.

    `dedupe_key` is the vendor's idempotency key, unique per integration: a repeated delivery
    inserts nothing. `status`: pending → done | stale (older than what was applied) | unmatched
    (no rep owns it yet) | ignored (no rule maps it) | error (kept with `error_code`)."""

    __tablename__ = "integration_events"
    __table_args__ = (
        UniqueConstraint("integration_id", "dedupe_key", name="uq_integration_events_integration_dedupe"),
        Index("ix_integration_events_pending", "id", postgresql_where=text("status = 'pending'"),
              sqlite_where=text("status = 'pending'")),
        Index("ix_integration_events_integration_status", "integration_id", "status", "id"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(Id)
    integration_id: Mapped[int] = mapped_column(ForeignKey("integrations.id", ondelete="CASCADE"))
    dedupe_key: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str | None] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(160))
    #: the CRM owner (id or email) the event was last matched against
    owner_ref: Mapped[str | None] = mapped_column(String(320))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: the source's time of the event (occurredAt, webhook-timestamp, the notification's modstamp)
    source_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16))
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(String(300))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OwnerLink(Base):
    """A CRM owner of one integration: the email the CRM gave for it, and the rep an admin mapped it to."""

    __tablename__ = "integration_owners"
    integration_id: Mapped[int] = mapped_column(ForeignKey("integrations.id", ondelete="CASCADE"), primary_key=True)
    crm_owner_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    org_id: Mapped[int] = mapped_column(Id)
    email: Mapped[str | None] = mapped_column(String(320))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CrmObject(Base):
    """The last applied state of one source object (a deal, a meeting, a webhook activity).

    Keyed by the source (`namespace`, e.g. `hubspot:<portal id>`), not by the integration, so an
    integration deleted and made again finds what its deals already scored. `roles` holds, per
    rule that scored it, the live activity and the generation of its external id; `version`
    guards against two workers applying changes to it at once."""

    __tablename__ = "crm_objects"
    org_id: Mapped[int] = mapped_column(Id, primary_key=True)
    namespace: Mapped[str] = mapped_column(String(100), primary_key=True)
    object_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    object_id: Mapped[str] = mapped_column(String(160), primary_key=True)
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    roles: Mapped[dict[str, Any]] = mapped_column(JSON)
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CrmChange(Base):
    """What one change of a source object did to the ledger, and why: the cause of a reversal
    and of the entry that replaced it (a won deal re-priced, moved to another rep, lost, deleted)."""

    __tablename__ = "crm_changes"
    __table_args__ = (
        Index("ix_crm_changes_org_reversal_entry", "org_id", "reversal_entry_id"),
        Index("ix_crm_changes_org_activity", "org_id", "activity_id"),
        Index("ix_crm_changes_integration_id", "integration_id", "id"),
    )
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    org_id: Mapped[int] = mapped_column(Id)
    integration_id: Mapped[int | None] = mapped_column(ForeignKey("integrations.id", ondelete="SET NULL"))
    event_id: Mapped[int | None] = mapped_column(NullableId)
    namespace: Mapped[str] = mapped_column(String(100))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(160))
    role: Mapped[str] = mapped_column(String(32))
    cause: Mapped[str] = mapped_column(String(32))
    reversed_activity_id: Mapped[int | None] = mapped_column(NullableId)
    reversal_entry_id: Mapped[int | None] = mapped_column(NullableId)
    activity_id: Mapped[int | None] = mapped_column(NullableId)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
