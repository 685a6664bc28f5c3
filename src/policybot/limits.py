"""Bounded work per request: a cap on answers running at once, a time
budget that stops a request's work at the next step once its client has
gone or its time is up, and the checks on user text (valid Unicode, not
only invisible characters, history as a bounded list of strings).

Both are plain objects the service holds; the web layer cancels a budget
when the browser or API client disconnects.
"""

from __future__ import annotations

import re
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterator

from .errors import BudgetExceeded, BusyError, QuestionError


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


# ---------------------------------------------------------------- user text

# characters that show nothing: a text made only of them is empty
INVISIBLE = re.compile(r"[\s\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\u00ad\u180e\u3164]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def check_text(value: object, what: str = "问题") -> str:
    """A piece of user text as a clean ``str``: it must be text, and valid
    Unicode (a lone surrogate, e.g. from bytes that were not UTF-8, is
    refused with what to do)."""
    if not isinstance(value, str):
        raise QuestionError(f"{what}必须是文字，收到的是 {type(value).__name__}：请把{what}写成字符串，例如 \"济南智能化改造能补多少？\"。")
    if _SURROGATE.search(value):
        raise QuestionError(f"{what}含有无效的字符（不是有效的 UTF-8 文本）：请用 UTF-8 编码重新输入或保存后再试。")
    return value


@dataclass(frozen=True)
class History:
    """The earlier questions kept for a follow-up, how many were dropped,
    and how many were cut to their end."""

    turns: tuple[str, ...]
    dropped: int = 0
    cut: int = 0

    @property
    def note(self) -> str:
        parts = []
        if self.dropped:
            parts.append(f"对话较长：只参考了最近 {len(self.turns)} 个问题，更早的 {self.dropped} 个没有参考。")
        if self.cut:
            parts.append(f"之前有 {self.cut} 个问题过长，只参考了它的末尾部分。")
        return "".join(parts)


def check_history(history: object, *, max_turns: int, max_chars: int, max_turn_chars: int | None = None) -> History:
    """Bounded history: a list of strings, at most ``max_turns`` of them and
    ``max_chars`` in all, each at most ``max_turn_chars`` (longer ones keep
    their end); the oldest turns go first. A string instead of a list
    ("abc") is refused, not split into characters."""
    if history is None:
        return History(())
    if isinstance(history, (str, bytes)) or not isinstance(history, (list, tuple)):
        raise QuestionError(
            f"history 必须是之前问题的列表，收到的是 {type(history).__name__}：请写成 [\"第一个问题\", \"第二个问题\"]。"
        )
    per_turn = min(max_chars, max_turn_chars or max_chars)
    turns = [check_text(h, "history 中的每一项") for h in history]
    turns = [h.strip() for h in turns if INVISIBLE.sub("", h)]
    kept: list[str] = []
    total = cut = 0
    for h in reversed(turns):
        if len(kept) >= max_turns:
            break
        short = h[-per_turn:]
        if total + len(short) > max_chars:
            break
        cut += short != h
        kept.append(short)
        total += len(short)
    return History(tuple(reversed(kept)), len(turns) - len(kept), cut)
