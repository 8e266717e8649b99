from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.board_out import BoardOut
from ...models.error_response import ErrorResponse
from ...models.get_leaderboard_rank_by import check_get_leaderboard_rank_by
from ...models.get_leaderboard_rank_by import GetLeaderboardRankBy
from ...models.get_leaderboard_window import check_get_leaderboard_window
from ...models.get_leaderboard_window import GetLeaderboardWindow
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    metric: str,
    *,
    window: GetLeaderboardWindow | Unset = 'week',
    segment: str | Unset = 'org',
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    period: None | str | Unset = UNSET,
    rank_by: GetLeaderboardRankBy | Unset = 'score',

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_window: str | Unset = UNSET
    if not isinstance(window, Unset):
        json_window = window

    params["window"] = json_window

    params["segment"] = segment

    params["limit"] = limit

    params["offset"] = offset

    json_period: None | str | Unset
    if isinstance(period, Unset):
        json_period = UNSET
    else:
        json_period = period
    params["period"] = json_period

    json_rank_by: str | Unset = UNSET
    if not isinstance(rank_by, Unset):
        json_rank_by = rank_by

    params["rank_by"] = json_rank_by


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/leaderboards/{metric}".format(metric=quote(str(metric), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BoardOut | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = BoardOut.from_dict(response.json())



        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())



        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())



        return response_404

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())



        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BoardOut | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    metric: str,
    *,
    client: AuthenticatedClient,
    window: GetLeaderboardWindow | Unset = 'week',
    segment: str | Unset = 'org',
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    period: None | str | Unset = UNSET,
    rank_by: GetLeaderboardRankBy | Unset = 'score',

) -> Response[BoardOut | ErrorResponse]:
    """ A leaderboard page: points or an activity type, any window and segment

    Args:
        metric (str):
        window (GetLeaderboardWindow | Unset):  Default: 'week'.
        segment (str | Unset):  Default: 'org'.
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        period (None | str | Unset): a past period id, e.g. 2026-11-21
        rank_by (GetLeaderboardRankBy | Unset): score, attainment (÷ target) or improvement (vs
            baseline) Default: 'score'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BoardOut | ErrorResponse]
     """


    kwargs = _get_kwargs(
        metric=metric,
window=window,
segment=segment,
limit=limit,
offset=offset,
period=period,
rank_by=rank_by,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    metric: str,
    *,
    client: AuthenticatedClient,
    window: GetLeaderboardWindow | Unset = 'week',
    segment: str | Unset = 'org',
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    period: None | str | Unset = UNSET,
    rank_by: GetLeaderboardRankBy | Unset = 'score',

) -> BoardOut | ErrorResponse | None:
    """ A leaderboard page: points or an activity type, any window and segment

    Args:
        metric (str):
        window (GetLeaderboardWindow | Unset):  Default: 'week'.
        segment (str | Unset):  Default: 'org'.
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        period (None | str | Unset): a past period id, e.g. 2026-11-21
        rank_by (GetLeaderboardRankBy | Unset): score, attainment (÷ target) or improvement (vs
            baseline) Default: 'score'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BoardOut | ErrorResponse
     """


    return sync_detailed(
        metric=metric,
client=client,
window=window,
segment=segment,
limit=limit,
offset=offset,
period=period,
rank_by=rank_by,

    ).parsed

async def asyncio_detailed(
    metric: str,
    *,
    client: AuthenticatedClient,
    window: GetLeaderboardWindow | Unset = 'week',
    segment: str | Unset = 'org',
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    period: None | str | Unset = UNSET,
    rank_by: GetLeaderboardRankBy | Unset = 'score',

) -> Response[BoardOut | ErrorResponse]:
    """ A leaderboard page: points or an activity type, any window and segment

    Args:
        metric (str):
        window (GetLeaderboardWindow | Unset):  Default: 'week'.
        segment (str | Unset):  Default: 'org'.
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        period (None | str | Unset): a past period id, e.g. 2026-11-21
        rank_by (GetLeaderboardRankBy | Unset): score, attainment (÷ target) or improvement (vs
            baseline) Default: 'score'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BoardOut | ErrorResponse]
     """


    kwargs = _get_kwargs(
        metric=metric,
window=window,
segment=segment,
limit=limit,
offset=offset,
period=period,
rank_by=rank_by,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    metric: str,
    *,
    client: AuthenticatedClient,
    window: GetLeaderboardWindow | Unset = 'week',
    segment: str | Unset = 'org',
    limit: int | Unset = 50,
    offset: int | Unset = 0,
    period: None | str | Unset = UNSET,
    rank_by: GetLeaderboardRankBy | Unset = 'score',

) -> BoardOut | ErrorResponse | None:
    """ A leaderboard page: points or an activity type, any window and segment

    Args:
        metric (str):
        window (GetLeaderboardWindow | Unset):  Default: 'week'.
        segment (str | Unset):  Default: 'org'.
        limit (int | Unset):  Default: 50.
        offset (int | Unset):  Default: 0.
        period (None | str | Unset): a past period id, e.g. 2026-11-21
        rank_by (GetLeaderboardRankBy | Unset): score, attainment (÷ target) or improvement (vs
            baseline) Default: 'score'.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BoardOut | ErrorResponse
     """


    return (await asyncio_detailed(
        metric=metric,
client=client,
window=window,
segment=segment,
limit=limit,
offset=offset,
period=period,
rank_by=rank_by,

    )).parsed
