from typing import Literal

UserUpdateRoleType0 = Literal['admin', 'manager', 'rep']

USER_UPDATE_ROLE_TYPE_0_VALUES: set[UserUpdateRoleType0] = { 'admin', 'manager', 'rep',  }

def check_user_update_role_type_0(value: str) -> UserUpdateRoleType0:
    if value in USER_UPDATE_ROLE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {USER_UPDATE_ROLE_TYPE_0_VALUES!r}")
