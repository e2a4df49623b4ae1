"""Waiting for a quiet machine before a measuring step, so that one step's leftovers do not time the next.

A harness run showed a load average of 1.9–2.5 at the start of its OpenSearch section (the page cache and
PostgreSQL's checkpointer after the load runs), and that section's p95 came out twice the same measure on a
quiet machine. The 1-minute load average decays by a factor e per minute: from 2 to under 0.5 takes ~80 s
of rest. The wait is bounded, and what it reached is recorded beside the figures.
"""

import os
import time

QUIET_LOAD = float(os.environ.get("BENCH_QUIET_LOAD", "0.5"))  # 1-minute load average to wait for
MAX_WAIT_SECONDS = float(os.environ.get("BENCH_MAX_WAIT", "150"))


def settle(quiet_load: float = QUIET_LOAD, max_wait: float = MAX_WAIT_SECONDS, poll: float = 2.0) -> dict:
    """Sleep until the 1-minute load average is at most `quiet_load`, or `max_wait` seconds have passed.
    Returns the seconds waited, the load averages then, and whether the machine was quiet."""
    started = time.monotonic()
    while (load := os.getloadavg()[0]) > quiet_load and time.monotonic() - started < max_wait:
        time.sleep(min(poll, max(0.0, max_wait - (time.monotonic() - started))))
    return {
        "waited_s": round(time.monotonic() - started, 1),
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "quiet": load <= quiet_load,
    }
