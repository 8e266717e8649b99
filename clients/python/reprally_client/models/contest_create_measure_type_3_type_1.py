from typing import Literal

ContestCreateMeasureType3Type1 = Literal['count', 'points', 'value']

CONTEST_CREATE_MEASURE_TYPE_3_TYPE_1_VALUES: set[ContestCreateMeasureType3Type1] = { 'count', 'points', 'value',  }

def check_contest_create_measure_type_3_type_1(value: str) -> ContestCreateMeasureType3Type1:
    if value in CONTEST_CREATE_MEASURE_TYPE_3_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONTEST_CREATE_MEASURE_TYPE_3_TYPE_1_VALUES!r}")
