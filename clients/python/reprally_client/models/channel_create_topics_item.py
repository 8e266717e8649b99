from typing import Literal

ChannelCreateTopicsItem = Literal['badges', 'contest_launches', 'contest_results', 'deals_won', 'kudos', 'level_ups']

CHANNEL_CREATE_TOPICS_ITEM_VALUES: set[ChannelCreateTopicsItem] = { 'badges', 'contest_launches', 'contest_results', 'deals_won', 'kudos', 'level_ups',  }

def check_channel_create_topics_item(value: str) -> ChannelCreateTopicsItem:
    if value in CHANNEL_CREATE_TOPICS_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHANNEL_CREATE_TOPICS_ITEM_VALUES!r}")
