from typing import Literal

TemplateInMetric = Literal['count', 'value']

TEMPLATE_IN_METRIC_VALUES: set[TemplateInMetric] = { 'count', 'value',  }

def check_template_in_metric(value: str) -> TemplateInMetric:
    if value in TEMPLATE_IN_METRIC_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TEMPLATE_IN_METRIC_VALUES!r}")
