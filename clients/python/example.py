"""Log in, log an activity, read a board, handle a typed error: `python example.py URL EMAIL PASSWORD`."""

import sys

from reprally_client import AuthenticatedClient, Client
from reprally_client.api.activities import create_activity
from reprally_client.api.auth import login
from reprally_client.api.leaderboards import get_leaderboard
from reprally_client.models import ActivityIn, BoardOut, ErrorResponse, LoginIn, TokensOut


def tour(base_url: str, email: str, password: str) -> tuple[BoardOut, ErrorResponse]:
    tokens = login.sync(client=Client(base_url), body=LoginIn(email=email, password=password))
    assert isinstance(tokens, TokensOut), tokens
    api = AuthenticatedClient(base_url, token=tokens.access_token)
    create_activity.sync(client=api, body=ActivityIn(type_="call", external_id="crm-call-1"))
    board = get_leaderboard.sync("points", client=api, window="week")
    refused = create_activity.sync(client=api, body=ActivityIn(type_="teleport"))
    assert isinstance(board, BoardOut) and isinstance(refused, ErrorResponse)
    return board, refused  # refused.error.code == "unknown_activity_type"


if __name__ == "__main__":
    board, refused = tour(*sys.argv[1:4])
    print([(e.display_name, e.score) for e in board.entries], refused.error.code, refused.error.message)
