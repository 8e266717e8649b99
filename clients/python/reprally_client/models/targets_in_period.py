from typing import Literal

TargetsInPeriod = Literal['month', 'quarter', 'week']

TARGETS_IN_PERIOD_VALUES: set[TargetsInPeriod] = { 'month', 'quarter', 'week',  }

def check_targets_in_period(value: str) -> TargetsInPeriod:
    if value in TARGETS_IN_PERIOD_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TARGETS_IN_PERIOD_VALUES!r}")
