from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.board_out import BoardOut
from ...models.error_response import ErrorResponse
from ...models.get_leaderboard_around_window import check_get_leaderboard_around_window
from ...models.get_leaderboard_around_window import GetLeaderboardAroundWindow
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    metric: str,
    user_id: int,
    *,
    window: GetLeaderboardAroundWindow | Unset = 'week',
    segment: str | Unset = 'org',
    radius: int | Unset = 5,
    period: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_window: str | Unset = UNSET
    if not isinstance(window, Unset):
        json_window = window

    params["window"] = json_window

    params["segment"] = segment

    params["radius"] = radius

    json_period: None | str | Unset
    if isinstance(period, Unset):
        json_period = UNSET
    else:
        json_period = period
    params["period"] = json_period


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/leaderboards/{metric}/around/{user_id}".format(metric=quote(str(metric), safe=""),user_id=quote(str(user_id), safe=""),),
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
    user_id: int,
    *,
    client: AuthenticatedClient,
    window: GetLeaderboardAroundWindow | Unset = 'week',
    segment: str | Unset = 'org',
    radius: int | Unset = 5,
    period: None | str | Unset = UNSET,

) -> Response[BoardOut | ErrorResponse]:
    """ The entries around one rep (a rep whose board is private: only around themselves)

    Args:
        metric (str):
        user_id (int):
        window (GetLeaderboardAroundWindow | Unset):  Default: 'week'.
        segment (str | Unset):  Default: 'org'.
        radius (int | Unset):  Default: 5.
        period (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BoardOut | ErrorResponse]
     """


    kwargs = _get_kwargs(
        metric=metric,
user_id=user_id,
window=window,
segment=segment,
radius=radius,
period=period,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    metric: str,
    user_id: int,
    *,
    client: AuthenticatedClient,
    window: GetLeaderboardAroundWindow | Unset = 'week',
    segment: str | Unset = 'org',
    radius: int | Unset = 5,
    period: None | str | Unset = UNSET,

) -> BoardOut | ErrorResponse | None:
    """ The entries around one rep (a rep whose board is private: only around themselves)

    Args:
        metric (str):
        user_id (int):
        window (GetLeaderboardAroundWindow | Unset):  Default: 'week'.
        segment (str | Unset):  Default: 'org'.
        radius (int | Unset):  Default: 5.
        period (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BoardOut | ErrorResponse
     """


    return sync_detailed(
        metric=metric,
user_id=user_id,
client=client,
window=window,
segment=segment,
radius=radius,
period=period,

    ).parsed

async def asyncio_detailed(
    metric: str,
    user_id: int,
    *,
    client: AuthenticatedClient,
    window: GetLeaderboardAroundWindow | Unset = 'week',
    segment: str | Unset = 'org',
    radius: int | Unset = 5,
    period: None | str | Unset = UNSET,

) -> Response[BoardOut | ErrorResponse]:
    """ The entries around one rep (a rep whose board is private: only around themselves)

    Args:
        metric (str):
        user_id (int):
        window (GetLeaderboardAroundWindow | Unset):  Default: 'week'.
        segment (str | Unset):  Default: 'org'.
        radius (int | Unset):  Default: 5.
        period (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BoardOut | ErrorResponse]
     """


    kwargs = _get_kwargs(
        metric=metric,
user_id=user_id,
window=window,
segment=segment,
radius=radius,
period=period,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    metric: str,
    user_id: int,
    *,
    client: AuthenticatedClient,
    window: GetLeaderboardAroundWindow | Unset = 'week',
    segment: str | Unset = 'org',
    radius: int | Unset = 5,
    period: None | str | Unset = UNSET,

) -> BoardOut | ErrorResponse | None:
    """ The entries around one rep (a rep whose board is private: only around themselves)

    Args:
        metric (str):
        user_id (int):
        window (GetLeaderboardAroundWindow | Unset):  Default: 'week'.
        segment (str | Unset):  Default: 'org'.
        radius (int | Unset):  Default: 5.
        period (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BoardOut | ErrorResponse
     """


    return (await asyncio_detailed(
        metric=metric,
user_id=user_id,
client=client,
window=window,
segment=segment,
radius=radius,
period=period,

    )).parsed
