#!/usr/bin/env python3
"""Bootstrap for a fresh machine with only Python 3.11+.

    python3 dev.py up      start the whole product on embedded defaults, with demo data
    python3 dev.py test    run the whole test suite
    python3 dev.py <any reprally command> ...

It makes ./.venv on first use (and again whenever pyproject.toml changes), installs the
project into it, then runs the command inside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".reprally-installed"


def ensure_env() -> None:
    if sys.version_info < (3, 11):
        sys.exit("RepRally needs Python 3.11 or newer")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not (BIN / "python").exists():
        print("creating .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("installing RepRally and its dependencies into .venv ...", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip", "setuptools", "wheel"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[dev]"], check=True)
    STAMP.write_text(wanted)


def run(cmd: list[str], *, own_group: bool = True) -> int:
    """Run the product, pass it SIGINT, SIGTERM and SIGHUP, and wait for it to finish: stopping
    this launcher never leaves a server behind on its ports. In its own process group a Ctrl-C in
    the terminal reaches it once, through here; with `own_group=False` (pytest, which may read the
    terminal under --pdb) the terminal's Ctrl-C reaches it directly and is not passed on again."""
    group = own_group and os.name != "nt"
    proc = subprocess.Popen(cmd, process_group=0) if group else subprocess.Popen(cmd)

    def forward(signum: int, _frame: object) -> None:
        if signum == signal.SIGINT and not group:
            return  # the terminal sent it to the whole foreground group, the product included
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(signum)

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), forward)
    code = proc.wait()
    return 128 - code if code < 0 else code  # killed by signal N: 128 + N, as a shell says


def main() -> int:
    args = sys.argv[1:] or ["--help"]
    if args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    ensure_env()
    os.chdir(ROOT)
    if args[0] == "test":
        return run([str(BIN / "python"), "-m", "pytest", *args[1:]], own_group=False)
    return run([str(BIN / "reprally"), *args])


if __name__ == "__main__":
    sys.exit(main())
