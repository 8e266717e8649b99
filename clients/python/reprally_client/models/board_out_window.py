from typing import Literal

BoardOutWindow = Literal['all', 'day', 'month', 'quarter', 'week']

BOARD_OUT_WINDOW_VALUES: set[BoardOutWindow] = { 'all', 'day', 'month', 'quarter', 'week',  }

def check_board_out_window(value: str) -> BoardOutWindow:
    if value in BOARD_OUT_WINDOW_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BOARD_OUT_WINDOW_VALUES!r}")
