"""docs/realtime-asyncapi.yaml describes the protocol the code speaks: every kind of frame the game
server and the features' publishers build (found in the source, not listed by hand), every client
frame of realtime/protocol.py with its fields, and the TypeScript client (clients/typescript) types
each server frame."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any, get_args

import msgspec
import yaml

from realtime import protocol

ROOT = Path(__file__).resolve().parents[2]
DOC = yaml.safe_load((ROOT / "docs" / "realtime-asyncapi.yaml").read_text())
TS_CLIENT = ROOT / "clients" / "typescript" / "src" / "realtime.ts"


def _type_of(node: ast.Dict) -> str | None:
    keys = {k.value: v for k, v in zip(node.keys, node.values, strict=True)
            if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    kind = keys.get("type")
    return kind.value if isinstance(kind, ast.Constant) and isinstance(kind.value, str) else None


def sent_kinds() -> dict[str, set[str]]:
    """`type` of every frame literal: any dict with a constant `type` in realtime/ (the game server
    writes nothing else with one), and the published ones in server/ (they name their `channel`)."""
    found: dict[str, set[str]] = {}
    for package in ("realtime", "server"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if not isinstance(node, ast.Dict) or (kind := _type_of(node)) is None:
                    continue
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if package == "realtime" or "channel" in keys:
                    found.setdefault(kind, set()).add(str(path.relative_to(ROOT)))
    return found


def _resolve(ref: str) -> Any:
    node: Any = DOC
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return _resolve(node["$ref"]) if isinstance(node, dict) and set(node) == {"$ref"} else node


def test_every_frame_the_server_sends_is_described():
    kinds = sent_kinds()
    assert {"auth_ok", "error", "snapshot", "delta", "period", "event"} <= kinds.keys()  # the scan finds them
    sent = {_resolve(m["$ref"])["payload"]["$ref"] for m in DOC["operations"]["sendServerFrames"]["messages"]}
    described = {_resolve(ref)["properties"]["type"]["const"] for ref in sent}
    assert kinds.keys() - described == set(), {k: kinds[k] for k in kinds.keys() - described}
    assert described - kinds.keys() == set(), "described but never sent"


def test_every_client_frame_is_described_with_its_fields():
    received = [_resolve(_resolve(m["$ref"])["payload"]["$ref"])
                for m in DOC["operations"]["receiveClientFrames"]["messages"]]
    by_op = {schema["properties"]["op"]["const"]: schema for schema in received}
    frames = get_args(protocol.ClientFrame)
    assert by_op.keys() == {f.__struct_config__.tag for f in frames} == {"auth", "subscribe", "unsubscribe", "ping"}
    for frame in frames:
        (_, defs) = msgspec.json.schema_components([frame])
        schema = defs[frame.__name__]
        described = by_op[frame.__struct_config__.tag]
        assert set(described["properties"]) == set(schema["properties"]), frame.__name__
        assert set(described["required"]) == set(schema.get("required", [])), frame.__name__
        assert described["additionalProperties"] is False  # forbid_unknown_fields


def test_the_document_is_asyncapi_3_and_every_reference_resolves():
    assert DOC["asyncapi"] == "3.0.0" and DOC["channels"]["socket"]["address"] == "/ws"
    refs = re.findall(r"\$ref: \"?([^\"}\s]+)", (ROOT / "docs" / "realtime-asyncapi.yaml").read_text())
    assert len(refs) > 40
    for ref in refs:
        assert _resolve(ref) is not None, ref
    channel_messages = {m["$ref"].rsplit("/", 1)[1] for m in DOC["channels"]["socket"]["messages"].values()}
    assert channel_messages == set(DOC["components"]["messages"])
    operated = [m["$ref"].rsplit("/", 1)[1] for op in DOC["operations"].values() for m in op["messages"]]
    assert sorted(operated) == sorted(channel_messages)


def test_the_typescript_client_types_every_server_frame():
    typed = set(re.findall(r'^\s+type: "([a-z_]+)";$', TS_CLIENT.read_text(), flags=re.M))
    assert typed == set(sent_kinds())
    ops = set(re.findall(r'\{ op: "([a-z]+)"', TS_CLIENT.read_text()))
    assert ops == {"auth", "subscribe", "unsubscribe", "ping"}
