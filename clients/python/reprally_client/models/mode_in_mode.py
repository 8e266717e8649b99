from typing import Literal

ModeInMode = Literal['full', 'near_peers', 'tiers', 'top_n', 'value_only']

MODE_IN_MODE_VALUES: set[ModeInMode] = { 'full', 'near_peers', 'tiers', 'top_n', 'value_only',  }

def check_mode_in_mode(value: str) -> ModeInMode:
    if value in MODE_IN_MODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MODE_IN_MODE_VALUES!r}")
