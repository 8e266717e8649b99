from typing import Literal

RedemptionOutState = Literal['approved', 'cancelled', 'fulfilled', 'pending', 'refunded', 'rejected']

REDEMPTION_OUT_STATE_VALUES: set[RedemptionOutState] = { 'approved', 'cancelled', 'fulfilled', 'pending', 'refunded', 'rejected',  }

def check_redemption_out_state(value: str) -> RedemptionOutState:
    if value in REDEMPTION_OUT_STATE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REDEMPTION_OUT_STATE_VALUES!r}")
