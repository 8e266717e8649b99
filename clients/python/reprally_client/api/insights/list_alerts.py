from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.alert_list import AlertList
from ...models.error_response import ErrorResponse
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    status: None | str | Unset = UNSET,
    team_id: int | None | Unset = UNSET,
    user_id: int | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    else:
        json_status = status
    params["status"] = json_status

    json_team_id: int | None | Unset
    if isinstance(team_id, Unset):
        json_team_id = UNSET
    else:
        json_team_id = team_id
    params["team_id"] = json_team_id

    json_user_id: int | None | Unset
    if isinstance(user_id, Unset):
        json_user_id = UNSET
    else:
        json_user_id = user_id
    params["user_id"] = json_user_id

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
        "url": "/api/v1/alerts",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AlertList | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = AlertList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AlertList | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: None | str | Unset = UNSET,
    team_id: int | None | Unset = UNSET,
    user_id: int | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[AlertList | ErrorResponse]:
    """ Alerts on the reps you manage, newest first

    Args:
        status (None | str | Unset):
        team_id (int | None | Unset):
        user_id (int | None | Unset):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertList | ErrorResponse]
     """


    kwargs = _get_kwargs(
        status=status,
team_id=team_id,
user_id=user_id,
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
    status: None | str | Unset = UNSET,
    team_id: int | None | Unset = UNSET,
    user_id: int | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> AlertList | ErrorResponse | None:
    """ Alerts on the reps you manage, newest first

    Args:
        status (None | str | Unset):
        team_id (int | None | Unset):
        user_id (int | None | Unset):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertList | ErrorResponse
     """


    return sync_detailed(
        client=client,
status=status,
team_id=team_id,
user_id=user_id,
before_id=before_id,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: None | str | Unset = UNSET,
    team_id: int | None | Unset = UNSET,
    user_id: int | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[AlertList | ErrorResponse]:
    """ Alerts on the reps you manage, newest first

    Args:
        status (None | str | Unset):
        team_id (int | None | Unset):
        user_id (int | None | Unset):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertList | ErrorResponse]
     """


    kwargs = _get_kwargs(
        status=status,
team_id=team_id,
user_id=user_id,
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
    status: None | str | Unset = UNSET,
    team_id: int | None | Unset = UNSET,
    user_id: int | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> AlertList | ErrorResponse | None:
    """ Alerts on the reps you manage, newest first

    Args:
        status (None | str | Unset):
        team_id (int | None | Unset):
        user_id (int | None | Unset):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertList | ErrorResponse
     """


    return (await asyncio_detailed(
        client=client,
status=status,
team_id=team_id,
user_id=user_id,
before_id=before_id,
limit=limit,

    )).parsed
