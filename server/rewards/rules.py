"""Rules of the reward catalog, redemptions and the wallet. Pure functions, no I/O.

A redemption holds its points the moment it is requested (a negative `redemption` ledger
entry). An admin then approves it (the points stay spent) or rejects it (a `redemption_refund`
entry gives them back); an approved redemption is fulfilled once handed over. The requester
may cancel while it is pending (refunded too). An approved or fulfilled redemption may still be
refunded by an admin (the item returned, the order cancelled at the vendor): the points come back
through the ledger and the unit goes back to stock. Every state is left at most once.
"""

from __future__ import annotations

from dataclasses import dataclass

from server.core import text
from server.core.errors import Conflict, DomainError

PENDING, APPROVED, REJECTED, FULFILLED, CANCELLED, REFUNDED = (
    "pending", "approved", "rejected", "fulfilled", "cancelled", "refunded")
STATES = (PENDING, APPROVED, REJECTED, FULFILLED, CANCELLED, REFUNDED)
MAX_COST = 1_000_000_000
MAX_STOCK = 1_000_000_000

#: action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "approve": (frozenset({PENDING}), APPROVED),
    "reject": (frozenset({PENDING}), REJECTED),
    "cancel": (frozenset({PENDING}), CANCELLED),
    "fulfil": (frozenset({APPROVED}), FULFILLED),
    "refund": (frozenset({APPROVED, FULFILLED}), REFUNDED),
}
#: actions that give the held points back (and the unit back to stock)
REFUNDING = frozenset({"reject", "cancel", "refund"})


def transition(action: str) -> tuple[frozenset[str], str]:
    try:
        return TRANSITIONS[action]
    except KeyError:
        raise DomainError("invalid_action", f"unknown action '{action}'") from None


def check_transition(action: str, state: str) -> str:
    """The state `action` leads to from `state`, or a 409 when the redemption is elsewhere
    (approving twice, fulfilling a rejected request, ...)."""
    sources, target = transition(action)
    if state not in sources:
        raise Conflict("invalid_transition", f"the redemption is {state}; it cannot be {target} now",
                       details={"state": state, "action": action})
    return target


def check_reward(cost: int | None, stock: int | None) -> None:
    if cost is not None and not 1 <= cost <= MAX_COST:
        raise DomainError("invalid_cost", f"cost is 1 to {MAX_COST} points")
    if stock is not None and not 0 <= stock <= MAX_STOCK:
        raise DomainError("invalid_stock", f"stock is 0 to {MAX_STOCK}, or null for unlimited")


def check_redeem(*, active: bool, stock: int | None, cost: int, balance: int) -> None:
    """May a rep with `balance` spendable points redeem this reward now?"""
    if not active:
        raise Conflict("reward_inactive", "this reward is not available")
    if stock is not None and stock <= 0:
        raise Conflict("out_of_stock", "this reward is out of stock")
    if balance < cost:
        raise Conflict("insufficient_points", f"this reward costs {text.points(cost)} and you have {balance}",
                       details={"balance": balance, "cost": cost})


@dataclass(frozen=True, slots=True)
class Wallet:
    balance: int  # spendable: every ledger entry summed (holds and refunds included)
    earned: int  # entries that are not wallet movements (activities, bonuses, kudos, reversals)
    held: int  # points held by pending requests
    spent: int  # points of approved and fulfilled redemptions


def wallet(earned: int, wallet_net: int, held: int) -> Wallet:
    """`wallet_net` is the sum of the `redemption` and `redemption_refund` entries (<= 0)."""
    return Wallet(balance=earned + wallet_net, earned=earned, held=held, spent=-wallet_net - held)
