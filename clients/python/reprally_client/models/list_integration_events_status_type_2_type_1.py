from typing import Literal

ListIntegrationEventsStatusType2Type1 = Literal['done', 'error', 'ignored', 'pending', 'stale', 'unmatched']

LIST_INTEGRATION_EVENTS_STATUS_TYPE_2_TYPE_1_VALUES: set[ListIntegrationEventsStatusType2Type1] = { 'done', 'error', 'ignored', 'pending', 'stale', 'unmatched',  }

def check_list_integration_events_status_type_2_type_1(value: str) -> ListIntegrationEventsStatusType2Type1:
    if value in LIST_INTEGRATION_EVENTS_STATUS_TYPE_2_TYPE_1_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LIST_INTEGRATION_EVENTS_STATUS_TYPE_2_TYPE_1_VALUES!r}")
