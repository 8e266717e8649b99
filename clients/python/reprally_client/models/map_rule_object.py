from typing import Literal

MapRuleObject = Literal['call', 'deal', 'email', 'meeting']

MAP_RULE_OBJECT_VALUES: set[MapRuleObject] = { 'call', 'deal', 'email', 'meeting',  }

def check_map_rule_object(value: str) -> MapRuleObject:
    if value in MAP_RULE_OBJECT_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MAP_RULE_OBJECT_VALUES!r}")
