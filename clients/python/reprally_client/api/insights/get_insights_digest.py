from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.digest_out import DigestOut
from ...models.error_response import ErrorResponse
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    team_id: int | None | Unset = UNSET,
    week: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_team_id: int | None | Unset
    if isinstance(team_id, Unset):
        json_team_id = UNSET
    else:
        json_team_id = team_id
    params["team_id"] = json_team_id

    json_week: None | str | Unset
    if isinstance(week, Unset):
        json_week = UNSET
    else:
        json_week = week
    params["week"] = json_week


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/insights/digest",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DigestOut | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = DigestOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DigestOut | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    team_id: int | None | Unset = UNSET,
    week: None | str | Unset = UNSET,

) -> Response[DigestOut | ErrorResponse]:
    """ The weekly digest: last week's headline numbers, open alerts and outcomes

    Args:
        team_id (int | None | Unset):
        week (None | str | Unset): a week id, e.g. w2027-02-08 (default: last week)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DigestOut | ErrorResponse]
     """


    kwargs = _get_kwargs(
        team_id=team_id,
week=week,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    team_id: int | None | Unset = UNSET,
    week: None | str | Unset = UNSET,

) -> DigestOut | ErrorResponse | None:
    """ The weekly digest: last week's headline numbers, open alerts and outcomes

    Args:
        team_id (int | None | Unset):
        week (None | str | Unset): a week id, e.g. w2027-02-08 (default: last week)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DigestOut | ErrorResponse
     """


    return sync_detailed(
        client=client,
team_id=team_id,
week=week,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    team_id: int | None | Unset = UNSET,
    week: None | str | Unset = UNSET,

) -> Response[DigestOut | ErrorResponse]:
    """ The weekly digest: last week's headline numbers, open alerts and outcomes

    Args:
        team_id (int | None | Unset):
        week (None | str | Unset): a week id, e.g. w2027-02-08 (default: last week)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DigestOut | ErrorResponse]
     """


    kwargs = _get_kwargs(
        team_id=team_id,
week=week,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    team_id: int | None | Unset = UNSET,
    week: None | str | Unset = UNSET,

) -> DigestOut | ErrorResponse | None:
    """ The weekly digest: last week's headline numbers, open alerts and outcomes

    Args:
        team_id (int | None | Unset):
        week (None | str | Unset): a week id, e.g. w2027-02-08 (default: last week)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DigestOut | ErrorResponse
     """


    return (await asyncio_detailed(
        client=client,
team_id=team_id,
week=week,

    )).parsed
