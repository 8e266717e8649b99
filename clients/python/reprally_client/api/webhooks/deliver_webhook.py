from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.delivery_ack import DeliveryAck
from ...models.error_response import ErrorResponse
from typing import cast



def _get_kwargs(
    hook_id: str,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/hooks/{hook_id}".format(hook_id=quote(str(hook_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DeliveryAck | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = DeliveryAck.from_dict(response.json())



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

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())



        return response_413

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())



        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DeliveryAck | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    hook_id: str,
    *,
    client: AuthenticatedClient | Client,

) -> Response[DeliveryAck | ErrorResponse]:
    """ A webhook delivery (signed); a duplicate is a 200 that changes nothing

    Args:
        hook_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryAck | ErrorResponse]
     """


    kwargs = _get_kwargs(
        hook_id=hook_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    hook_id: str,
    *,
    client: AuthenticatedClient | Client,

) -> DeliveryAck | ErrorResponse | None:
    """ A webhook delivery (signed); a duplicate is a 200 that changes nothing

    Args:
        hook_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryAck | ErrorResponse
     """


    return sync_detailed(
        hook_id=hook_id,
client=client,

    ).parsed

async def asyncio_detailed(
    hook_id: str,
    *,
    client: AuthenticatedClient | Client,

) -> Response[DeliveryAck | ErrorResponse]:
    """ A webhook delivery (signed); a duplicate is a 200 that changes nothing

    Args:
        hook_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryAck | ErrorResponse]
     """


    kwargs = _get_kwargs(
        hook_id=hook_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    hook_id: str,
    *,
    client: AuthenticatedClient | Client,

) -> DeliveryAck | ErrorResponse | None:
    """ A webhook delivery (signed); a duplicate is a 200 that changes nothing

    Args:
        hook_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryAck | ErrorResponse
     """


    return (await asyncio_detailed(
        hook_id=hook_id,
client=client,

    )).parsed
