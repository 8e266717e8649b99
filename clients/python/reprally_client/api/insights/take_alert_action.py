from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.action_in import ActionIn
from ...models.action_result_out import ActionResultOut
from ...models.error_response import ErrorResponse
from typing import cast



def _get_kwargs(
    alert_id: int,
    *,
    body: ActionIn,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/alerts/{alert_id}/actions".format(alert_id=quote(str(alert_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ActionResultOut | ErrorResponse | None:
    if response.status_code == 201:
        response_201 = ActionResultOut.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ActionResultOut | ErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    alert_id: int,
    *,
    client: AuthenticatedClient,
    body: ActionIn,

) -> Response[ActionResultOut | ErrorResponse]:
    """ Respond in one click: micro_contest, easier_missions, recognize or check_in

    Args:
        alert_id (int):
        body (ActionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResultOut | ErrorResponse]
     """


    kwargs = _get_kwargs(
        alert_id=alert_id,
body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    alert_id: int,
    *,
    client: AuthenticatedClient,
    body: ActionIn,

) -> ActionResultOut | ErrorResponse | None:
    """ Respond in one click: micro_contest, easier_missions, recognize or check_in

    Args:
        alert_id (int):
        body (ActionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResultOut | ErrorResponse
     """


    return sync_detailed(
        alert_id=alert_id,
client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    alert_id: int,
    *,
    client: AuthenticatedClient,
    body: ActionIn,

) -> Response[ActionResultOut | ErrorResponse]:
    """ Respond in one click: micro_contest, easier_missions, recognize or check_in

    Args:
        alert_id (int):
        body (ActionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActionResultOut | ErrorResponse]
     """


    kwargs = _get_kwargs(
        alert_id=alert_id,
body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    alert_id: int,
    *,
    client: AuthenticatedClient,
    body: ActionIn,

) -> ActionResultOut | ErrorResponse | None:
    """ Respond in one click: micro_contest, easier_missions, recognize or check_in

    Args:
        alert_id (int):
        body (ActionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActionResultOut | ErrorResponse
     """


    return (await asyncio_detailed(
        alert_id=alert_id,
client=client,
body=body,

    )).parsed
