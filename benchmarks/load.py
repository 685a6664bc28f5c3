"""A bounded load run on loopback: prints figures, asserts nothing.

    python benchmarks/load.py [--clients 16] [--per-client 12] [--deadline 300]

Starts the app (the real service, the shipped index, a throw-away state
folder) in a child process on 127.0.0.1, then:

1. unloaded: one client asks the questions one after another (p95);
2. loaded: ``--clients`` clients ask ``--per-client`` questions each, while
   an official signs in, uploads a PDF through the page's own routes
   (/gradio_api/upload, then the upload job, polled until done), and one
   more client sends an oversized history (10,000 turns, and one turn of
   50,000 characters).

Prints requests/s, p95 loaded vs unloaded, errors (a busy 503 is counted
and retried after its Retry-After), and whether the index switched to the
new version with no failed answer. Every request has a timeout and the run
stops at ``--deadline`` seconds whatever happens; the child is then ended.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
ADMIN = ("load-official", "load-test-password")
UPLOAD = ROOT / "tests" / "fixtures" / "shizhong-2024-action-plan.pdf"
QUESTIONS = [
    "我们在济南搞智能化改造，整个车间改造能补多少？",
    "淄博对专精特新企业有什么培育目标？",
    "济宁新能源产业集群归哪个部门牵头？",
    "市中区的行动计划现在还有效吗？",
    "济南对数字化车间和智能工厂有什么奖励？",
    "济南每新上一个10亿元台阶奖多少钱？",
    "淄博的实施方案什么时候到期？",
    "济宁对先进制造业集群有哪些支持措施？",
]
SERVER = """
import sys, uvicorn
from pathlib import Path
from policybot.service import PolicyService
from policybot.settings import Settings
from policybot.web import create_app
settings = Settings.from_env(state_dir=Path(sys.argv[1]), admin_user=sys.argv[3], admin_password=sys.argv[4])
app = create_app(PolicyService.open(settings), settings)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else float("nan")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Run:
    def __init__(self, url: str, deadline: float):
        self.url, self.deadline = url, deadline
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.busy = 0
        self.versions: list[tuple[float, str]] = []

    def over(self) -> bool:
        return time.monotonic() > self.deadline

    def ask(self, client: httpx.Client, question: str, history: list[str] | None = None) -> tuple[int, dict, float]:
        """One question; a 503 is retried after its Retry-After (counted)."""
        while not self.over():
            t = time.perf_counter()
            r = client.post(self.url + "/api/ask", json={"question": question, "history": history or []}, timeout=60)
            dt = time.perf_counter() - t
            if r.status_code == 503:
                with self.lock:
                    self.busy += 1
                time.sleep(float(r.headers.get("Retry-After", "1")))
                continue
            return r.status_code, r.json(), dt
        return 0, {"error": "deadline"}, 0.0

    def asker(self, n: int, offset: int, upload_done: threading.Event) -> None:
        """``n`` questions, then more until the upload has finished (at most
        5n, and never past the deadline), so answers span the switch."""
        with httpx.Client() as c:
            i = 0
            while not self.over() and (i < n or (not upload_done.is_set() and i < 5 * n)):
                q = QUESTIONS[(offset + i) % len(QUESTIONS)]
                i += 1
                try:
                    status, body, dt = self.ask(c, q)
                    version = c.get(self.url + "/api/health", timeout=10).json()["index_version"]
                except httpx.HTTPError as e:
                    status, body, dt, version = 0, {"error": f"{type(e).__name__}"}, 0.0, ""
                with self.lock:
                    if status == 200 and body.get("answer"):
                        self.latencies.append(dt)
                    else:
                        self.errors.append(f"{status}: {str(body)[:120]}")
                    self.versions.append((time.monotonic(), version))


def queue_call(c: httpx.Client, url: str, api: dict, name: str, data: list, session: str, cookies=None) -> dict:
    body = {"data": data, "fn_index": api[name], "session_hash": session, "event_data": None, "trigger_id": None}
    c.post(url + "/gradio_api/queue/join", json=body, cookies=cookies, timeout=30).raise_for_status()
    with c.stream("GET", url + "/gradio_api/queue/data", params={"session_hash": session}, cookies=cookies, timeout=120) as r:
        for line in r.iter_lines():
            if '"process_completed"' in line:
                return json.loads(line.removeprefix("data:"))
    raise RuntimeError(f"{name}: no result")


def official(run: Run, result: dict, done: threading.Event) -> None:
    """Sign in, upload the PDF, start the job, poll it until it finishes."""
    try:
        _official(run, result)
    except Exception as e:  # noqa: BLE001 - a benchmark prints, it does not crash
        result.update(done=None, ok=False, error=f"{type(e).__name__}: {e}")
    finally:
        done.set()


