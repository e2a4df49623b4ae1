"""After an engine failure, answer from the database straight away for a short while.

A hung node costs every search one client timeout (2 s) before the fallback; with two web workers that
is one search per second for the whole site. Once a request has failed, the next ones skip the engine
for REST_SECONDS, then one request tries it again. Per process, per engine address.
"""

import threading
import time

REST_SECONDS = 30.0

_lock = threading.Lock()
_resting_until: dict[str, float] = {}


def _key(engine) -> str:
    return repr(getattr(engine, "hosts", None))


def is_resting(engine) -> bool:
    with _lock:
        return time.monotonic() < _resting_until.get(_key(engine), 0.0)


def trip(engine, seconds: float = REST_SECONDS) -> None:
    with _lock:
        _resting_until[_key(engine)] = time.monotonic() + seconds


def reset() -> None:
    with _lock:
        _resting_until.clear()
