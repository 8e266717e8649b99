from typing import Literal

BadgeInRule = Literal['activity_count', 'activity_value', 'contest_won', 'manual', 'missions_completed', 'rank', 'streak']

BADGE_IN_RULE_VALUES: set[BadgeInRule] = { 'activity_count', 'activity_value', 'contest_won', 'manual', 'missions_completed', 'rank', 'streak',  }

def check_badge_in_rule(value: str) -> BadgeInRule:
    if value in BADGE_IN_RULE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BADGE_IN_RULE_VALUES!r}")
