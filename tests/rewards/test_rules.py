"""Reward rules: the redemption state machine (every state left at most once), what a rep may
redeem, catalog bounds and the wallet arithmetic."""

from __future__ import annotations

import pytest

from server.core.errors import Conflict, DomainError
from server.rewards import rules as r

EXPECTED = {
    ("approve", "pending"): "approved", ("reject", "pending"): "rejected", ("cancel", "pending"): "cancelled",
    ("fulfil", "approved"): "fulfilled", ("refund", "approved"): "refunded", ("refund", "fulfilled"): "refunded",
}


@pytest.mark.parametrize("action", sorted(r.TRANSITIONS))
@pytest.mark.parametrize("state", r.STATES)
def test_every_action_from_every_state(action, state):
    if (action, state) in EXPECTED:
        assert r.check_transition(action, state) == EXPECTED[(action, state)]
    else:
        with pytest.raises(Conflict) as e:
            r.check_transition(action, state)
        assert e.value.code == "invalid_transition" and e.value.details == {"state": state, "action": action}


def test_terminal_states_and_refunds():
    reachable = {t for _, t in r.TRANSITIONS.values()}
    sources = set().union(*(s for s, _ in r.TRANSITIONS.values()))
    assert reachable - sources == {"rejected", "cancelled", "refunded"}  # nothing leaves them
    assert r.REFUNDING == {"reject", "cancel", "refund"}


def test_unknown_action():
    with pytest.raises(DomainError) as e:
        r.transition("undo")
    assert e.value.code == "invalid_action" and e.value.status_code == 400


def test_redeem_checks():
    r.check_redeem(active=True, stock=None, cost=100, balance=100)
    r.check_redeem(active=True, stock=1, cost=1, balance=5)
    cases = [(dict(active=False, stock=5, cost=1, balance=9), "reward_inactive"),
             (dict(active=True, stock=0, cost=1, balance=9), "out_of_stock"),
             (dict(active=True, stock=None, cost=101, balance=100), "insufficient_points"),
             (dict(active=True, stock=None, cost=1, balance=-20), "insufficient_points")]
    for kwargs, code in cases:
        with pytest.raises(Conflict) as e:
            r.check_redeem(**kwargs)
        assert e.value.code == code
    with pytest.raises(Conflict) as e:
        r.check_redeem(active=True, stock=None, cost=101, balance=100)
    assert e.value.details == {"balance": 100, "cost": 101}


def test_catalog_bounds():
    r.check_reward(1, None)
    r.check_reward(None, 0)
    r.check_reward(r.MAX_COST, r.MAX_STOCK)
    for cost, stock, code in ((0, None, "invalid_cost"), (r.MAX_COST + 1, None, "invalid_cost"),
                              (5, -1, "invalid_stock"), (5, r.MAX_STOCK + 1, "invalid_stock")):
        with pytest.raises(DomainError) as e:
            r.check_reward(cost, stock)
        assert e.value.code == code


def test_wallet_arithmetic():
    # earned 500; redeemed 100 (pending), 50 (approved), 30 (rejected: held then refunded)
    w = r.wallet(earned=500, wallet_net=-100 - 50 - 30 + 30, held=100)
    assert w == r.Wallet(balance=350, earned=500, held=100, spent=50)
    assert r.wallet(0, 0, 0) == r.Wallet(0, 0, 0, 0)
