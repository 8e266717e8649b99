"""No password, password hash, token, API key or email reaches a log line (issue 15, item 13):
database errors are logged without the statement's values, whatever failed and at any level."""

from __future__ import annotations

import logging

from sqlalchemy import select, text

from server.accounts.models import User
from server.features import registry
from tests.support.api import login


async def test_no_secret_reaches_a_log_line_even_when_a_statement_holding_them_fails(client, rt, caplog, installed):
    caplog.set_level(logging.DEBUG)  # every logger, every level
    admin_email, admin_password = "log-admin@example.com", "correct horse battery"
    r = await client.post("/api/v1/orgs", json={"name": "Logs", "timezone": "UTC", "admin": {
        "email": admin_email, "password": admin_password, "display_name": "Admin"}})
    assert r.status_code == 201, r.text
    created = r.json()
    admin = {"authorization": f"Bearer {created['access_token']}"}
    rep_email, rep_password = "log-rep@example.com", "another horse battery"
    rep = await client.post("/api/v1/users", headers=admin, json={"email": rep_email, "display_name": "Rep",
                                                                   "password": rep_password})
    assert rep.status_code == 201, rep.text
    assert (await login(client, admin_email, "wrong password")).status_code == 401
    signed_in = (await login(client, rep_email, rep_password)).json()
    refreshed = (await client.post("/api/v1/auth/refresh", json={"refresh_token": signed_in["refresh_token"]})).json()
    key = (await client.post("/api/v1/api-keys", headers=admin, json={"name": "CRM"})).json()["key"]
    r = await client.post("/api/v1/activities", headers={"x-api-key": key},
                          json={"type": "call", "user_id": rep.json()["id"]})
    assert r.status_code == 201, r.text
    async with rt.engine.connect() as conn:
        hashes = list((await conn.execute(select(User.password_hash).where(
            User.email.in_([admin_email, rep_email])))).scalars())

    async def leaky(rt_, conn, batch):
        """A statement that fails with an email and a password hash among its values."""
        await conn.execute(text("UPDATE users SET email = :email, password_hash = :hash WHERE id = :id"),
                           {"email": admin_email, "hash": hashes[0], "id": rep.json()["id"]})

    installed(registry().activity_hooks, leaky)
    failed = await client.post("/api/v1/activities", headers={"authorization": f"Bearer {refreshed['access_token']}"},
                               json={"type": "call"})
    assert failed.status_code == 500

    lines = "\n".join(logging.Formatter().format(record) for record in caplog.records)
    assert "unhandled error" in lines and "UPDATE users" in lines  # the failure is logged, with its statement
    secrets = [admin_email, rep_email, admin_password, rep_password, *hashes, key, created["access_token"],
               created["refresh_token"], signed_in["access_token"], signed_in["refresh_token"],
               refreshed["access_token"], refreshed["refresh_token"]]
    assert [s[:12] + "..." for s in secrets if s in lines] == []
