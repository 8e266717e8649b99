from typing import Literal

GetLeaderboardWindow = Literal['all', 'day', 'month', 'quarter', 'week']

GET_LEADERBOARD_WINDOW_VALUES: set[GetLeaderboardWindow] = { 'all', 'day', 'month', 'quarter', 'week',  }

def check_get_leaderboard_window(value: str) -> GetLeaderboardWindow:
    if value in GET_LEADERBOARD_WINDOW_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_LEADERBOARD_WINDOW_VALUES!r}")
