"""Bounded work per request: a cap on answers running at once, and a time
budget that stops a request's work at the next step once its client has
gone or its time is up.

Both are plain objects the service holds; the web layer cancels a budget
when the browser or API client disconnects.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from .errors import BudgetExceeded, BusyError


@dataclass
class Budget:
    """A deadline and a cancel flag; ``check()`` raises once either is hit.
    Work that loops calls it between steps."""

    seconds: float
    started: float = field(default_factory=time.monotonic)
    _cancelled: threading.Event = field(default_factory=threading.Event, repr=False)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def remaining(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def check(self) -> None:
        if self._cancelled.is_set():
            raise BudgetExceeded("请求已取消（连接已断开），没有继续处理。")
        if self.remaining <= 0:
            raise BudgetExceeded(
                f"处理超过了 {self.seconds:g} 秒的时限，已停止：请把问题或对话缩短后再试"
                "（管理员可用 POLICYBOT_REQUEST_SECONDS 调整时限）。"
            )


def budget_callback(budget: Budget) -> Any:
    """A LangChain callback that stops a chain at the next step once the
    budget is spent (the chain's steps start one after another)."""
    from langchain_core.callbacks import BaseCallbackHandler

    class _Stop(BaseCallbackHandler):
        raise_error = True

        def on_chain_start(self, *args: Any, **kwargs: Any) -> None:
            budget.check()

        def on_retriever_start(self, *args: Any, **kwargs: Any) -> None:
            budget.check()

    return _Stop()


class Slots:
    """At most ``limit`` requests at once; the next one waits up to
    ``wait`` seconds for a free slot, then gets :class:`BusyError`."""

    def __init__(self, limit: int, wait: float):
        self.limit = max(1, int(limit))
        self.wait = max(0.0, float(wait))
        self._sem = threading.BoundedSemaphore(self.limit)
        self._lock = threading.Lock()
        self.in_use = 0

    @contextmanager
    def hold(self, what: str = "回答") -> Iterator[None]:
        if not self._sem.acquire(timeout=self.wait):
            raise BusyError(
                f"服务器正忙：同时在处理的{what}已达上限（{self.limit} 个）。请过几秒再试。",
                retry_after=max(1, round(self.wait) or 1),
            )
        with self._lock:
            self.in_use += 1
        try:
            yield
        finally:
            with self._lock:
                self.in_use -= 1
            self._sem.release()
