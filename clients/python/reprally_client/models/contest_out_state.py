from typing import Literal

ContestOutState = Literal['awarded', 'cancelled', 'draft', 'ended', 'live', 'scheduled']

CONTEST_OUT_STATE_VALUES: set[ContestOutState] = { 'awarded', 'cancelled', 'draft', 'ended', 'live', 'scheduled',  }

def check_contest_out_state(value: str) -> ContestOutState:
    if value in CONTEST_OUT_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONTEST_OUT_STATE_VALUES!r}")
