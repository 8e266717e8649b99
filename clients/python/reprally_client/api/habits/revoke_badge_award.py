from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.revoke_in import RevokeIn
from typing import cast



def _get_kwargs(
    badge_id: int,
    award_id: int,
    *,
    body: RevokeIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/badges/{badge_id}/awards/{award_id}/revoke".format(badge_id=quote(str(badge_id), safe=""),award_id=quote(str(award_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ErrorResponse | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    badge_id: int,
    award_id: int,
    *,
    client: AuthenticatedClient,
    body: RevokeIn,

) -> Response[Any | ErrorResponse]:
    """ Take an award back with a reason; its points are written back (managers, own team)

    Args:
        badge_id (int):
        award_id (int):
        body (RevokeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse]
     """


    kwargs = _get_kwargs(
        badge_id=badge_id,
award_id=award_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    badge_id: int,
    award_id: int,
    *,
    client: AuthenticatedClient,
    body: RevokeIn,

) -> Any | ErrorResponse | None:
    """ Take an award back with a reason; its points are written back (managers, own team)

    Args:
        badge_id (int):
        award_id (int):
        body (RevokeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse
     """


    return sync_detailed(
        badge_id=badge_id,
award_id=award_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    badge_id: int,
    award_id: int,
    *,
    client: AuthenticatedClient,
    body: RevokeIn,

) -> Response[Any | ErrorResponse]:
    """ Take an award back with a reason; its points are written back (managers, own team)

    Args:
        badge_id (int):
        award_id (int):
        body (RevokeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorResponse]
     """


    kwargs = _get_kwargs(
        badge_id=badge_id,
award_id=award_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    badge_id: int,
    award_id: int,
    *,
    client: AuthenticatedClient,
    body: RevokeIn,

) -> Any | ErrorResponse | None:
    """ Take an award back with a reason; its points are written back (managers, own team)

    Args:
        badge_id (int):
        award_id (int):
        body (RevokeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorResponse
     """


    return (await asyncio_detailed(
        badge_id=badge_id,
award_id=award_id,
client=client,
body=body,

    )).parsed
