from typing import Literal

ContestCreateMeasureType2Type1 = Literal['count', 'points', 'value']

CONTEST_CREATE_MEASURE_TYPE_2_TYPE_1_VALUES: set[ContestCreateMeasureType2Type1] = { 'count', 'points', 'value',  }

def check_contest_create_measure_type_2_type_1(value: str) -> ContestCreateMeasureType2Type1:
    if value in CONTEST_CREATE_MEASURE_TYPE_2_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONTEST_CREATE_MEASURE_TYPE_2_TYPE_1_VALUES!r}")
