from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.status_out import StatusOut
from typing import cast



def _get_kwargs(
    integration_id: int,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/integrations/{integration_id}/status".format(integration_id=quote(str(integration_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | StatusOut | None:
    if response.status_code == 200:
        response_200 = StatusOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | StatusOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    integration_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[ErrorResponse | StatusOut]:
    """ Events accepted, duplicates, rejected by reason, lag to points

    Args:
        integration_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | StatusOut]
     """


    kwargs = _get_kwargs(
        integration_id=integration_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    integration_id: int,
    *,
    client: AuthenticatedClient,

) -> ErrorResponse | StatusOut | None:
    """ Events accepted, duplicates, rejected by reason, lag to points

    Args:
        integration_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | StatusOut
     """


    return sync_detailed(
        integration_id=integration_id,
client=client,

    ).parsed

async def asyncio_detailed(
    integration_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[ErrorResponse | StatusOut]:
    """ Events accepted, duplicates, rejected by reason, lag to points

    Args:
        integration_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | StatusOut]
     """


    kwargs = _get_kwargs(
        integration_id=integration_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    integration_id: int,
    *,
    client: AuthenticatedClient,

) -> ErrorResponse | StatusOut | None:
    """ Events accepted, duplicates, rejected by reason, lag to points

    Args:
        integration_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | StatusOut
     """


    return (await asyncio_detailed(
        integration_id=integration_id,
client=client,

    )).parsed
