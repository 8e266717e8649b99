from typing import Literal

BadgeUpdateTierType0 = Literal['bronze', 'gold', 'platinum', 'silver']

BADGE_UPDATE_TIER_TYPE_0_VALUES: set[BadgeUpdateTierType0] = { 'bronze', 'gold', 'platinum', 'silver',  }

def check_badge_update_tier_type_0(value: str) -> BadgeUpdateTierType0:
    if value in BADGE_UPDATE_TIER_TYPE_0_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BADGE_UPDATE_TIER_TYPE_0_VALUES!r}")
