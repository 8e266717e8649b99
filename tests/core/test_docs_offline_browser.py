"""Swagger UI renders in headless Chromium with every request outside the API refused: its files
come from the app (clients/swagger-ui), not a CDN. Needs Debian's chromium, like the TV test."""

from __future__ import annotations

import asyncio
import os

import pytest
import uvicorn
from playwright.async_api import Route, async_playwright

from server.app import create_app
from tests.conftest import free_port

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}")


@pytest.fixture(scope="module")
async def base_url(rt):
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(rt=rt, background=False), host="127.0.0.1", port=port,
                                           log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


async def test_swagger_ui_renders_the_api_with_the_network_cut_off(base_url):
    elsewhere: list[str] = []

    async def only_the_api(route: Route) -> None:
        if route.request.url.startswith(base_url):
            await route.continue_()
        else:
            elsewhere.append(route.request.url)
            await route.abort()

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                           args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        page = await browser.new_page()
        await page.route("**/*", only_the_api)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        # the bundle (1.4 MB) renders 125 operations: seconds of CPU, a minute on a loaded machine
        await page.goto(f"{base_url}/schema/swagger", wait_until="commit", timeout=120_000)
        title = page.locator(".swagger-ui .info .title")
        await title.wait_for(timeout=120_000)
        assert (await title.inner_text()).startswith("RepRally API")
        login = page.locator("#operations-auth-login")
        await login.wait_for(timeout=30_000)
        assert "/api/v1/auth/login" in await login.inner_text()
        await browser.close()
    assert elsewhere == [] and errors == []
