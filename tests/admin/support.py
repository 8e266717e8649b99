"""Helpers of the admin tests: sign in over HTTP with the form (and its CSRF token), read pages."""

from __future__ import annotations

import re

import httpx

from tests.conftest import PASSWORD

_CSRF = re.compile(r'name="_csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1)


async def sign_in(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    page = await client.get("/admin/login")
    assert page.status_code == 200, page.text
    return await client.post(
        "/admin/login",
        data={"email": email, "password": password, "_csrf": csrf_of(page.text), "next": "/admin/"},
    )


async def post_form(
    client: httpx.AsyncClient, page_path: str, action: str, data: dict[str, str]
) -> httpx.Response:
    """Open `page_path`, take its CSRF token, post `data` to `action` (as a browser would)."""
    page = await client.get(page_path)
    assert page.status_code == 200, f"{page_path} -> {page.status_code}"
    return await client.post(action, data={"_csrf": csrf_of(page.text), **data})
