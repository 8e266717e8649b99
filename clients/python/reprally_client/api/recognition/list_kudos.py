from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.kudos_list import KudosList
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    to_user_id: int | None | Unset = UNSET,
    from_user_id: int | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_to_user_id: int | None | Unset
    if isinstance(to_user_id, Unset):
        json_to_user_id = UNSET
    else:
        json_to_user_id = to_user_id
    params["to_user_id"] = json_to_user_id

    json_from_user_id: int | None | Unset
    if isinstance(from_user_id, Unset):
        json_from_user_id = UNSET
    else:
        json_from_user_id = from_user_id
    params["from_user_id"] = json_from_user_id

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
        "url": "/api/v1/kudos",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | KudosList | None:
    if response.status_code == 200:
        response_200 = KudosList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | KudosList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    to_user_id: int | None | Unset = UNSET,
    from_user_id: int | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[ErrorResponse | KudosList]:
    """ Kudos of the org, newest first (filter by recipient or giver)

    Args:
        to_user_id (int | None | Unset):
        from_user_id (int | None | Unset):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | KudosList]
     """


    kwargs = _get_kwargs(
        to_user_id=to_user_id,
from_user_id=from_user_id,
before_id=before_id,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    to_user_id: int | None | Unset = UNSET,
    from_user_id: int | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> ErrorResponse | KudosList | None:
    """ Kudos of the org, newest first (filter by recipient or giver)

    Args:
        to_user_id (int | None | Unset):
        from_user_id (int | None | Unset):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | KudosList
     """


    return sync_detailed(
        client=client,
to_user_id=to_user_id,
from_user_id=from_user_id,
before_id=before_id,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    to_user_id: int | None | Unset = UNSET,
    from_user_id: int | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[ErrorResponse | KudosList]:
    """ Kudos of the org, newest first (filter by recipient or giver)

    Args:
        to_user_id (int | None | Unset):
        from_user_id (int | None | Unset):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | KudosList]
     """


    kwargs = _get_kwargs(
        to_user_id=to_user_id,
from_user_id=from_user_id,
before_id=before_id,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    to_user_id: int | None | Unset = UNSET,
    from_user_id: int | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> ErrorResponse | KudosList | None:
    """ Kudos of the org, newest first (filter by recipient or giver)

    Args:
        to_user_id (int | None | Unset):
        from_user_id (int | None | Unset):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | KudosList
     """


    return (await asyncio_detailed(
        client=client,
to_user_id=to_user_id,
from_user_id=from_user_id,
before_id=before_id,
limit=limit,

    )).parsed
