from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.error_response import ErrorResponse
from ...models.list_my_redemptions_state_type_1 import check_list_my_redemptions_state_type_1
from ...models.list_my_redemptions_state_type_1 import ListMyRedemptionsStateType1
from ...models.list_my_redemptions_state_type_2_type_1 import check_list_my_redemptions_state_type_2_type_1
from ...models.list_my_redemptions_state_type_2_type_1 import ListMyRedemptionsStateType2Type1
from ...models.list_my_redemptions_state_type_3_type_1 import check_list_my_redemptions_state_type_3_type_1
from ...models.list_my_redemptions_state_type_3_type_1 import ListMyRedemptionsStateType3Type1
from ...models.redemption_list import RedemptionList
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    state: ListMyRedemptionsStateType1 | ListMyRedemptionsStateType2Type1 | ListMyRedemptionsStateType3Type1 | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, str):
        json_state = state
    elif isinstance(state, str):
        json_state = state
    elif isinstance(state, str):
        json_state = state
    else:
        json_state = state
    params["state"] = json_state

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
        "url": "/api/v1/me/redemptions",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorResponse | RedemptionList | None:
    if response.status_code == 200:
        response_200 = RedemptionList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorResponse | RedemptionList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    state: ListMyRedemptionsStateType1 | ListMyRedemptionsStateType2Type1 | ListMyRedemptionsStateType3Type1 | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[ErrorResponse | RedemptionList]:
    """ My redemption requests, newest first

    Args:
        state (ListMyRedemptionsStateType1 | ListMyRedemptionsStateType2Type1 |
            ListMyRedemptionsStateType3Type1 | None | Unset):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RedemptionList]
     """


    kwargs = _get_kwargs(
        state=state,
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
    state: ListMyRedemptionsStateType1 | ListMyRedemptionsStateType2Type1 | ListMyRedemptionsStateType3Type1 | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> ErrorResponse | RedemptionList | None:
    """ My redemption requests, newest first

    Args:
        state (ListMyRedemptionsStateType1 | ListMyRedemptionsStateType2Type1 |
            ListMyRedemptionsStateType3Type1 | None | Unset):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RedemptionList
     """


    return sync_detailed(
        client=client,
state=state,
before_id=before_id,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: ListMyRedemptionsStateType1 | ListMyRedemptionsStateType2Type1 | ListMyRedemptionsStateType3Type1 | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> Response[ErrorResponse | RedemptionList]:
    """ My redemption requests, newest first

    Args:
        state (ListMyRedemptionsStateType1 | ListMyRedemptionsStateType2Type1 |
            ListMyRedemptionsStateType3Type1 | None | Unset):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | RedemptionList]
     """


    kwargs = _get_kwargs(
        state=state,
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
    state: ListMyRedemptionsStateType1 | ListMyRedemptionsStateType2Type1 | ListMyRedemptionsStateType3Type1 | None | Unset = UNSET,
    before_id: int | None | Unset = UNSET,
    limit: int | Unset = 50,

) -> ErrorResponse | RedemptionList | None:
    """ My redemption requests, newest first

    Args:
        state (ListMyRedemptionsStateType1 | ListMyRedemptionsStateType2Type1 |
            ListMyRedemptionsStateType3Type1 | None | Unset):
        before_id (int | None | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | RedemptionList
     """


    return (await asyncio_detailed(
        client=client,
state=state,
before_id=before_id,
limit=limit,

    )).parsed
