"""The pure rules: which rows each mode lets a viewer see, and which mode applies."""

from __future__ import annotations

import pytest

from server.core.errors import DomainError
from server.privacy import rules
from server.privacy.rules import Mode, OrgPrivacy, Row, Viewer

BOARD = [Row(u, r, s) for u, r, s in [(1, 1, 70), (2, 2, 60), (3, 3, 50), (4, 4, 40), (5, 5, 30), (6, 5, 30),
                                      (7, 7, 10)]]
ME = Viewer("rep", user_id=4, team_id=1)
TV = Viewer("display", display_id=9)


def ids(rows):
    return [(r.user_id, r.rank, r.score, r.tier) for r in rows]


def test_full_and_top_n():
    assert rules.visible(Mode("full"), BOARD, 7, ME) == BOARD
    assert ids(rules.visible(Mode("top_n", 2), BOARD, 7, ME)) == [(1, 1, 70, None), (2, 2, 60, None),
                                                                  (4, 4, 40, None)]
    assert ids(rules.visible(Mode("top_n", 4), BOARD, 7, ME)) == [(1, 1, 70, None), (2, 2, 60, None),
                                                                  (3, 3, 50, None), (4, 4, 40, None)]


def test_near_peers_shows_n_on_each_side_only():
    assert ids(rules.visible(Mode("near_peers", 1), BOARD, 7, ME)) == [(3, 3, 50, None), (4, 4, 40, None),
                                                                       (5, 5, 30, None)]
    first = Viewer("rep", user_id=1)
    assert [r.user_id for r in rules.visible(Mode("near_peers", 2), BOARD, 7, first)] == [1, 2, 3]
    # a rep with no score yet ranks after everyone: the last n rows, then themselves
    new = Row(8, 8, 0)
    assert [r.user_id for r in rules.visible(Mode("near_peers", 2), BOARD, 7, Viewer("rep", user_id=8), new)] == \
        [6, 7, 8]


def test_tiers_hide_every_rank_and_the_scores_of_others():
    shown = rules.visible(Mode("tiers"), BOARD, 7, ME)
    # gold: rank <= ceil(7 * 0.2) = 2; silver: rank <= ceil(7 * 0.5) = 4; ordered by band, then user id
    assert ids(shown) == [(1, None, None, "gold"), (2, None, None, "gold"), (3, None, None, "silver"),
                          (4, None, 40, "silver"), (5, None, None, "bronze"), (6, None, None, "bronze"),
                          (7, None, None, "bronze")]


def test_value_only_is_the_viewers_own_score():
    assert ids(rules.visible(Mode("value_only"), BOARD, 7, ME)) == [(4, None, 40, None)]
    assert rules.visible(Mode("value_only"), BOARD, 7, Viewer("rep", user_id=99)) == []


def test_displays_drop_hidden_reps_and_have_no_row_of_their_own():
    hidden = frozenset({2})
    assert [r.user_id for r in rules.visible(Mode("full"), BOARD, 7, TV, hidden=hidden)] == [1, 3, 4, 5, 6, 7]
    assert [r.user_id for r in rules.visible(Mode("top_n", 3), BOARD, 7, TV, hidden=hidden)] == [1, 3]
    assert [r.user_id for r in rules.visible(Mode("near_peers", 2), BOARD, 7, TV, hidden=hidden)] == [1]
    assert rules.visible(Mode("value_only"), BOARD, 7, TV) == []


def test_the_most_specific_setting_wins():
    cfg = OrgPrivacy(org=Mode("tiers"), teams={1: Mode("top_n", 3)}, metrics={"call": Mode("value_only")},
                     displays={9: Mode("top_n", 5)})
    assert rules.mode_for(cfg, ME, "points") == Mode("top_n", 3)
    assert rules.mode_for(cfg, ME, "call") == Mode("value_only")
    assert rules.mode_for(cfg, Viewer("rep", user_id=5, team_id=2), "points") == Mode("tiers")
    assert rules.mode_for(cfg, TV, "call") == Mode("top_n", 5)
    assert rules.mode_for(cfg, Viewer("display", display_id=8), "points") == Mode("tiers")
    for role in ("manager", "admin"):
        assert rules.mode_for(cfg, Viewer(role, user_id=1, team_id=1), "call") == rules.FULL_MODE


def test_modes_are_checked():
    assert rules.make_mode("top_n", None) == Mode("top_n", 10)
    assert rules.make_mode("tiers", 7) == Mode("tiers", 0)
    with pytest.raises(DomainError) as bad:
        rules.make_mode("secret", None)
    assert bad.value.code == "invalid_privacy_mode"
    with pytest.raises(DomainError) as big:
        rules.make_mode("near_peers", rules.MAX_N + 1)
    assert big.value.code == "invalid_privacy_n"


def test_only_some_modes_may_tell_ranks_and_passes():
    assert [m for m in rules.MODES if rules.may_tell_rank(Mode(m, 1))] == ["full", "top_n", "near_peers"]
    assert [m for m in rules.MODES if rules.may_tell_passes(Mode(m, 1))] == ["full", "near_peers"]
