from typing import Literal

ChannelUpdateTopicsType0Item = Literal['badges', 'contest_launches', 'contest_results', 'deals_won', 'kudos', 'level_ups']

CHANNEL_UPDATE_TOPICS_TYPE_0_ITEM_VALUES: set[ChannelUpdateTopicsType0Item] = { 'badges', 'contest_launches', 'contest_results', 'deals_won', 'kudos', 'level_ups',  }

def check_channel_update_topics_type_0_item(value: str) -> ChannelUpdateTopicsType0Item:
    if value in CHANNEL_UPDATE_TOPICS_TYPE_0_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHANNEL_UPDATE_TOPICS_TYPE_0_ITEM_VALUES!r}")
