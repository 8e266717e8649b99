from typing import Literal

ListRedemptionsStateType2Type1 = Literal['approved', 'cancelled', 'fulfilled', 'pending', 'refunded', 'rejected']

LIST_REDEMPTIONS_STATE_TYPE_2_TYPE_1_VALUES: set[ListRedemptionsStateType2Type1] = { 'approved', 'cancelled', 'fulfilled', 'pending', 'refunded', 'rejected',  }

def check_list_redemptions_state_type_2_type_1(value: str) -> ListRedemptionsStateType2Type1:
    if value in LIST_REDEMPTIONS_STATE_TYPE_2_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_REDEMPTIONS_STATE_TYPE_2_TYPE_1_VALUES!r}")
