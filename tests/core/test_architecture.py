"""The layout's rules, checked on the code itself (docs/architecture.md, "The dependency rule").

The import rules are import-linter contracts in pyproject.toml; this runs them, and checks
what import-linter cannot see: imports hidden inside functions, grab-bag folders, untyped
runtimes, time read from the wall clock instead of the runtime's clock.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from server.core.feature import Feature
from server.features import FEATURES

ROOT = Path(__file__).resolve().parents[2]
CODE = [p for d in ("server", "realtime") for p in sorted((ROOT / d).rglob("*.py"))]
#: The CLI defers imports so that `reprally --help` starts fast; nothing else may.
DEFERRED_IMPORTS_OK = {"server/cli.py"}
#: The one place that reads the wall clock (everything else asks `rt.clock`), and the demo's
#: simulated CRM, which streams activities over HTTP at real time.
WALL_CLOCK_OK = {"server/core/clock.py", "server/demo/seed.py"}
MAX_MODULES_PER_FOLDER = 15


def _rel(p: Path) -> str:
    return p.relative_to(ROOT).as_posix()


def _tree(p: Path) -> ast.Module:
    return ast.parse(p.read_text(), str(p))


def test_the_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "BROKEN" not in done.stdout


def test_no_imports_hide_inside_functions():
    hidden = []
    for p in CODE:
        if _rel(p) in DEFERRED_IMPORTS_OK:
            continue
        for node in ast.walk(_tree(p)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                hidden += [f"{_rel(p)}:{sub.lineno}" for sub in ast.walk(node)
                           if isinstance(sub, (ast.Import, ast.ImportFrom))]
    assert hidden == []


def test_no_folder_is_a_grab_bag():
    folders: dict[str, int] = {}
    for p in CODE:
        if p.name != "__init__.py":
            folders[_rel(p.parent)] = folders.get(_rel(p.parent), 0) + 1
    big = {f: n for f, n in folders.items() if n > MAX_MODULES_PER_FOLDER and f != "server"}
    assert big == {}
    assert not (ROOT / "server" / "services").exists()


def test_every_runtime_parameter_is_typed_and_nothing_is_hung_on_it():
    untyped, hung = [], []
    for p in CODE:
        for node in ast.walk(_tree(p)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for a in node.args.args + node.args.kwonlyargs + node.args.posonlyargs:
                    if a.arg == "rt" and (a.annotation is None or ast.unparse(a.annotation) not in ("Runtime", "Runtime | None")):
                        untyped.append(f"{_rel(p)}:{node.lineno} {node.name}")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr"
                    and node.args and ast.unparse(node.args[0]).endswith("rt")):
                hung.append(f"{_rel(p)}:{node.lineno}")
    assert untyped == []
    assert hung == []


def _wall_clock_reads(p: Path) -> list[str]:
    out = []
    for node in ast.walk(_tree(p)):
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            if name in ("datetime.now", "datetime.utcnow", "date.today", "utcnow", "time.time"):
                out.append(f"{_rel(p)}:{node.lineno} {name}()")
    return out


def test_time_comes_from_the_runtime_clock():
    reads = [r for p in CODE if _rel(p) not in WALL_CLOCK_OK for r in _wall_clock_reads(p)]
    assert reads == []


def test_the_wall_clock_check_can_fail(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from datetime import datetime\n\ndef f():\n    return datetime.now()\n")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert _wall_clock_reads(bad) == ["bad.py:4 datetime.now()"]
    finally:
        ROOT = saved


@pytest.mark.parametrize("package", sorted(p.parent.name for p in (ROOT / "server").glob("*/feature.py") if p.parent.name != "core"))
def test_every_feature_package_is_installed(package):
    names = {f.name for f in FEATURES}
    assert package in names, f"server/{package}/feature.py is not listed in server/features.py"
    assert all(isinstance(f, Feature) for f in FEATURES)


def test_rules_modules_import_no_io():
    io = ("litestar", "sqlalchemy", "redis", "asyncpg", "websockets", "httpx", "server.core.runtime",
          "server.core.db")
    bad = []
    for p in CODE:
        if p.name == "rules.py" or p.name.startswith("rules_"):
            for node in ast.walk(_tree(p)):
                mods = ([a.name for a in node.names] if isinstance(node, ast.Import)
                        else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                bad += [f"{_rel(p)}: {m}" for m in mods if m.startswith(io)]
    assert bad == []
