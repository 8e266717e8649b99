from typing import Literal

UserOutRole = Literal['admin', 'manager', 'rep']

USER_OUT_ROLE_VALUES: set[UserOutRole] = { 'admin', 'manager', 'rep',  }

def check_user_out_role(value: str) -> UserOutRole:
    if value in USER_OUT_ROLE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {USER_OUT_ROLE_VALUES!r}")
