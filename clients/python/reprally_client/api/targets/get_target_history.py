from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.history_out import HistoryOut
from typing import cast



def _get_kwargs(
    *,
    user_id: int,
    metric: str,
    period: str,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["user_id"] = user_id

    params["metric"] = metric

    params["period"] = period


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/targets/history",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | HistoryOut | None:
    if response.status_code == 200:
        response_200 = HistoryOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | HistoryOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    user_id: int,
    metric: str,
    period: str,

) -> Response[ErrorResponse | HistoryOut]:
    """ Every version of one rep's target, newest first

    Args:
        user_id (int):
        metric (str): points, an activity type key, or <key>_value
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | HistoryOut]
     """


    kwargs = _get_kwargs(
        user_id=user_id,
metric=metric,
period=period,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    user_id: int,
    metric: str,
    period: str,

) -> ErrorResponse | HistoryOut | None:
    """ Every version of one rep's target, newest first

    Args:
        user_id (int):
        metric (str): points, an activity type key, or <key>_value
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | HistoryOut
     """


    return sync_detailed(
        client=client,
user_id=user_id,
metric=metric,
period=period,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    user_id: int,
    metric: str,
    period: str,

) -> Response[ErrorResponse | HistoryOut]:
    """ Every version of one rep's target, newest first

    Args:
        user_id (int):
        metric (str): points, an activity type key, or <key>_value
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | HistoryOut]
     """


    kwargs = _get_kwargs(
        user_id=user_id,
metric=metric,
period=period,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    user_id: int,
    metric: str,
    period: str,

) -> ErrorResponse | HistoryOut | None:
    """ Every version of one rep's target, newest first

    Args:
        user_id (int):
        metric (str): points, an activity type key, or <key>_value
        period (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | HistoryOut
     """


    return (await asyncio_detailed(
        client=client,
user_id=user_id,
metric=metric,
period=period,

    )).parsed
