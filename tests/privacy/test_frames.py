"""The game server's per-viewer frames (realtime/private.py), without sockets."""

from __future__ import annotations

import json

from realtime import private
from server.privacy import rules

ENTRIES = [{"rank": i + 1, "user_id": 100 + i, "display_name": f"R{i}", "team_id": 1, "score": 70 - 10 * i}
           for i in range(7)]


def test_a_compact_delta_keeps_names_and_a_period_empties_the_view():
    seen = private.Seen(entries=[dict(e) for e in ENTRIES], epoch="e1", offset=4)
    private.apply(seen, {"type": "delta", "entries": [{"rank": 1, "user_id": 106, "score": 75}], "removed": [],
                         "epoch": "e1", "offset": 5})
    assert [(e["user_id"], e["rank"], e["score"], e["display_name"]) for e in seen.entries[:2]] == [
        (100, 1, 70, "R0"), (106, 1, 75, "R6")]
    assert seen.offset == 5
    private.apply(seen, {"type": "period", "period": {"id": "next"}, "epoch": "e1", "offset": 6})
    assert (seen.entries, seen.period) == ([], {"id": "next"})


def test_the_shared_bands_are_what_each_rep_would_get_alone():
    b = private.board(ENTRIES)
    for uid in range(100, 107):
        p = private.Private(rules.Viewer("rep", uid), rules.Mode("tiers"), frozenset())
        shared = private.visible(p, b)
        assert list(shared.items()) == list(private._rows(p, b).items())
        assert [r["score"] for r in shared.values()] == [70 - 10 * (uid - 100) if r["user_id"] == uid else None
                                                         for r in shared.values()]


def test_a_delta_carries_only_what_the_viewer_sees_change():
    seen = private.Seen(entries=[dict(e) for e in ENTRIES], epoch="e1", offset=4)
    p = private.Private(rules.Viewer("rep", 103), rules.Mode("near_peers", 1), frozenset())
    p.shown = private.visible(p, private.board(seen.entries))
    private.apply(seen, {"type": "delta", "entries": [{"rank": 1, "user_id": 100, "score": 99}], "removed": [],
                         "epoch": "e1", "offset": 5})
    assert private.delta(p, "lb:points:week:org", seen, private.board(seen.entries)) is None
    private.apply(seen, {"type": "delta", "entries": [{"rank": 4, "user_id": 104, "score": 45},
                                                      {"rank": 5, "user_id": 103, "score": 40}],
                         "removed": [], "epoch": "e1", "offset": 6})
    frame = json.loads(private.delta(p, "lb:points:week:org", seen, private.board(seen.entries)) or b"{}")
    assert frame == {"type": "delta", "channel": "lb:points:week:org", "epoch": "e1", "offset": 6, "removed": [102],
                     "entries": [{"rank": 4, "user_id": 104, "display_name": "R4", "team_id": 1, "score": 45},
                                 {"rank": 5, "user_id": 103, "display_name": "R3", "team_id": 1, "score": 40},
                                 {"rank": 6, "user_id": 105, "display_name": "R5", "team_id": 1, "score": 20}]}
