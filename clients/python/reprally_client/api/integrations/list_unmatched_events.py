from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.event_page import EventPage
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    integration_id: int,
    *,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_before_id: int | None | Unset
    if isinstance(before_id, Unset):
        json_before_id = UNSET
    else:
        json_before_id = before_id
    params["before_id"] = json_before_id

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/integrations/{integration_id}/unmatched".format(integration_id=quote(str(integration_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | EventPage | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | EventPage]:
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
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[ErrorResponse | EventPage]:
    """ Events whose owner matches no rep yet, newest first

    Args:
        integration_id (int):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | EventPage]
     """


    kwargs = _get_kwargs(
        integration_id=integration_id,
before_id=before_id,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    integration_id: int,
    *,
    client: AuthenticatedClient,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> ErrorResponse | EventPage | None:
    """ Events whose owner matches no rep yet, newest first

    Args:
        integration_id (int):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | EventPage
     """


    return sync_detailed(
        integration_id=integration_id,
client=client,
before_id=before_id,
limit=limit,

    ).parsed

async def asyncio_detailed(
    integration_id: int,
    *,
    client: AuthenticatedClient,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[ErrorResponse | EventPage]:
    """ Events whose owner matches no rep yet, newest first

    Args:
        integration_id (int):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | EventPage]
     """


    kwargs = _get_kwargs(
        integration_id=integration_id,
before_id=before_id,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    integration_id: int,
    *,
    client: AuthenticatedClient,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> ErrorResponse | EventPage | None:
    """ Events whose owner matches no rep yet, newest first

    Args:
        integration_id (int):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | EventPage
     """


    return (await asyncio_detailed(
        integration_id=integration_id,
client=client,
before_id=before_id,
limit=limit,

    )).parsed
