from typing import Literal

ChannelCreateProvider = Literal['slack', 'teams']

CHANNEL_CREATE_PROVIDER_VALUES: set[ChannelCreateProvider] = { 'slack', 'teams',  }

def check_channel_create_provider(value: str) -> ChannelCreateProvider:
    if value in CHANNEL_CREATE_PROVIDER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHANNEL_CREATE_PROVIDER_VALUES!r}")
