"""Every benchmark, in the order of docs/performance.md. `--smoke` (CI) runs each tiny and fast."""

from __future__ import annotations

import subprocess
import sys


def main() -> int:
    smoke = ["--smoke"] if "--smoke" in sys.argv else []
    rc = 0
    for module in ("loadtests.bench_core", "loadtests.bench_realtime"):
        print(f"== {module} {' '.join(smoke)}", flush=True)
        rc |= subprocess.call([sys.executable, "-m", module, *smoke])
    return rc


if __name__ == "__main__":
    sys.exit(main())
