"""Regenerate the typed clients from the app's OpenAPI document (no server needed).

    PYTHONPATH=. python clients/generate.py            # rewrite clients/ in place
    PYTHONPATH=. python clients/generate.py --out DIR  # write them under DIR (the staleness test)

Writes, under the output directory:
* `openapi.json`: the document `/schema/openapi.json` serves (`server.core.contract.openapi.document`);
* `python/reprally_client/`: openapi-python-client (pinned in pyproject's `clients` extra), configured
  by `python/openapi-python-client.yaml`;
* `typescript/src/schema.ts`: openapi-typescript; `typescript/dist/`: `tsc` of `typescript/src/`
  (the API helpers and the websocket client), with `tv/realtime.js`, the TV page's copy of
  `dist/realtime.js`; and `typescript/example.ts` is type-checked against them.
The npm tools come from `clients/typescript/node_modules` (`npm ci` there when it is missing).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

from server.app import create_app
from server.core.contract.openapi import document

CLIENTS = Path(__file__).resolve().parent
TS = CLIENTS / "typescript"
#: What the generator writes, relative to its output directory (the staleness test compares these).
OUTPUTS = ("openapi.json", "python/reprally_client", "typescript/src/schema.ts", "typescript/dist",
           "tv/realtime.js")


def openapi_json() -> str:
    """The served document, with sorted keys so that a diff shows what changed."""
    return json.dumps(document(create_app(background=False)), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _run(*args: str | Path, cwd: Path = CLIENTS) -> None:
    subprocess.run([str(a) for a in args], cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def node_tools() -> Path:
    """`clients/typescript/node_modules`, installed from package-lock.json when missing."""
    modules = TS / "node_modules"
    if not (modules / "openapi-typescript").is_dir() or not (modules / "typescript").is_dir():
        _run("npm", "ci", "--no-audit", "--no-fund", cwd=TS)
    return modules


def python_client(spec: Path, out: Path) -> None:
    target = out / "python" / "reprally_client"
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    _run(sys.executable, "-m", "openapi_python_client", "generate", "--path", spec, "--meta", "none",
         "--config", CLIENTS / "python" / "openapi-python-client.yaml", "--output-path", target)


def typescript_client(spec: Path, out: Path) -> None:
    modules = node_tools()
    src, dist = out / "typescript" / "src", out / "typescript" / "dist"
    src.mkdir(parents=True, exist_ok=True)
    _run("node", modules / "openapi-typescript" / "bin" / "cli.js", spec, "--default-non-nullable", "false",
         "-o", src / "schema.ts")
    if src != TS / "src":  # compile the committed sources against the new schema
        for name in ("index.ts", "realtime.ts"):
            shutil.copyfile(TS / "src" / name, src / name)
        for name in ("tsconfig.json", "tsconfig.example.json", "example.ts"):
            shutil.copyfile(TS / name, out / "typescript" / name)
        (out / "typescript" / "node_modules").unlink(missing_ok=True)
        (out / "typescript" / "node_modules").symlink_to(modules, target_is_directory=True)
    shutil.rmtree(dist, ignore_errors=True)
    _run("node", modules / "typescript" / "bin" / "tsc", "-p", out / "typescript" / "tsconfig.json")
    # the README's example, type-checked against the new schema (no output)
    _run("node", modules / "typescript" / "bin" / "tsc", "-p", out / "typescript" / "tsconfig.example.json")
    (out / "tv").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(dist / "realtime.js", out / "tv" / "realtime.js")
    if src != TS / "src":
        (out / "typescript" / "node_modules").unlink()


def generate(out: Path = CLIENTS) -> None:
    out.mkdir(parents=True, exist_ok=True)
    spec = out / "openapi.json"
    spec.write_text(openapi_json(), encoding="utf-8")
    python_client(spec, out)
    typescript_client(spec, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=CLIENTS, help="output directory (default: clients/)")
    generate(parser.parse_args().out.resolve())


if __name__ == "__main__":
    main()
