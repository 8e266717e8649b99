from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.assignments_out import AssignmentsOut
from ...models.error_response import ErrorResponse
from typing import cast



def _get_kwargs(
    experiment_id: int,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/experiments/{experiment_id}/assignments".format(experiment_id=quote(str(experiment_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AssignmentsOut | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = AssignmentsOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AssignmentsOut | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    experiment_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[AssignmentsOut | ErrorResponse]:
    """ Which arm each rep is in, and why (admins)

    Args:
        experiment_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssignmentsOut | ErrorResponse]
     """


    kwargs = _get_kwargs(
        experiment_id=experiment_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    experiment_id: int,
    *,
    client: AuthenticatedClient,

) -> AssignmentsOut | ErrorResponse | None:
    """ Which arm each rep is in, and why (admins)

    Args:
        experiment_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssignmentsOut | ErrorResponse
     """


    return sync_detailed(
        experiment_id=experiment_id,
client=client,

    ).parsed

async def asyncio_detailed(
    experiment_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[AssignmentsOut | ErrorResponse]:
    """ Which arm each rep is in, and why (admins)

    Args:
        experiment_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AssignmentsOut | ErrorResponse]
     """


    kwargs = _get_kwargs(
        experiment_id=experiment_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    experiment_id: int,
    *,
    client: AuthenticatedClient,

) -> AssignmentsOut | ErrorResponse | None:
    """ Which arm each rep is in, and why (admins)

    Args:
        experiment_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AssignmentsOut | ErrorResponse
     """


    return (await asyncio_detailed(
        experiment_id=experiment_id,
client=client,

    )).parsed
