from typing import Literal

BoardOutRankBy = Literal['attainment', 'improvement', 'score']

BOARD_OUT_RANK_BY_VALUES: set[BoardOutRankBy] = { 'attainment', 'improvement', 'score',  }

def check_board_out_rank_by(value: str) -> BoardOutRankBy:
    if value in BOARD_OUT_RANK_BY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BOARD_OUT_RANK_BY_VALUES!r}")
