from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.notification_page import NotificationPage
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    limit: int | Unset = 30,
    before_id: int | None | Unset = UNSET,
    unread: bool | Unset = False,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["limit"] = limit

    json_before_id: int | None | Unset
    if isinstance(before_id, Unset):
        json_before_id = UNSET
    else:
        json_before_id = before_id
    params["before_id"] = json_before_id

    params["unread"] = unread


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/notifications",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | NotificationPage | None:
    if response.status_code == 200:
        response_200 = NotificationPage.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | NotificationPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 30,
    before_id: int | None | Unset = UNSET,
    unread: bool | Unset = False,

) -> Response[ErrorResponse | NotificationPage]:
    """ My notifications, newest first, with the unread count

    Args:
        limit (int | Unset):  Default: 30.
        before_id (int | None | Unset):
        unread (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | NotificationPage]
     """


    kwargs = _get_kwargs(
        limit=limit,
before_id=before_id,
unread=unread,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 30,
    before_id: int | None | Unset = UNSET,
    unread: bool | Unset = False,

) -> ErrorResponse | NotificationPage | None:
    """ My notifications, newest first, with the unread count

    Args:
        limit (int | Unset):  Default: 30.
        before_id (int | None | Unset):
        unread (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | NotificationPage
     """


    return sync_detailed(
        client=client,
limit=limit,
before_id=before_id,
unread=unread,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 30,
    before_id: int | None | Unset = UNSET,
    unread: bool | Unset = False,

) -> Response[ErrorResponse | NotificationPage]:
    """ My notifications, newest first, with the unread count

    Args:
        limit (int | Unset):  Default: 30.
        before_id (int | None | Unset):
        unread (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | NotificationPage]
     """


    kwargs = _get_kwargs(
        limit=limit,
before_id=before_id,
unread=unread,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 30,
    before_id: int | None | Unset = UNSET,
    unread: bool | Unset = False,

) -> ErrorResponse | NotificationPage | None:
    """ My notifications, newest first, with the unread count

    Args:
        limit (int | Unset):  Default: 30.
        before_id (int | None | Unset):
        unread (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | NotificationPage
     """


    return (await asyncio_detailed(
        client=client,
limit=limit,
before_id=before_id,
unread=unread,

    )).parsed
