from typing import Literal

ContestCreateTieBreakersType0Item = Literal['first_to_reach', 'most_activities']

CONTEST_CREATE_TIE_BREAKERS_TYPE_0_ITEM_VALUES: set[ContestCreateTieBreakersType0Item] = { 'first_to_reach', 'most_activities',  }

def check_contest_create_tie_breakers_type_0_item(value: str) -> ContestCreateTieBreakersType0Item:
    if value in CONTEST_CREATE_TIE_BREAKERS_TYPE_0_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONTEST_CREATE_TIE_BREAKERS_TYPE_0_ITEM_VALUES!r}")
