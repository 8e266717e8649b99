from typing import Literal

ContestCreateFormat = Literal['bracketed', 'chance', 'head_to_head', 'improvement', 'individual', 'target', 'team']

CONTEST_CREATE_FORMAT_VALUES: set[ContestCreateFormat] = { 'bracketed', 'chance', 'head_to_head', 'improvement', 'individual', 'target', 'team',  }

def check_contest_create_format(value: str) -> ContestCreateFormat:
    if value in CONTEST_CREATE_FORMAT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONTEST_CREATE_FORMAT_VALUES!r}")
