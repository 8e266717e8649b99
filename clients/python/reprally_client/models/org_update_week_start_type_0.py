from typing import Literal

OrgUpdateWeekStartType0 = Literal['friday', 'monday', 'saturday', 'sunday', 'thursday', 'tuesday', 'wednesday']

ORG_UPDATE_WEEK_START_TYPE_0_VALUES: set[OrgUpdateWeekStartType0] = { 'friday', 'monday', 'saturday', 'sunday', 'thursday', 'tuesday', 'wednesday',  }

def check_org_update_week_start_type_0(value: str) -> OrgUpdateWeekStartType0:
    if value in ORG_UPDATE_WEEK_START_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ORG_UPDATE_WEEK_START_TYPE_0_VALUES!r}")
