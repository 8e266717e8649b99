from typing import Literal

ResultsOutState = Literal['awarded', 'cancelled', 'draft', 'ended', 'live', 'scheduled']

RESULTS_OUT_STATE_VALUES: set[ResultsOutState] = { 'awarded', 'cancelled', 'draft', 'ended', 'live', 'scheduled',  }

def check_results_out_state(value: str) -> ResultsOutState:
    if value in RESULTS_OUT_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RESULTS_OUT_STATE_VALUES!r}")
