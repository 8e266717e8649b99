from typing import Literal

MapRuleOn = Literal['created', 'won']

MAP_RULE_ON_VALUES: set[MapRuleOn] = { 'created', 'won',  }

def check_map_rule_on(value: str) -> MapRuleOn:
    if value in MAP_RULE_ON_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MAP_RULE_ON_VALUES!r}")
