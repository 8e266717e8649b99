from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.channel_out import ChannelOut
from ...models.channel_update import ChannelUpdate
from ...models.error_response import ErrorResponse
from typing import cast



def _get_kwargs(
    channel_id: int,
    *,
    body: ChannelUpdate,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/chat/channels/{channel_id}".format(channel_id=quote(str(channel_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ChannelOut | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = ChannelOut.from_dict(response.json())



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

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())



        return response_409

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())



        return response_413

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ChannelOut | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    channel_id: int,
    *,
    client: AuthenticatedClient,
    body: ChannelUpdate,

) -> Response[ChannelOut | ErrorResponse]:
    """ Change a chat channel: what it posts, quiet hours, cap, or a new URL

    Args:
        channel_id (int):
        body (ChannelUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelOut | ErrorResponse]
     """


    kwargs = _get_kwargs(
        channel_id=channel_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    channel_id: int,
    *,
    client: AuthenticatedClient,
    body: ChannelUpdate,

) -> ChannelOut | ErrorResponse | None:
    """ Change a chat channel: what it posts, quiet hours, cap, or a new URL

    Args:
        channel_id (int):
        body (ChannelUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelOut | ErrorResponse
     """


    return sync_detailed(
        channel_id=channel_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    channel_id: int,
    *,
    client: AuthenticatedClient,
    body: ChannelUpdate,

) -> Response[ChannelOut | ErrorResponse]:
    """ Change a chat channel: what it posts, quiet hours, cap, or a new URL

    Args:
        channel_id (int):
        body (ChannelUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChannelOut | ErrorResponse]
     """


    kwargs = _get_kwargs(
        channel_id=channel_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    channel_id: int,
    *,
    client: AuthenticatedClient,
    body: ChannelUpdate,

) -> ChannelOut | ErrorResponse | None:
    """ Change a chat channel: what it posts, quiet hours, cap, or a new URL

    Args:
        channel_id (int):
        body (ChannelUpdate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChannelOut | ErrorResponse
     """


    return (await asyncio_detailed(
        channel_id=channel_id,
client=client,
body=body,

    )).parsed
