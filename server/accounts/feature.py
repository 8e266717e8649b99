"""Accounts: orgs, teams, users, sign-in and org API keys."""

from __future__ import annotations

from server.accounts import api_keys, auth_state, sessions
from server.accounts.api import OrgController, PublicController, SessionController
from server.core.feature import Feature
from server.core.runtime import Registry


def install(reg: Registry) -> None:
    reg.token_resolvers["access"] = auth_state.principal_for
    reg.token_resolvers["api_key"] = api_keys.principal_for
    reg.job("accounts_prune_sessions", 3600, sessions.prune)


FEATURE = Feature("accounts", routes=(PublicController, SessionController, OrgController), install=install)
