from typing import Literal

ContestUpdateFormatType0 = Literal['bracketed', 'chance', 'head_to_head', 'improvement', 'individual', 'target', 'team']

CONTEST_UPDATE_FORMAT_TYPE_0_VALUES: set[ContestUpdateFormatType0] = { 'bracketed', 'chance', 'head_to_head', 'improvement', 'individual', 'target', 'team',  }

def check_contest_update_format_type_0(value: str) -> ContestUpdateFormatType0:
    if value in CONTEST_UPDATE_FORMAT_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONTEST_UPDATE_FORMAT_TYPE_0_VALUES!r}")
