"""The OpenAPI document tells the truth (issue 15, item 19). Every response of the test suite is
validated against it (`tests/support/contract.py`); these tests pin the document's own shape and
show that the check fails on answers the document does not declare."""

from __future__ import annotations

import re

import httpx
import pytest
from openapi_spec_validator import validate

from server.app import clients_dir
from server.core.contract.openapi import API_KEY, BEARER, SWAGGER_ASSETS, document
from tests.conftest import new_org
from tests.support.api import assert_error
from tests.support.contract import ContractBroken, check, spec_of

PUBLIC = {("POST", "/api/v1/orgs"), ("POST", "/api/v1/auth/login"), ("POST", "/api/v1/auth/refresh"),
          ("POST", "/api/v1/displays/pair"), ("GET", "/healthz"), ("GET", "/readyz"),
          # CRM webhooks: the sender proves itself by the request's signature (or secret path), not a token
          ("POST", "/api/v1/hooks/{hook_id}"), ("POST", "/api/v1/hooks/{hook_id}/{path_secret}")}
METHODS = ("get", "post", "put", "patch", "delete")


def _operations(doc: dict):
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                yield method.upper(), path, item[method]


async def test_the_served_document_is_valid_openapi_and_the_truthful_one(app, client):
    served = (await client.get("/schema/openapi.json")).json()
    assert served == document(app)
    validate(served)
    swagger = await client.get("/schema/swagger")
    assert swagger.status_code == 200 and "ErrorResponse" in swagger.text and "X-API-Key" in swagger.text


def test_security_schemes_are_bearer_tokens_and_the_api_key_header(app):
    schemes = document(app)["components"]["securitySchemes"]
    assert schemes[BEARER] == {**schemes[BEARER], "type": "http", "scheme": "bearer"}
    assert schemes[API_KEY] == {**schemes[API_KEY], "type": "apiKey", "in": "header", "name": "X-API-Key"}


def test_each_operation_names_what_it_accepts(app):
    operations = list(_operations(document(app)))
    assert PUBLIC <= {(m, p) for m, p, _ in operations}
    for method, path, op in operations:
        expected = [] if (method, path) in PUBLIC else [{BEARER: []}, {API_KEY: []}]
        assert op["security"] == expected, (method, path)


def test_every_error_is_declared_with_the_real_error_body(app):
    doc = document(app)
    error = {"$ref": "#/components/schemas/ErrorResponse"}
    assert doc["components"]["schemas"]["ErrorResponse"]["required"] == ["error"]
    assert set(doc["components"]["schemas"]["ErrorBody"]["required"]) == {"code", "message"}
    for method, path, op in _operations(doc):
        statuses = {int(s) for s in op["responses"]}
        errors = {s for s in statuses if s >= 400}
        for s in errors - ({503} if path == "/readyz" else set()):
            assert op["responses"][str(s)]["content"]["application/json"]["schema"] == error, (method, path, s)
        if op.get("parameters") or "requestBody" in op:
            assert 400 in errors, (method, path)
        if "requestBody" in op:
            assert 413 in errors, (method, path)
        if (method, path) not in PUBLIC:
            assert {401, 403} <= errors, (method, path)
        if "{" in path:
            assert 404 in errors, (method, path)
        if 429 in errors:
            assert op["responses"]["429"]["headers"]["Retry-After"]["required"] is True
    ops = {(m, p): op for m, p, op in _operations(doc)}
    assert {"401", "429"} <= set(ops[("POST", "/api/v1/auth/login")]["responses"])
    assert "409" in ops[("POST", "/api/v1/orgs")]["responses"]
    assert "503" in ops[("GET", "/api/v1/leaderboards/{metric}")]["responses"]
    assert "429" in ops[("POST", "/api/v1/kudos")]["responses"]
    assert {"200", "201"} <= set(ops[("POST", "/api/v1/activities")]["responses"])


@pytest.mark.parametrize(("method", "path", "allow"), [
    ("PUT", "/api/v1/activities", {"POST", "OPTIONS"}),
    ("DELETE", "/api/v1/me", {"GET", "OPTIONS"}),
    ("POST", "/api/v1/leaderboards/points", {"GET", "OPTIONS"}),
])
async def test_405_answers_name_the_allowed_methods(client, method, path, allow):
    r = await client.request(method, path)
    assert_error(r, 405, "method_not_allowed")
    assert {m.strip() for m in r.headers["allow"].split(",")} == allow


def _answer(method: str, path: str, status: int, body, headers=None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers,
                          request=httpx.Request(method, f"http://test{path}"))


ERROR = {"error": {"code": "x", "message": "y", "details": None}}


@pytest.mark.parametrize(("answer", "why"), [
    (_answer("GET", "/api/v1/teams", 409, ERROR), "a status the operation does not declare"),
    (_answer("POST", "/api/v1/teams", 400, {"status_code": 400, "detail": "Bad Request"}), "the framework's body"),
    (_answer("POST", "/api/v1/teams", 400, {"error": {"message": "no code"}}), "an error without its code"),
    (_answer("GET", "/api/v1/teams", 200, {"teams": []}), "a body of another shape"),
    (_answer("GET", "/api/v1/teams/1", 200, {"id": 1, "name": "A", "region": None}), "a missing field"),
    (_answer("POST", "/api/v1/auth/login", 429, ERROR), "a 429 without Retry-After"),
    (_answer("PUT", "/api/v1/activities", 405, ERROR), "a 405 without Allow"),
    (_answer("GET", "/api/v1/not-documented", 200, {}), "an API path the document does not have"),
    (_answer("GET", "/api/v1/teams", 500, {"detail": "boom"}), "a 500 without the error body"),
])
def test_the_contract_check_refuses_what_the_document_does_not_declare(app, answer, why):
    with pytest.raises(ContractBroken):
        check(spec_of(app), answer)


