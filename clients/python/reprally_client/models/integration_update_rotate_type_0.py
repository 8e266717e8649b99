from typing import Literal

IntegrationUpdateRotateType0 = Literal['signing_secret', 'webhook_path']

INTEGRATION_UPDATE_ROTATE_TYPE_0_VALUES: set[IntegrationUpdateRotateType0] = { 'signing_secret', 'webhook_path',  }

def check_integration_update_rotate_type_0(value: str) -> IntegrationUpdateRotateType0:
    if value in INTEGRATION_UPDATE_ROTATE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {INTEGRATION_UPDATE_ROTATE_TYPE_0_VALUES!r}")
