from typing import Literal

ActivityTypeCreateSelfReport = Literal['full', 'pending', 'weighted']

ACTIVITY_TYPE_CREATE_SELF_REPORT_VALUES: set[ActivityTypeCreateSelfReport] = { 'full', 'pending', 'weighted',  }

def check_activity_type_create_self_report(value: str) -> ActivityTypeCreateSelfReport:
    if value in ACTIVITY_TYPE_CREATE_SELF_REPORT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACTIVITY_TYPE_CREATE_SELF_REPORT_VALUES!r}")
