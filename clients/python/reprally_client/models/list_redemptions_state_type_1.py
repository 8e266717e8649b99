from typing import Literal

ListRedemptionsStateType1 = Literal['approved', 'cancelled', 'fulfilled', 'pending', 'refunded', 'rejected']

LIST_REDEMPTIONS_STATE_TYPE_1_VALUES: set[ListRedemptionsStateType1] = { 'approved', 'cancelled', 'fulfilled', 'pending', 'refunded', 'rejected',  }

def check_list_redemptions_state_type_1(value: str) -> ListRedemptionsStateType1:
    if value in LIST_REDEMPTIONS_STATE_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_REDEMPTIONS_STATE_TYPE_1_VALUES!r}")
