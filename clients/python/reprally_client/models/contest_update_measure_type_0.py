from typing import Literal

ContestUpdateMeasureType0 = Literal['count', 'points', 'value']

CONTEST_UPDATE_MEASURE_TYPE_0_VALUES: set[ContestUpdateMeasureType0] = { 'count', 'points', 'value',  }

def check_contest_update_measure_type_0(value: str) -> ContestUpdateMeasureType0:
    if value in CONTEST_UPDATE_MEASURE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONTEST_UPDATE_MEASURE_TYPE_0_VALUES!r}")