def _official(run: Run, result: dict) -> None:
    with httpx.Client() as c:
        api = {d["api_name"]: i for i, d in enumerate(c.get(run.url + "/config", timeout=30).json()["dependencies"])}
        session = uuid.uuid4().hex[:11]
        out = queue_call(c, run.url, api, "on_signin", list(ADMIN), session)
        token = out["output"]["data"][4]
        cookies = {"pb_official": token}
        t0 = time.monotonic()
        r = c.post(run.url + "/gradio_api/upload", files={"files": (UPLOAD.name, UPLOAD.read_bytes(), "application/pdf")},
                   cookies=cookies, timeout=60)
        r.raise_for_status()
        path = r.json()[0]
        file_data = {"path": path, "orig_name": UPLOAD.name, "meta": {"_type": "gradio.FileData"}}
        queue_call(c, run.url, api, "on_add", [file_data, "", "", "", "", "", ""], session, cookies)
        stages = []
        while not run.over():
            out = queue_call(c, run.url, api, "on_tick", [None], session, cookies)
            html = out["output"]["data"][0] if out.get("success") else str(out)
            stage = next((s for s in ("写入索引", "向量化", "分条", "读取") if f"pb-stage-now\">{s}" in html), "")
            if stage and (not stages or stages[-1] != stage):
                stages.append(stage)
            if "已添加" in html or "pb-error" in html or "pb-warn" in html:
                result.update(done=time.monotonic() - t0, ok="已添加" in html, stages=stages, at=time.monotonic())
                return
            time.sleep(0.5)
        result.update(done=None, ok=False, stages=stages)


def oversized(run: Run, result: dict) -> None:
    with httpx.Client() as c:
        for label, history in (("10,000 turns", ["那淄博呢？"] * 10_000), ("one 50,000-char turn", ["长" * 50_000])):
            try:
                status, body, dt = run.ask(c, "那济宁呢？", history)
            except httpx.HTTPError as e:
                status, body, dt = 0, {"error": type(e).__name__}, 0.0
            note = [n for n in body.get("notes", []) if "对话较长" in n][:1] or [str(body.get("error", ""))[:60]]
            result[label] = (status, round(dt, 2), note)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--per-client", type=int, default=12)
    ap.add_argument("--unloaded", type=int, default=40)
    ap.add_argument("--deadline", type=float, default=300.0, help="the whole run stops after this many seconds")
    args = ap.parse_args()

    state = Path(tempfile.mkdtemp(prefix="policybot-load-"))
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), GRADIO_ANALYTICS_ENABLED="False")
    child = subprocess.Popen([sys.executable, "-c", SERVER, str(state), str(port), *ADMIN], env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        while time.monotonic() - started < 120:
            try:
                httpx.get(url + "/api/health", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            print("the server did not start within 120 s")
            return
        run = Run(url, time.monotonic() + args.deadline)
        with httpx.Client() as c:
            run.ask(c, QUESTIONS[0])  # warm-up
            for i in range(args.unloaded):
                status, body, dt = run.ask(c, QUESTIONS[i % len(QUESTIONS)])
                run.latencies.append(dt)
            v0 = c.get(url + "/api/health").json()["index_version"]
        unloaded = run.latencies[:]
        run.latencies.clear()

        up, big, upload_done = {}, {}, threading.Event()
        threads = [threading.Thread(target=official, args=(run, up, upload_done))]
        threads.append(threading.Thread(target=oversized, args=(run, big)))
        threads += [threading.Thread(target=run.asker, args=(args.per_client, k, upload_done)) for k in range(args.clients)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads[2:]:
            th.join(max(0.0, run.deadline - time.monotonic()))
        wall = time.perf_counter() - t
        for th in threads[:2]:
            th.join(max(0.0, run.deadline - time.monotonic()))

        n = len(run.latencies)
        switched = sorted({v for _, v in run.versions if v != v0})
        asked_after = sum(1 for at, v in run.versions if up.get("at") and at > up["at"])
        print(f"clients                                    {args.clients} x {args.per_client} questions (+ 1 official, + 1 oversized history)")
        print(f"unloaded p50 / p95                         {pct(unloaded, 0.5) * 1000:.0f} ms / {pct(unloaded, 0.95) * 1000:.0f} ms ({len(unloaded)} questions)")
        print(f"loaded p50 / p95                           {pct(run.latencies, 0.5) * 1000:.0f} ms / {pct(run.latencies, 0.95) * 1000:.0f} ms ({n} answers)")
        print(f"p95 loaded / unloaded                      {pct(run.latencies, 0.95) / pct(unloaded, 0.95):.2f}x")
        print(f"requests/s (answers, loaded phase)         {n / wall:.1f}")
        print(f"errors (valid questions)                   {len(run.errors)}" + (f"  e.g. {run.errors[0]}" if run.errors else ""))
        print(f"busy (503, retried after Retry-After)      {run.busy}")
        print(f"upload                                     {'added' if up.get('ok') else 'NOT added'} in {up.get('done') or 0:.1f} s; stages seen: {' -> '.join(up.get('stages', [])) or 'none'}"
              + (f"; {up['error']}" if up.get("error") else ""))
        print(f"index switched                             {'yes' if switched else 'no'} ({v0[:12]} -> {', '.join(s[:12] for s in switched) or '-'}); answers after the switch: {asked_after}; failed answers: {len(run.errors)}")
        for label, (status, dt, note) in big.items():
            print(f"oversized history, {label:<24}{status} in {dt} s: {note[0] if note else '-'}")
    finally:
        child.terminate()
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()


if __name__ == "__main__":
    main()
