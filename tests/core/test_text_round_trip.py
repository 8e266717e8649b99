"""Text a client sends comes back exactly as sent, whatever it holds; text PostgreSQL cannot store
(NUL) is refused with a 400, never a 500 (an activity's external id on every backend, so one such
item of a batch fails alone; display text refuses every control character, `tests/core/test_input_limits.py`)."""

from __future__ import annotations

from tests.support.api import assert_error
from tests.support.boards import add_rep, fresh_org

ODD = ['quote " and \' apostrophe', "back\\slash \\n not a newline", "new\nline\ttab", "emoji 🏆 Ünïcödé 名前",
       "{\"json\": [1, 2]}", "comma, separated, {braces}"]


async def test_external_ids_and_names_round_trip_exactly(client):
    admin = await fresh_org(client)
    rep = await add_rep(admin, display_name=ODD[3])
    for i, text in enumerate(ODD):
        out = await admin.ok("post", "/activities", {"type": "call", "user_id": rep, "external_id": f"{text} #{i}"},
                             status=201)
        assert out["external_id"] == f"{text} #{i}"
        again = await admin.ok("post", "/activities", {"type": "call", "user_id": rep, "external_id": f"{text} #{i}"},
                               status=200)
        assert again["id"] == out["id"]
    batch = await admin.ok("post", "/activities/batch", {"activities": [
        {"type": "email", "user_id": rep, "external_id": f"b {text}"} for text in ODD]})
    assert [r["activity"]["external_id"] for r in batch["results"]] == [f"b {text}" for text in ODD]
    board = await admin.board("points")
    assert next(e for e in board["entries"] if e["user_id"] == rep)["display_name"] == ODD[3]


async def test_nul_characters_are_refused(client):
    admin = await fresh_org(client)
    rep = await add_rep(admin)
    assert_error(await admin.post("/activities", {"type": "call", "user_id": rep, "external_id": "a\u0000b"}),
                 400, "invalid_external_id")
    out = await admin.ok("post", "/activities/batch", {"activities": [
        {"type": "call", "user_id": rep, "external_id": "ok-1"},
        {"type": "call", "user_id": rep, "external_id": "bad\u0000"}]})
    assert [r["status"] for r in out["results"]] == [201, 400]
    assert out["results"][1]["error"]["code"] == "invalid_external_id"


async def test_nul_in_display_text_is_a_400_on_every_backend(client):
    admin = await fresh_org(client)
    assert_error(await admin.post("/teams", {"name": "Team \u0000 A"}), 400, "invalid_text")
