"""The committed clients are what the generators make of today's API (clients/generate.py), and the
TV's websocket client is the compiled TypeScript. Regenerating takes about a minute (openapi-python-client,
openapi-typescript and tsc); the npm tools are cached in clients/typescript/node_modules."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = ROOT / "clients"
_spec = importlib.util.spec_from_file_location("clients_generate", CLIENTS / "generate.py")
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)
OUTPUTS: tuple[str, ...] = generate.OUTPUTS


def _files(base: Path) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for output in OUTPUTS:
        path = base / output
        for f in [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()):
            if "__pycache__" not in f.parts:
                found[str(f.relative_to(base))] = f.read_bytes()
    return found


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: the TypeScript client cannot be "
                                                           "generated (CI and the dev machine have Node 20)")
def test_the_committed_clients_are_not_stale(tmp_path):
    subprocess.run([sys.executable, str(CLIENTS / "generate.py"), "--out", str(tmp_path)], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, timeout=600)
    fresh, committed = _files(tmp_path), _files(CLIENTS)
    assert len(fresh) > 300 and "python/reprally_client/api/auth/login.py" in fresh
    stale = sorted(name for name in fresh.keys() | committed.keys() if fresh.get(name) != committed.get(name))
    assert stale == [], "run `PYTHONPATH=. python clients/generate.py` and commit: " + ", ".join(stale[:20])


def test_the_package_pins_exact_versions():
    package = json.loads((CLIENTS / "typescript" / "package.json").read_text())
    lock = json.loads((CLIENTS / "typescript" / "package-lock.json").read_text())
    pins = {**package["dependencies"], **package["devDependencies"]}
    assert set(pins) == {"openapi-fetch", "openapi-typescript", "typescript"}
    for name, version in pins.items():
        assert version[0].isdigit(), (name, version)  # no ^ or ~
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
