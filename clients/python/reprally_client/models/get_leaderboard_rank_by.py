from typing import Literal

GetLeaderboardRankBy = Literal['attainment', 'improvement', 'score']

GET_LEADERBOARD_RANK_BY_VALUES: set[GetLeaderboardRankBy] = { 'attainment', 'improvement', 'score',  }

def check_get_leaderboard_rank_by(value: str) -> GetLeaderboardRankBy:
    if value in GET_LEADERBOARD_RANK_BY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_LEADERBOARD_RANK_BY_VALUES!r}")