async def test_the_contract_check_passes_real_answers(app, client):
    org = await new_org(client)
    spec = spec_of(app)
    for r in [await org.get("/teams"), await org.post("/teams", {"name": ""}), await client.get("/api/v1/me"),
              await org.get("/users/999999999"), await org.post("/activities", {"type": "call"}),
              await org.post("/activities", {"type": "call", "external_id": "x"}),
              await org.post("/activities", {"type": "call", "external_id": "x"})]:
        check(spec, r)


def test_every_operation_has_a_readable_unique_operation_id(app):
    ids = [op["operationId"] for _, _, op in _operations(document(app))]
    assert len(ids) == len(set(ids))
    for name in ids:  # camelCase verb + noun, as a generated client names its functions
        assert re.fullmatch(r"[a-z]+(?:[A-Z][a-z0-9]*)*", name) and not name.startswith("api"), name
    ops = {(m, p): op["operationId"] for m, p, op in _operations(document(app))}
    assert ops[("POST", "/api/v1/auth/login")] == "login"
    assert ops[("POST", "/api/v1/activities")] == "createActivity"
    assert ops[("GET", "/api/v1/leaderboards/{metric}")] == "getLeaderboard"
    assert ops[("GET", "/api/v1/leaderboards/{metric}/around/{user_id}")] == "getLeaderboardAround"
    assert ops[("PATCH", "/api/v1/users/{user_id}")] == "updateUser"
    assert ops[("DELETE", "/api/v1/api-keys/{key_id}")] == "revokeApiKey"
    assert ops[("GET", "/readyz")] == "getReadiness"


def test_windows_ranks_roles_and_states_are_enums(app):
    doc = document(app)
    schemas = doc["components"]["schemas"]
    board = {p["name"]: p["schema"] for p in doc["paths"]["/api/v1/leaderboards/{metric}"]["get"]["parameters"]}
    assert board["window"]["enum"] == ["day", "week", "month", "quarter", "all"]
    assert board["rank_by"]["enum"] == ["score", "attainment", "improvement"]
    assert schemas["BoardOut"]["properties"]["window"]["enum"] == ["day", "week", "month", "quarter", "all"]
    assert schemas["BoardOut"]["properties"]["rank_by"]["enum"] == ["score", "attainment", "improvement"]
    assert schemas["UserOut"]["properties"]["role"]["enum"] == ["rep", "manager", "admin"]
    users = {p["name"]: p["schema"] for p in doc["paths"]["/api/v1/users"]["get"]["parameters"]}
    assert users["role"]["oneOf"][0]["enum"] == ["rep", "manager", "admin"]
    contest_states = ["draft", "scheduled", "live", "ended", "awarded", "cancelled"]
    assert schemas["StandingsOut"]["properties"]["state"]["enum"] == contest_states
    assert schemas["ResultsOut"]["properties"]["state"]["enum"] == contest_states
    assert schemas["ContestOut"]["properties"]["state"]["enum"] == contest_states
    assert schemas["RedemptionOut"]["properties"]["state"]["enum"] == [
        "pending", "approved", "rejected", "fulfilled", "cancelled", "refunded"]


async def test_an_unknown_window_is_still_the_services_clear_400(org):
    assert_error(await org.get("/leaderboards/points", window="year"), 400, "invalid_window")
    assert_error(await org.get("/leaderboards/points", window="month", rank_by="luck"), 400, "invalid_rank_by")


async def test_swagger_ui_loads_only_from_this_origin(client):
    page = await client.get("/schema/swagger")
    assert page.status_code == 200
    assets = re.findall(r"(?:src|href)=[\"']([^\"']+)", page.text)
    assert sorted(assets) == sorted(f"{SWAGGER_ASSETS}/{name}" for name in (
        "favicon-32x32.png", "swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"))
    assert not re.search(r"https?://", page.text)
    policy = page.headers["content-security-policy"]
    assert "http" not in policy and "script-src 'self' 'unsafe-inline'" in policy
    vendored = clients_dir() / "swagger-ui"
    for url in assets:
        served = await client.get(url)
        assert served.status_code == 200 and served.content == (vendored / url.rsplit("/", 1)[1]).read_bytes(), url
    assert "5.18.2" in (vendored / "README.md").read_text() and (vendored / "LICENSE").is_file()


async def test_the_root_leads_to_the_web_admin(client):
    r = await client.get("/", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "admin/"
    landed = await client.get("/", follow_redirects=True)
    assert landed.status_code == 200 and landed.url.path == "/admin/login"


def test_schema_names_are_unique_without_their_module(app):
    """Two features' structs of one name become `<module>_ContestOut`: generated clients drop the prefix
    and then lose one of them."""
    assert [name for name in document(app)["components"]["schemas"] if "_schemas_" in name] == []
