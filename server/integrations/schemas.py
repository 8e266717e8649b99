"""Wire types of the integrations admin API. Secrets go in, never out (but once, when we made them)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from msgspec import UNSET, Meta, Struct, UnsetType

from server.core.wire import Id, Name
from server.integrations.rules import Kind, Rules

Secret = Annotated[str, Meta(min_length=8, max_length=2000)]
Url = Annotated[str, Meta(min_length=8, max_length=300, pattern=r"^https?://[^\s/?#]+[^\s?#]*$")]
#: HubSpot's account id (the "Hub ID")
PortalId = Annotated[int, Meta(ge=1, le=2**53)]
#: A Salesforce organization id: 15 or 18 characters, starting 00D
OrganizationId = Annotated[str, Meta(pattern=r"^00D[0-9A-Za-z]{12}([0-9A-Za-z]{3})?$")]
#: Reconciliation: poll the CRM every so many seconds (0: never)
PollEvery = Annotated[int, Meta(ge=0, le=7 * 24 * 3600)]
CrmOwnerId = Annotated[str, Meta(min_length=1, max_length=64)]


class IntegrationCreate(Struct, forbid_unknown_fields=True):
    kind: Kind
    name: Name
    active: bool = True
    rules: Rules | None = None
    #: standard_webhooks: `whsec_...`; made for you when absent (and shown once)
    signing_secret: Secret | None = None
    #: hubspot: the app's client secret (verifies X-HubSpot-Signature-v3)
    client_secret: Secret | None = None
    #: hubspot, salesforce: a token to read the CRM's API with
    access_token: Secret | None = None
    api_base: Url | None = None
    portal_id: PortalId | None = None
    organization_id: OrganizationId | None = None
    instance_url: Url | None = None
    poll_every_s: PollEvery | None = None


class IntegrationUpdate(Struct, forbid_unknown_fields=True):
    name: Name | UnsetType = UNSET
    active: bool | UnsetType = UNSET
    rules: Rules | UnsetType = UNSET
    signing_secret: Secret | UnsetType = UNSET
    client_secret: Secret | UnsetType = UNSET
    access_token: Secret | None | UnsetType = UNSET
    api_base: Url | UnsetType = UNSET
    instance_url: Url | None | UnsetType = UNSET
    poll_every_s: PollEvery | UnsetType = UNSET
    #: make a new signing secret (standard_webhooks) or a new secret webhook path (salesforce); shown once
    rotate: Literal["signing_secret", "webhook_path"] | UnsetType = UNSET


class IntegrationOut(Struct, omit_defaults=True):
    id: int
    kind: str
    name: str
    active: bool
    #: where the source sends its webhooks; a Salesforce URL's secret path is shown only once
    webhook_url: str
    portal_id: int | None = None
    organization_id: str | None = None
    api_base: str | None = None
    instance_url: str | None = None
    poll_every_s: int | None = None
    rules: Rules | None = None
    #: names of the secrets that are set (never their values)
    secrets: list[str] = []
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: only in the answer that made it
    signing_secret: str | None = None


class IntegrationList(Struct):
    integrations: list[IntegrationOut]


class OwnerMapping(Struct, forbid_unknown_fields=True):
    user_id: Id | None


class OwnerOut(Struct):
    crm_owner_id: str
    email: str | None
    user_id: int | None
    #: events of this owner now queued to be scored again
    requeued: int = 0


class IntegrationEventOut(Struct):
    id: int
    status: str
    event_type: str
    object_type: str | None
    object_id: str | None
    owner: str | None
    received_at: datetime
    source_at: datetime | None
    error_code: str | None
    error_message: str | None


class EventPage(Struct):
    events: list[IntegrationEventOut]
    next_before_id: int | None


class Lag(Struct):
    p50_ms: int | None
    p99_ms: int | None
    samples: int


class StatusOut(Struct):
    id: int
    accepted: int
    duplicates: int
    pending: int
    applied: int
    stale: int
    ignored: int
    unmatched: int
    rejected: dict[str, int]
    signature_failures: int
    last_event_at: datetime | None
    #: from the source's time of an event to its points, over the latest events applied
    lag: Lag
    poll_last_at: datetime | None
    poll_last_error: str | None


class DeliveryError(Struct):
    """An event of a delivery that was kept with its error instead of being scored."""

    index: int
    code: str
    message: str


class DeliveryAck(Struct):
    """The answer to a signed delivery (Standard Webhooks, HubSpot): what happened to each event.
    A duplicate or a bad event is no reason for the sender to retry, so this is a 200."""

    accepted: int
    duplicates: int
    rejected: int
    errors: list[DeliveryError]
