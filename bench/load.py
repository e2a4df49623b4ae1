"""Throughput: gunicorn (2 workers) on loopback under wrk, and the workers' resident memory after."""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "bench" / "results" / "gunicorn.log"
STARTUP_SECONDS = 300


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, env: dict, workers: int = 2):
        self.env, self.workers, self.port, self.process = env, workers, free_port(), None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        command = [str(ROOT / ".venv/bin/gunicorn"), "cms.wsgi", "-w", str(self.workers)]
        command += ["-b", f"127.0.0.1:{self.port}", "--error-logfile", str(LOG)]
        LOG.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL)
        # Generous: on a loaded shared machine the first request (imports, templates) can take a minute.
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/", timeout=120)  # noqa: S310 - loopback
                return self
            except OSError:
                time.sleep(0.5)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not answer within {STARTUP_SECONDS} s")

    def worker_pids(self) -> list[str]:
        return Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()

    def worker_cpu_s(self) -> float:
        """User + system CPU seconds of the workers so far (the load-independent cost of the requests)."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.worker_pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        return total / ticks

    def worker_rss_mb(self) -> list[float]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        sizes = []
        for pid in children:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(round(int(line.split()[1]) / 1024, 1))
        return sizes

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def status_of(url: str) -> int:
    try:
        return urllib.request.urlopen(url, timeout=30).status  # noqa: S310 - loopback
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def wrk(url: str, seconds: int, connections: int = 16, threads: int = 2) -> dict:
    status = status_of(url)
    if status != 200:
        reason = f"HTTP {status}" if status else "no answer within 30 s"
        return {"url": url, "available": False, "note": f"not available ({reason})"}
    output = subprocess.run(
        ["wrk", "--latency", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = {"url": url, "available": True, "seconds": seconds, "connections": connections}
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    result["requests_per_s"] = float(match.group(1)) if match else None
    total = re.search(r"(\d+) requests in", output)
    result["requests"] = int(total.group(1)) if total else None
    for pct in ("50", "99"):
        found = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)", output, re.MULTILINE)
        if found:
            factor = {"us": 0.001, "ms": 1, "s": 1000}[found.group(2)]
            result[f"latency_p{pct}_ms"] = round(float(found.group(1)) * factor, 2)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    result["non_2xx"] = int(errors.group(1)) if errors else 0
    return result


def ensure_wrk() -> str | None:
    """wrk from Debian, installed on the fly when we may (root); else a note saying how."""
    if shutil.which("wrk"):
        return None
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=False, capture_output=True)
        if shutil.which("wrk"):
            return None
    return "not available (wrk missing: sudo apt-get install wrk)"


def throughput(env: dict, paths: dict, seconds: int) -> dict:
    env = {**os.environ, **env}
    missing = ensure_wrk()
    if missing:
        return {"runs": {name: {"available": False, "note": missing} for name in paths}, "worker_rss_mb": []}
    with Gunicorn(env) as server:
        runs = {}
        for name, path in paths.items():
            cpu_before = server.worker_cpu_s()
            runs[name] = wrk(server.base + path, seconds)
            cpu = server.worker_cpu_s() - cpu_before
            runs[name]["worker_cpu_s"] = round(cpu, 2)
            if runs[name].get("requests") and cpu:
                # What two free cores would serve: requests per second of worker CPU, times two.
                runs[name]["requests_per_worker_cpu_s"] = round(runs[name]["requests"] / cpu, 1)
        return {
            "runs": runs,
            "worker_rss_mb": server.worker_rss_mb(),
            "page_cache_seconds": int(env.get("PAGE_CACHE_SECONDS") or 0),
        }
