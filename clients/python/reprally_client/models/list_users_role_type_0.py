from typing import Literal

ListUsersRoleType0 = Literal['admin', 'manager', 'rep']

LIST_USERS_ROLE_TYPE_0_VALUES: set[ListUsersRoleType0] = { 'admin', 'manager', 'rep',  }

def check_list_users_role_type_0(value: str) -> ListUsersRoleType0:
    if value in LIST_USERS_ROLE_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_USERS_ROLE_TYPE_0_VALUES!r}")
