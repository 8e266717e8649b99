from typing import Literal

IntegrationCreateKind = Literal['hubspot', 'salesforce', 'standard_webhooks']

INTEGRATION_CREATE_KIND_VALUES: set[IntegrationCreateKind] = { 'hubspot', 'salesforce', 'standard_webhooks',  }

def check_integration_create_kind(value: str) -> IntegrationCreateKind:
    if value in INTEGRATION_CREATE_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INTEGRATION_CREATE_KIND_VALUES!r}")
