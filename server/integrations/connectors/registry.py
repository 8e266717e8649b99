"""The connector of each kind of integration."""

from __future__ import annotations

from server.integrations.connectors.base import Connector
from server.integrations.connectors.hubspot import HubSpot
from server.integrations.connectors.salesforce import Salesforce
from server.integrations.connectors.standard import StandardWebhooks

CONNECTORS: dict[str, Connector] = {c.kind: c for c in (StandardWebhooks(), HubSpot(), Salesforce())}


def connector_for(kind: str) -> Connector:
    return CONNECTORS[kind]
