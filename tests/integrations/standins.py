"""Loopback stand-ins of the CRMs' APIs: real HTTP servers on 127.0.0.1 that keep objects, answer
as the vendors document (HubSpot CRM v3: batch read, owners, search; Salesforce REST: SOQL
query), check the bearer token, record every request, and fail on cue (429 with Retry-After,
5xx) so the connector's back-off is tested for real.

    hs = HubSpotStandIn(token="tok").start()      # hs.url -> the integration's api_base
    hs.deal("101", owner="9", dealstage="appointmentscheduled", amount="500")
    hs.fail(429, times=1, retry_after=2)
"""

from __future__ import annotations

import json
import re
import threading
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlparse
from xml.sax.saxutils import escape

from tests.support.loopback import Loopback


def ms(at: datetime) -> str:
    return str(round(at.timestamp() * 1000))


def hs_time(at: datetime) -> str:
    """HubSpot's datetime property format."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


@dataclass(slots=True)
class Seen:
    method: str
    path: str
    body: Any
    status: int


class StandIn:
    """The HTTP plumbing: routes to `answer(method, path, query, body)`, a scripted failure queue."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.requests: list[Seen] = []
        self._failures: deque[tuple[int, int | None]] = deque()
        self._lock = threading.RLock()
        self._server: Loopback | None = None
        self.url = ""

    def start(self) -> StandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                body = json.loads(raw) if raw else None
                url = urlparse(self.path)
                status, payload, headers = standin._dispatch(self.command, url.path, parse_qs(url.query), body,
                                                             self.headers.get("authorization", ""))
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _serve  # noqa: N815 - http.server's naming

            def log_message(self, *args: Any) -> None:
                pass

        self._server = Loopback(Handler)
        self.url = self._server.url
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()

    def fail(self, status: int, *, times: int = 1, retry_after: int | None = None) -> None:
        """The next `times` requests answer `status` (with Retry-After when given)."""
        with self._lock:
            self._failures.extend([(status, retry_after)] * times)

    def calls(self, fragment: str) -> list[Seen]:
        with self._lock:
            return [r for r in self.requests if fragment in r.path]

    def _dispatch(self, method: str, path: str, query: dict[str, list[str]], body: Any,
                  authorization: str) -> tuple[int, Any, dict[str, str]]:
        with self._lock:
            headers: dict[str, str] = {}
            if authorization != f"Bearer {self.token}":
                status, payload = 401, {"status": "error", "message": "Authentication credentials not found."}
            elif self._failures:
                status, after = self._failures.popleft()
                payload = {"status": "error", "message": "Try again later", "category": "RATE_LIMITS"}
                if after is not None:
                    headers["retry-after"] = str(after)
            else:
                status, payload = self.answer(method, path, query, body)
            self.requests.append(Seen(method, path, body, status))
            return status, payload, headers

    def answer(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any]:
        raise NotImplementedError


class HubSpotStandIn(StandIn):
    """HubSpot's CRM v3 objects (deals, meetings, calls, emails) and owners."""

    PATHS = {"deals", "meetings", "calls", "emails"}

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.objects: dict[str, dict[str, dict[str, Any]]] = {p: {} for p in self.PATHS}
        self.owners: dict[str, str] = {}

    def put(self, path: str, object_id: str, *, modified: datetime | None = None, archived: bool = False,
            **properties: Any) -> dict[str, Any]:
        """Create or change an object (its hs_lastmodifieddate moves to `modified`, default now)."""
        at = modified or datetime.now(UTC)
        with self._lock:
            obj = self.objects[path].setdefault(object_id, {
                "id": object_id, "properties": {"createdate": hs_time(at), "hs_createdate": hs_time(at)},
                "createdAt": hs_time(at), "archived": False})
            obj["properties"].update({k: (None if v is None else str(v)) for k, v in properties.items()})
            obj["properties"]["hs_lastmodifieddate"] = hs_time(at)
            obj["updatedAt"] = hs_time(at)
            obj["archived"] = archived
            return json.loads(json.dumps(obj))

    def deal(self, deal_id: str, **properties: Any) -> dict[str, Any]:
        return self.put("deals", deal_id, **properties)

    def remove(self, path: str, object_id: str) -> None:
        with self._lock:
            self.objects[path].pop(object_id, None)

    def _view(self, obj: dict[str, Any], properties: list[str]) -> dict[str, Any]:
        props = {k: obj["properties"].get(k) for k in properties} if properties else dict(obj["properties"])
        props["hs_object_id"] = obj["id"]
        return {**obj, "properties": props}

    def answer(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any]:
        parts = path.strip("/").split("/")
        if parts[:3] == ["crm", "v3", "owners"] and len(parts) == 3:
            ids = sorted(self.owners)
            start, limit = int((query.get("after") or ["0"])[0]), int((query.get("limit") or ["100"])[0])
            page = ids[start:start + limit]
            answer = {"results": [{"id": i, "email": self.owners[i], "archived": False} for i in page]}
            if start + limit < len(ids):
                answer["paging"] = {"next": {"after": str(start + limit)}}
            return 200, answer
        if parts[:3] == ["crm", "v3", "owners"] and len(parts) == 4:
            email = self.owners.get(parts[3])
            if email is None:
                return 404, {"status": "error", "message": "Owner not found", "category": "OBJECT_NOT_FOUND"}
            return 200, {"id": parts[3], "email": email, "firstName": "Rep", "lastName": parts[3], "archived": False,
                         "userId": int(parts[3]) + 1000}
        if parts[:3] != ["crm", "v3", "objects"] or len(parts) < 4 or parts[3] not in self.PATHS:
            return 404, {"status": "error", "message": f"no route {path}"}
        store = self.objects[parts[3]]
        if len(parts) == 6 and parts[4:] == ["batch", "read"] and method == "POST":
            props = body.get("properties", [])
            results = [self._view(store[i["id"]], props) for i in body["inputs"] if i["id"] in store]
            missing = [i["id"] for i in body["inputs"] if i["id"] not in store]
            answer: dict[str, Any] = {"status": "COMPLETE", "results": results}
            if missing:
                answer["errors"] = [{"status": "error", "category": "OBJECT_NOT_FOUND", "context": {"ids": missing}}]
                answer["numErrors"] = 1
            return (207 if missing else 200), answer
        if len(parts) == 5 and parts[4] == "search" and method == "POST":
            since = int(body["filterGroups"][0]["filters"][0]["value"])
            found = sorted((o for o in store.values() if _ms_of(o) >= since), key=lambda o: (_ms_of(o), o["id"]))
            start = int(body.get("after") or 0)
            page = found[start:start + int(body.get("limit", 10))]
            nxt = start + len(page)
            answer = {"total": len(found), "results": [self._view(o, body.get("properties", [])) for o in page]}
            if nxt < len(found):
                answer["paging"] = {"next": {"after": str(nxt)}}
            return 200, answer
        if len(parts) == 5 and method == "GET":
            obj = store.get(parts[4])
            if obj is None:
                return 404, {"status": "error", "category": "OBJECT_NOT_FOUND"}
            return 200, self._view(obj, (query.get("properties") or [""])[0].split(",") if query.get("properties") else [])
        return 404, {"status": "error", "message": f"no route {path}"}


