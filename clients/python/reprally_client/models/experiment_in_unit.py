from typing import Literal

ExperimentInUnit = Literal['rep', 'team']

EXPERIMENT_IN_UNIT_VALUES: set[ExperimentInUnit] = { 'rep', 'team',  }

def check_experiment_in_unit(value: str) -> ExperimentInUnit:
    if value in EXPERIMENT_IN_UNIT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EXPERIMENT_IN_UNIT_VALUES!r}")
