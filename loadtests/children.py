"""Processes a benchmark starts die with it, even when it is killed (SIGKILL, a CI timeout).

`subprocess.Popen(..., preexec_fn=die_with_parent)` asks Linux (prctl PR_SET_PDEATHSIG) to send
the child SIGTERM when the thread that started it exits: no uvicorn, worker or game server is
left holding a port after an interrupted run. Start children from the main thread (a worker
thread's exit would end them). Elsewhere than Linux it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    if sys.platform != "linux":
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
