"""Percentiles and timing helpers."""

import time
from collections.abc import Callable


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[rank]


def summary_ms(values_s: list[float]) -> dict:
    ms = [value * 1000 for value in values_s]
    return {
        "n": len(ms),
        "p50": _round(percentile(ms, 50)),
        "p95": _round(percentile(ms, 95)),
        "p99": _round(percentile(ms, 99)),
    }


def _round(value):
    return None if value is None else round(value, 2)


def timed(function: Callable) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result
