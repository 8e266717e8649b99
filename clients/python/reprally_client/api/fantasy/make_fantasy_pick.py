from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.league_out import LeagueOut
from ...models.pick_in import PickIn
from typing import cast



def _get_kwargs(
    league_id: int,
    *,
    body: PickIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/fantasy/leagues/{league_id}/picks".format(league_id=quote(str(league_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | LeagueOut | None:
    if response.status_code == 201:
        response_201 = LeagueOut.from_dict(response.json())



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

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())



        return response_413

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | LeagueOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    league_id: int,
    *,
    client: AuthenticatedClient,
    body: PickIn,

) -> Response[ErrorResponse | LeagueOut]:
    """ Draft a rep (the owner of the team on the clock, or the commissioner)

    Args:
        league_id (int):
        body (PickIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LeagueOut]
     """


    kwargs = _get_kwargs(
        league_id=league_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    league_id: int,
    *,
    client: AuthenticatedClient,
    body: PickIn,

) -> ErrorResponse | LeagueOut | None:
    """ Draft a rep (the owner of the team on the clock, or the commissioner)

    Args:
        league_id (int):
        body (PickIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LeagueOut
     """


    return sync_detailed(
        league_id=league_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    league_id: int,
    *,
    client: AuthenticatedClient,
    body: PickIn,

) -> Response[ErrorResponse | LeagueOut]:
    """ Draft a rep (the owner of the team on the clock, or the commissioner)

    Args:
        league_id (int):
        body (PickIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | LeagueOut]
     """


    kwargs = _get_kwargs(
        league_id=league_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    league_id: int,
    *,
    client: AuthenticatedClient,
    body: PickIn,

) -> ErrorResponse | LeagueOut | None:
    """ Draft a rep (the owner of the team on the clock, or the commissioner)

    Args:
        league_id (int):
        body (PickIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | LeagueOut
     """


    return (await asyncio_detailed(
        league_id=league_id,
client=client,
body=body,

    )).parsed
