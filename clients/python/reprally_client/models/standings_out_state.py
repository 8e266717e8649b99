from typing import Literal

StandingsOutState = Literal['awarded', 'cancelled', 'draft', 'ended', 'live', 'scheduled']

STANDINGS_OUT_STATE_VALUES: set[StandingsOutState] = { 'awarded', 'cancelled', 'draft', 'ended', 'live', 'scheduled',  }

def check_standings_out_state(value: str) -> StandingsOutState:
    if value in STANDINGS_OUT_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {STANDINGS_OUT_STATE_VALUES!r}")
