from tests.conftest import new_org


async def test_log_and_board(client):
    admin = await new_org(client)
    rep = await admin.user()
    out = await rep.log("call", quantity=2)
    assert out["points_awarded"] == 4
    board = await admin.board(window="day")
    assert [(e["user_id"], e["score"], e["rank"]) for e in board["entries"]] == [(rep.user_id, 4, 1)]
