from typing import Literal

BadgeInTier = Literal['bronze', 'gold', 'platinum', 'silver']

BADGE_IN_TIER_VALUES: set[BadgeInTier] = { 'bronze', 'gold', 'platinum', 'silver',  }

def check_badge_in_tier(value: str) -> BadgeInTier:
    if value in BADGE_IN_TIER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BADGE_IN_TIER_VALUES!r}")
