from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.reversal_out import ReversalOut
from typing import cast



def _get_kwargs(
    activity_id: int,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/activities/{activity_id}/reverse".format(activity_id=quote(str(activity_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | ReversalOut | None:
    if response.status_code == 201:
        response_201 = ReversalOut.from_dict(response.json())



        return response_201

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | ReversalOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    activity_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[ErrorResponse | ReversalOut]:
    """ Reverse an activity with a compensating ledger entry (managers)

    Args:
        activity_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ReversalOut]
     """


    kwargs = _get_kwargs(
        activity_id=activity_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    activity_id: int,
    *,
    client: AuthenticatedClient,

) -> ErrorResponse | ReversalOut | None:
    """ Reverse an activity with a compensating ledger entry (managers)

    Args:
        activity_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ReversalOut
     """


    return sync_detailed(
        activity_id=activity_id,
client=client,

    ).parsed

async def asyncio_detailed(
    activity_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[ErrorResponse | ReversalOut]:
    """ Reverse an activity with a compensating ledger entry (managers)

    Args:
        activity_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ReversalOut]
     """


    kwargs = _get_kwargs(
        activity_id=activity_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    activity_id: int,
    *,
    client: AuthenticatedClient,

) -> ErrorResponse | ReversalOut | None:
    """ Reverse an activity with a compensating ledger entry (managers)

    Args:
        activity_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ReversalOut
     """


    return (await asyncio_detailed(
        activity_id=activity_id,
client=client,

    )).parsed
