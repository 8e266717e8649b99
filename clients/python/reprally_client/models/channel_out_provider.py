from typing import Literal

ChannelOutProvider = Literal['slack', 'teams']

CHANNEL_OUT_PROVIDER_VALUES: set[ChannelOutProvider] = { 'slack', 'teams',  }

def check_channel_out_provider(value: str) -> ChannelOutProvider:
    if value in CHANNEL_OUT_PROVIDER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHANNEL_OUT_PROVIDER_VALUES!r}")
