from typing import Literal

OrgCreateWeekStart = Literal['friday', 'monday', 'saturday', 'sunday', 'thursday', 'tuesday', 'wednesday']

ORG_CREATE_WEEK_START_VALUES: set[OrgCreateWeekStart] = { 'friday', 'monday', 'saturday', 'sunday', 'thursday', 'tuesday', 'wednesday',  }

def check_org_create_week_start(value: str) -> OrgCreateWeekStart:
    if value in ORG_CREATE_WEEK_START_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ORG_CREATE_WEEK_START_VALUES!r}")
