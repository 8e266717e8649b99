from typing import Literal

ActionInAction = Literal['check_in', 'easier_missions', 'micro_contest', 'recognize']

ACTION_IN_ACTION_VALUES: set[ActionInAction] = { 'check_in', 'easier_missions', 'micro_contest', 'recognize',  }

def check_action_in_action(value: str) -> ActionInAction:
    if value in ACTION_IN_ACTION_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACTION_IN_ACTION_VALUES!r}")
