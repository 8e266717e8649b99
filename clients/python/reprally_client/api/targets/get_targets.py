from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.targets_out import TargetsOut
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    metric: str,
    period: str,
    start: datetime.date | None | Unset = UNSET,
    team_id: int | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["metric"] = metric

    params["period"] = period

    json_start: None | str | Unset
    if isinstance(start, Unset):
        json_start = UNSET
    elif isinstance(start, datetime.date):
        json_start = start.isoformat()
    else:
        json_start = start
    params["start"] = json_start

    json_team_id: int | None | Unset
    if isinstance(team_id, Unset):
        json_team_id = UNSET
    else:
        json_team_id = team_id
    params["team_id"] = json_team_id


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/targets",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | TargetsOut | None:
    if response.status_code == 200:
        response_200 = TargetsOut.from_dict(response.json())



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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | TargetsOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    metric: str,
    period: str,
    start: datetime.date | None | Unset = UNSET,
    team_id: int | None | Unset = UNSET,

) -> Response[ErrorResponse | TargetsOut]:
    """ The targets that hold in a period, with attainment and pace

    Args:
        metric (str): points, an activity type key, or <key>_value
        period (str):
        start (datetime.date | None | Unset): any day of the period
        team_id (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TargetsOut]
     """


    kwargs = _get_kwargs(
        metric=metric,
period=period,
start=start,
team_id=team_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    metric: str,
    period: str,
    start: datetime.date | None | Unset = UNSET,
    team_id: int | None | Unset = UNSET,

) -> ErrorResponse | TargetsOut | None:
    """ The targets that hold in a period, with attainment and pace

    Args:
        metric (str): points, an activity type key, or <key>_value
        period (str):
        start (datetime.date | None | Unset): any day of the period
        team_id (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TargetsOut
     """


    return sync_detailed(
        client=client,
metric=metric,
period=period,
start=start,
team_id=team_id,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    metric: str,
    period: str,
    start: datetime.date | None | Unset = UNSET,
    team_id: int | None | Unset = UNSET,

) -> Response[ErrorResponse | TargetsOut]:
    """ The targets that hold in a period, with attainment and pace

    Args:
        metric (str): points, an activity type key, or <key>_value
        period (str):
        start (datetime.date | None | Unset): any day of the period
        team_id (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | TargetsOut]
     """


    kwargs = _get_kwargs(
        metric=metric,
period=period,
start=start,
team_id=team_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    metric: str,
    period: str,
    start: datetime.date | None | Unset = UNSET,
    team_id: int | None | Unset = UNSET,

) -> ErrorResponse | TargetsOut | None:
    """ The targets that hold in a period, with attainment and pace

    Args:
        metric (str): points, an activity type key, or <key>_value
        period (str):
        start (datetime.date | None | Unset): any day of the period
        team_id (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | TargetsOut
     """


    return (await asyncio_detailed(
        client=client,
metric=metric,
period=period,
start=start,
team_id=team_id,

    )).parsed
