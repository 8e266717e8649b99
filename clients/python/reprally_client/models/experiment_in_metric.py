from typing import Literal

ExperimentInMetric = Literal['activity', 'attainment', 'won_value']

EXPERIMENT_IN_METRIC_VALUES: set[ExperimentInMetric] = { 'activity', 'attainment', 'won_value',  }

def check_experiment_in_metric(value: str) -> ExperimentInMetric:
    if value in EXPERIMENT_IN_METRIC_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EXPERIMENT_IN_METRIC_VALUES!r}")
