from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.reward_out import RewardOut
from typing import cast



def _get_kwargs(
    reward_id: int,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/rewards/{reward_id}".format(reward_id=quote(str(reward_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | RewardOut | None:
    if response.status_code == 200:
        response_200 = RewardOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | RewardOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    reward_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[ErrorResponse | RewardOut]:
    """ GetReward

    Args:
        reward_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RewardOut]
     """


    kwargs = _get_kwargs(
        reward_id=reward_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    reward_id: int,
    *,
    client: AuthenticatedClient,

) -> ErrorResponse | RewardOut | None:
    """ GetReward

    Args:
        reward_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RewardOut
     """


    return sync_detailed(
        reward_id=reward_id,
client=client,

    ).parsed

async def asyncio_detailed(
    reward_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[ErrorResponse | RewardOut]:
    """ GetReward

    Args:
        reward_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RewardOut]
     """


    kwargs = _get_kwargs(
        reward_id=reward_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    reward_id: int,
    *,
    client: AuthenticatedClient,

) -> ErrorResponse | RewardOut | None:
    """ GetReward

    Args:
        reward_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RewardOut
     """


    return (await asyncio_detailed(
        reward_id=reward_id,
client=client,

    )).parsed
