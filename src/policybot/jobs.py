"""Background jobs for adding documents: a small registry.

A job runs off the request path, one at a time, through the stages
读取 → 分条 → 向量化 → 写入索引. Anyone holding its id can read its stage,
its progress, an estimate of the time left, and in the end its result or
the error message a person can act on. Finished jobs are kept for a while
so a page that polls late still sees the outcome.
"""

from __future__ import annotations

import itertools
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from .errors import DuplicateDocumentError, PolicybotError

log = logging.getLogger(__name__)

STAGES = ("读取", "分条", "向量化", "写入索引")
# share of the whole job each stage takes (embedding dominates)
_WEIGHTS = {"读取": 0.1, "分条": 0.1, "向量化": 0.7, "写入索引": 0.1}
QUEUED, RUNNING, DONE, FAILED, DUPLICATE = "排队中", "进行中", "完成", "失败", "重复"
UNEXPECTED = "添加文件时出错了：索引没有改变。请再试一次；如果一直出错，请联系管理员查看服务器日志。"


@dataclass(frozen=True)
class JobStatus:
    job_id: str
    name: str  # what is being added (a file name), for people
    state: str  # QUEUED | RUNNING | DONE | FAILED | DUPLICATE
    stage: str  # one of STAGES ("" while queued)
    progress: float  # 0..1 over the whole job
    elapsed: float  # seconds since the job started running
    eta: float | None  # seconds left, when it can be estimated
    message: str = ""  # the error, or what happened
    result: Any = None  # the job function's return value once DONE
    error: PolicybotError | None = None  # the error behind ``message``, for a page to word it

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED, DUPLICATE)

    @property
    def stage_no(self) -> int:
        return STAGES.index(self.stage) + 1 if self.stage in STAGES else 0


class Reporter:
    """What a job function calls to say where it is."""

    def __init__(self, on_change: Callable[[str, float], None]):
        self._on_change = on_change

    def stage(self, name: str, fraction: float = 0.0) -> None:
        if name not in STAGES:
            raise ValueError(f"unknown stage {name!r}; use one of {STAGES}")
        self._on_change(name, min(1.0, max(0.0, fraction)))

    def progress(self, stage: str) -> Callable:
        """An ``index.Progress`` hook: batches done of ``stage``."""

        def hook(it, total, desc):
            self.stage(stage, 0.0)
            for n, item in enumerate(it, 1):
                yield item
                self.stage(stage, n / total if total else 1.0)

        return hook


class _Job:
    def __init__(self, job_id: str, name: str):
        self.job_id, self.name = job_id, name
        self.state, self.stage, self.fraction = QUEUED, "", 0.0
        self.started: float | None = None
        self.ended: float | None = None
        self.message, self.result, self.error = "", None, None

    def status(self) -> JobStatus:
        now = time.monotonic()
        elapsed = ((self.ended or now) - self.started) if self.started else 0.0
        done = 0.0
        if self.stage in STAGES:
            i = STAGES.index(self.stage)
            done = sum(_WEIGHTS[s] for s in STAGES[:i]) + _WEIGHTS[self.stage] * self.fraction
        if self.state == DONE:
            done = 1.0
        eta = None
        if self.state == RUNNING and done >= 0.05 and elapsed > 0:
            eta = elapsed / done * (1.0 - done)
        return JobStatus(self.job_id, self.name, self.state, self.stage, round(done, 3), elapsed, eta, self.message, self.result, self.error)


class JobRegistry:
    """Runs jobs one after another in a background thread; keeps the last
    ``keep`` of them."""

    def __init__(self, keep: int = 100):
        self._jobs: OrderedDict[str, _Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="policybot-ingest")
        self._keep = keep
        self._seq = itertools.count(1)

    def submit(self, name: str, fn: Callable[[Reporter], Any]) -> str:
        job_id = f"job-{next(self._seq)}-{secrets.token_hex(4)}"
        job = _Job(job_id, name)
        with self._lock:
            self._jobs[job_id] = job
            while len(self._jobs) > self._keep:
                self._jobs.popitem(last=False)

        def on_change(stage: str, fraction: float) -> None:
            with self._lock:
                job.stage, job.fraction = stage, fraction

        def run() -> None:
            with self._lock:
                job.state, job.started = RUNNING, time.monotonic()
            try:
                result = fn(Reporter(on_change))
                state, message, error = DONE, "", None
            except DuplicateDocumentError as e:
                result, state, message, error = None, DUPLICATE, str(e), e
            except PolicybotError as e:
                result, state, message, error = None, FAILED, str(e), e
            except Exception:  # noqa: BLE001 - reported as a message, logged in full
                log.exception("job %s (%s) failed", job_id, name)
                result, state, message, error = None, FAILED, UNEXPECTED, None
            with self._lock:
                job.state, job.message, job.result, job.error = state, message, result, error
                job.ended = time.monotonic()

        self._pool.submit(run)
        return job_id

    def get(self, job_id: str) -> JobStatus:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise PolicybotError(f"没有编号为 {job_id} 的任务（可能已过期）：请重新上传文件。")
            return job.status()

    def wait(self, job_id: str, timeout: float | None = None, poll: float = 0.05) -> JobStatus:
        end = None if timeout is None else time.monotonic() + timeout
        while True:
            st = self.get(job_id)
            if st.finished or (end is not None and time.monotonic() >= end):
                return st
            time.sleep(poll)
