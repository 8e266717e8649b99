from typing import Literal

ContestUpdateTieBreakersType0Item = Literal['first_to_reach', 'most_activities']

CONTEST_UPDATE_TIE_BREAKERS_TYPE_0_ITEM_VALUES: set[ContestUpdateTieBreakersType0Item] = { 'first_to_reach', 'most_activities',  }

def check_contest_update_tie_breakers_type_0_item(value: str) -> ContestUpdateTieBreakersType0Item:
    if value in CONTEST_UPDATE_TIE_BREAKERS_TYPE_0_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CONTEST_UPDATE_TIE_BREAKERS_TYPE_0_ITEM_VALUES!r}")
