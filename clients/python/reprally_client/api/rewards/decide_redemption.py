from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.note_in import NoteIn
from ...models.redemption_out import RedemptionOut
from typing import cast



def _get_kwargs(
    redemption_id: int,
    action: str,
    *,
    body: None | NoteIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/redemptions/{redemption_id}/{action}".format(redemption_id=quote(str(redemption_id), safe=""),action=quote(str(action), safe=""),),
    }

    
    if isinstance(body, NoteIn):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | RedemptionOut | None:
    if response.status_code == 200:
        response_200 = RedemptionOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | RedemptionOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    redemption_id: int,
    action: str,
    *,
    client: AuthenticatedClient,
    body: None | NoteIn,

) -> Response[ErrorResponse | RedemptionOut]:
    """ approve, reject (points returned), fulfil or refund an approved or fulfilled one (points and stock
    returned; admins); cancel (the requester, while pending)

    Args:
        redemption_id (int):
        action (str):
        body (None | NoteIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RedemptionOut]
     """


    kwargs = _get_kwargs(
        redemption_id=redemption_id,
action=action,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    redemption_id: int,
    action: str,
    *,
    client: AuthenticatedClient,
    body: None | NoteIn,

) -> ErrorResponse | RedemptionOut | None:
    """ approve, reject (points returned), fulfil or refund an approved or fulfilled one (points and stock
    returned; admins); cancel (the requester, while pending)

    Args:
        redemption_id (int):
        action (str):
        body (None | NoteIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RedemptionOut
     """


    return sync_detailed(
        redemption_id=redemption_id,
action=action,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    redemption_id: int,
    action: str,
    *,
    client: AuthenticatedClient,
    body: None | NoteIn,

) -> Response[ErrorResponse | RedemptionOut]:
    """ approve, reject (points returned), fulfil or refund an approved or fulfilled one (points and stock
    returned; admins); cancel (the requester, while pending)

    Args:
        redemption_id (int):
        action (str):
        body (None | NoteIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RedemptionOut]
     """


    kwargs = _get_kwargs(
        redemption_id=redemption_id,
action=action,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    redemption_id: int,
    action: str,
    *,
    client: AuthenticatedClient,
    body: None | NoteIn,

) -> ErrorResponse | RedemptionOut | None:
    """ approve, reject (points returned), fulfil or refund an approved or fulfilled one (points and stock
    returned; admins); cancel (the requester, while pending)

    Args:
        redemption_id (int):
        action (str):
        body (None | NoteIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RedemptionOut
     """


    return (await asyncio_detailed(
        redemption_id=redemption_id,
action=action,
client=client,
body=body,

    )).parsed
