from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.reaction_in import ReactionIn
from ...models.reactions_out import ReactionsOut
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    item_id: int,
    *,
    body: None | ReactionIn,
    emoji: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    params: dict[str, Any] = {}

    json_emoji: None | str | Unset
    if isinstance(emoji, Unset):
        json_emoji = UNSET
    else:
        json_emoji = emoji
    params["emoji"] = json_emoji


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/api/v1/feed/{item_id}/reactions".format(item_id=quote(str(item_id), safe=""),),
        "params": params,
    }

    
    if isinstance(body, ReactionIn):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | ReactionsOut | None:
    if response.status_code == 200:
        response_200 = ReactionsOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | ReactionsOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    item_id: int,
    *,
    client: AuthenticatedClient,
    body: None | ReactionIn,
    emoji: None | str | Unset = UNSET,

) -> Response[ErrorResponse | ReactionsOut]:
    """ Take back a reaction (emoji in the body or the `emoji` query parameter)

    Args:
        item_id (int):
        emoji (None | str | Unset):
        body (None | ReactionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ReactionsOut]
     """


    kwargs = _get_kwargs(
        item_id=item_id,
body=body,
emoji=emoji,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    item_id: int,
    *,
    client: AuthenticatedClient,
    body: None | ReactionIn,
    emoji: None | str | Unset = UNSET,

) -> ErrorResponse | ReactionsOut | None:
    """ Take back a reaction (emoji in the body or the `emoji` query parameter)

    Args:
        item_id (int):
        emoji (None | str | Unset):
        body (None | ReactionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ReactionsOut
     """


    return sync_detailed(
        item_id=item_id,
client=client,
body=body,
emoji=emoji,

    ).parsed

async def asyncio_detailed(
    item_id: int,
    *,
    client: AuthenticatedClient,
    body: None | ReactionIn,
    emoji: None | str | Unset = UNSET,

) -> Response[ErrorResponse | ReactionsOut]:
    """ Take back a reaction (emoji in the body or the `emoji` query parameter)

    Args:
        item_id (int):
        emoji (None | str | Unset):
        body (None | ReactionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ReactionsOut]
     """


    kwargs = _get_kwargs(
        item_id=item_id,
body=body,
emoji=emoji,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    item_id: int,
    *,
    client: AuthenticatedClient,
    body: None | ReactionIn,
    emoji: None | str | Unset = UNSET,

) -> ErrorResponse | ReactionsOut | None:
    """ Take back a reaction (emoji in the body or the `emoji` query parameter)

    Args:
        item_id (int):
        emoji (None | str | Unset):
        body (None | ReactionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ReactionsOut
     """


    return (await asyncio_detailed(
        item_id=item_id,
client=client,
body=body,
emoji=emoji,

    )).parsed