def _ms_of(obj: dict[str, Any]) -> int:
    at = datetime.fromisoformat(obj["properties"]["hs_lastmodifieddate"].replace("Z", "+00:00"))
    return round(at.timestamp() * 1000)


class SalesforceStandIn(StandIn):
    """A Salesforce org's REST query endpoint (`/services/data/v60.0/query` and `queryAll`), for
    the SOQL the connector sends: users' emails by id, and records modified since a time."""

    def __init__(self, token: str) -> None:
        super().__init__(token)
        self.users: dict[str, str] = {}
        self.records: dict[str, dict[str, dict[str, Any]]] = {"Opportunity": {}, "Event": {}, "Task": {}}

    def put(self, sobject: str, record_id: str, *, modified: datetime | None = None, **fields: Any) -> dict[str, Any]:
        at = modified or datetime.now(UTC)
        with self._lock:
            rec = self.records[sobject].setdefault(record_id, {"Id": record_id, "IsDeleted": False,
                                                               "CreatedDate": sf_time(at)})
            rec.update(fields)
            rec["SystemModstamp"] = rec["LastModifiedDate"] = sf_time(at)
            return dict(rec)

    def answer(self, method: str, path: str, query: dict[str, list[str]], body: Any) -> tuple[int, Any]:
        if not path.startswith("/services/data/v60.0/query"):
            return 404, [{"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}]
        soql = query["q"][0]
        all_rows = path.endswith("queryAll")
        ids = re.search(r"FROM User WHERE Id IN \((.*)\)", soql)
        if ids:
            wanted = [x.strip().strip("'") for x in ids.group(1).split(",")]
            rows = [{"attributes": {"type": "User"}, "Id": u, "Email": self.users[u]} for u in wanted
                    if u in self.users]
            return 200, {"totalSize": len(rows), "done": True, "records": rows}
        found = re.match(r"SELECT (.*) FROM (\w+) WHERE SystemModstamp >= (\S+) ORDER BY SystemModstamp ASC "
                         r"LIMIT (\d+)$", soql)
        if found is None:
            return 400, [{"errorCode": "MALFORMED_QUERY", "message": soql}]
        fields = [f.strip() for f in found.group(1).split(",")]
        since = datetime.fromisoformat(found.group(3).replace("Z", "+00:00"))
        with self._lock:
            rows = sorted((r for r in self.records[found.group(2)].values()
                           if _sf(r["SystemModstamp"]) >= since and (all_rows or not r["IsDeleted"])),
                          key=lambda r: r["SystemModstamp"])[:int(found.group(4))]
            out = [{"attributes": {"type": found.group(2)}, **{f: r.get(f) for f in fields}} for r in rows]
        return 200, {"totalSize": len(out), "done": True, "records": out}


def sf_time(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


def _sf(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def outbound_message(org_id: str, notifications: list[tuple[str, str, dict[str, Any]]]) -> bytes:
    """A SOAP Outbound Message as Salesforce sends it: (notification id, sObject type, fields)."""
    parts = []
    for nid, sobject, fields in notifications:
        cells = "".join(f'<sf:{k} xsi:nil="true"/>' if v is None else f"<sf:{k}>{escape(str(v))}</sf:{k}>"
                        for k, v in fields.items())
        parts.append(f'<Notification><Id>{nid}</Id><sObject xsi:type="sf:{sobject}" '
                     f'xmlns:sf="urn:sobject.enterprise.soap.sforce.com">{cells}</sObject></Notification>')
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
            'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            '<soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound">'
            f'<OrganizationId>{org_id}</OrganizationId><ActionId>04k000000000001AAA</ActionId>'
            '<SessionId xsi:nil="true"/>'
            '<EnterpriseUrl>https://example.my.salesforce.com/services/Soap/c/60.0/00D</EnterpriseUrl>'
            '<PartnerUrl>https://example.my.salesforce.com/services/Soap/u/60.0/00D</PartnerUrl>'
            f'{"".join(parts)}</notifications></soapenv:Body></soapenv:Envelope>').encode()
