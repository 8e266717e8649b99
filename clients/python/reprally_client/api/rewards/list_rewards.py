from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.reward_list import RewardList
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    include_inactive: bool | Unset = False,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["include_inactive"] = include_inactive


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/rewards",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | RewardList | None:
    if response.status_code == 200:
        response_200 = RewardList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | RewardList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    include_inactive: bool | Unset = False,

) -> Response[ErrorResponse | RewardList]:
    """ The reward catalog (managers may include inactive rewards)

    Args:
        include_inactive (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RewardList]
     """


    kwargs = _get_kwargs(
        include_inactive=include_inactive,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    include_inactive: bool | Unset = False,

) -> ErrorResponse | RewardList | None:
    """ The reward catalog (managers may include inactive rewards)

    Args:
        include_inactive (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RewardList
     """


    return sync_detailed(
        client=client,
include_inactive=include_inactive,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    include_inactive: bool | Unset = False,

) -> Response[ErrorResponse | RewardList]:
    """ The reward catalog (managers may include inactive rewards)

    Args:
        include_inactive (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RewardList]
     """


    kwargs = _get_kwargs(
        include_inactive=include_inactive,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    include_inactive: bool | Unset = False,

) -> ErrorResponse | RewardList | None:
    """ The reward catalog (managers may include inactive rewards)

    Args:
        include_inactive (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RewardList
     """


    return (await asyncio_detailed(
        client=client,
include_inactive=include_inactive,

    )).parsed
