from typing import Literal

ActivityTypeUpdateSelfReportType0 = Literal['full', 'pending', 'weighted']

ACTIVITY_TYPE_UPDATE_SELF_REPORT_TYPE_0_VALUES: set[ActivityTypeUpdateSelfReportType0] = { 'full', 'pending', 'weighted',  }

def check_activity_type_update_self_report_type_0(value: str) -> ActivityTypeUpdateSelfReportType0:
    if value in ACTIVITY_TYPE_UPDATE_SELF_REPORT_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {ACTIVITY_TYPE_UPDATE_SELF_REPORT_TYPE_0_VALUES!r}")
