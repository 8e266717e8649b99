from typing import Literal

ListMyRedemptionsStateType1 = Literal['approved', 'cancelled', 'fulfilled', 'pending', 'refunded', 'rejected']

LIST_MY_REDEMPTIONS_STATE_TYPE_1_VALUES: set[ListMyRedemptionsStateType1] = { 'approved', 'cancelled', 'fulfilled', 'pending', 'refunded', 'rejected',  }

def check_list_my_redemptions_state_type_1(value: str) -> ListMyRedemptionsStateType1:
    if value in LIST_MY_REDEMPTIONS_STATE_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_MY_REDEMPTIONS_STATE_TYPE_1_VALUES!r}")
