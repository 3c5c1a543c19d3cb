"""Load check of `newsevents serve` on loopback (issue: the service and the web page).

Anchors (the issue's acceptance): 50 concurrent POST /read all succeed; a 30 MB body is refused
with a 4xx; /health is fine afterwards; the server's RSS after the burst is within 20% of its
level before. Prints ours beside each anchor and exits non-zero when one is missed.

    python benchmarks/serve_load.py [--concurrency 50] [--article PATH] [--published YYYY-MM-DD]

Traffic goes to 127.0.0.1 only; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo-article.txt"
HOST = "127.0.0.1"

# Used only when the repository's demo article is missing: a short story of our own.
FALLBACK_ARTICLE = """Ministers meet in Vienna over river dispute

VIENNA (Test Wire) - The foreign ministers of Hungary and Slovakia met in Vienna on Thursday to settle
a dispute over a dam on the Danube, a week after Slovak police detained two Hungarian engineers near Komarno.
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def request(port: int, method: str, path: str, body: bytes | None = None, timeout: float = 600) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def rss_kib(pid: int) -> int:
    """Resident set size of the server process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS in /proc status")


def wait_healthy(port: int, proc: subprocess.Popen, limit: float = 240) -> None:
    deadline = time.time() + limit
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            status, _ = request(port, "GET", "/health", timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("server did not come up")


def big_body_status(port: int, size: int) -> str:
    """Send a body of `size` bytes (declared length) and report what the server answered."""
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        conn.putrequest("POST", "/read")
        conn.putheader("Content-Type", "application/json")
        conn.putheader("Content-Length", str(size))
        conn.endheaders()
        chunk = b"a" * (1 << 20)
        sent = 0
        try:
            conn.send(b'{"text": "')
            sent = 10
            while sent < size:
                piece = chunk[: min(len(chunk), size - sent)]
                conn.send(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before the whole body is sent
        response = conn.getresponse()
        return f"{response.status} {response.read()[:120].decode(errors='replace')}"
    except (BrokenPipeError, ConnectionResetError) as err:
        return f"connection closed by server ({type(err).__name__})"
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--article", type=Path, default=DEMO if DEMO.exists() else None)
    parser.add_argument("--published", default=None)
    parser.add_argument("--big-mb", type=int, default=30)
    args = parser.parse_args()

    text = args.article.read_text(encoding="utf-8") if args.article else FALLBACK_ARTICLE
    payload = {"text": text}
    if args.published:
        payload["published"] = args.published
    body = json.dumps(payload).encode()

    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="newsevents-serve-", suffix=".log", delete=False)
    proc = subprocess.Popen([sys.executable, "-m", "newsevents.cli", "serve", "--host", HOST, "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, cwd=REPO)
    ok = True
    try:
        t0 = time.time()
        wait_healthy(port, proc)
        startup = time.time() - t0
        # two reads first: the model and every stage's tables are loaded, as in steady service
        for _ in range(2):
            status, _ = request(port, "POST", "/read", body)
            if status != 200:
                raise RuntimeError(f"warm-up read answered {status}")
        single = time.time()
        _, reference = request(port, "POST", "/read", body)
        single = time.time() - single
        rss_before = rss_kib(proc.pid)

        latencies: list[float] = []
        statuses: list[int] = []
        answers: list[bytes] = []

        def one(_: int) -> None:
            start = time.time()
            try:
                status, answer = request(port, "POST", "/read", body)
            except OSError:
                status, answer = -1, b""
            statuses.append(status)
            answers.append(answer)
            latencies.append(time.time() - start)

        burst = time.time()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            list(pool.map(one, range(args.concurrency)))
        burst = time.time() - burst
        succeeded = sum(1 for s in statuses if s == 200)
        rss_peak_after_burst = rss_kib(proc.pid)

        big = big_body_status(port, args.big_mb * 1024 * 1024)
        big_refused = big[:1] == "4"
        health_status, health_body = request(port, "GET", "/health", timeout=10)
        time.sleep(2)
        rss_after = rss_kib(proc.pid)
        growth = (rss_after - rss_before) / rss_before

        print(f"newsevents serve load check on {HOST} (server pid {proc.pid}, start-up {startup:.1f} s, "
              f"one read {single:.2f} s, article {len(text):,} chars)")
        print(f"{'check':<34} {'anchor':<26} ours")
        rows = [
            (f"{args.concurrency} concurrent POST /read", f"all {args.concurrency} succeed",
             f"{succeeded}/{args.concurrency} HTTP 200 in {burst:.1f} s "
             f"(latency p50 {statistics.median(latencies):.1f} s, max {max(latencies):.1f} s)",
             succeeded == args.concurrency),
            ("same reading under concurrency", "all equal to a lone read",
             f"{sum(1 for a in answers if a == reference)}/{len(answers)} identical",
             all(a == reference for a in answers)),
            (f"{args.big_mb} MB body", "refused with a 4xx", big, big_refused),
            ("GET /health afterwards", "200", f"{health_status} {json.loads(health_body).get('status')}",
             health_status == 200),
            ("server RSS after vs before burst", "within 20%",
             f"{rss_before / 1024:.0f} MiB -> {rss_after / 1024:.0f} MiB ({growth:+.1%}; "
             f"{rss_peak_after_burst / 1024:.0f} MiB right after the burst)", abs(growth) <= 0.20),
        ]
        for name, anchor, ours, passed in rows:
            print(f"{name:<34} {anchor:<26} {ours}  [{'ok' if passed else 'MISSED'}]")
            ok &= passed
        if succeeded != args.concurrency:
            print("statuses:", sorted(set(statuses)))
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        if not ok:
            print("server log:", log.name)
        else:
            Path(log.name).unlink(missing_ok=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
