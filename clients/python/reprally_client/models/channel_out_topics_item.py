from typing import Literal

ChannelOutTopicsItem = Literal['badges', 'contest_launches', 'contest_results', 'deals_won', 'kudos', 'level_ups']

CHANNEL_OUT_TOPICS_ITEM_VALUES: set[ChannelOutTopicsItem] = { 'badges', 'contest_launches', 'contest_results', 'deals_won', 'kudos', 'level_ups',  }

def check_channel_out_topics_item(value: str) -> ChannelOutTopicsItem:
    if value in CHANNEL_OUT_TOPICS_ITEM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHANNEL_OUT_TOPICS_ITEM_VALUES!r}")
