from typing import Literal

GetLeaderboardAroundWindow = Literal['all', 'day', 'month', 'quarter', 'week']

GET_LEADERBOARD_AROUND_WINDOW_VALUES: set[GetLeaderboardAroundWindow] = { 'all', 'day', 'month', 'quarter', 'week',  }

def check_get_leaderboard_around_window(value: str) -> GetLeaderboardAroundWindow:
    if value in GET_LEADERBOARD_AROUND_WINDOW_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_LEADERBOARD_AROUND_WINDOW_VALUES!r}")
