"""What every part of the web UI shares: the service, the settings, the
feedback store, and the wrapper that turns any error into a message."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from ..errors import PolicybotError
from ..service import Service
from ..settings import Settings
from ..types import DocumentMeta
from .auth import Officials
from .feedback import FeedbackStore
from .messages import zh_message
from .render import esc

log = logging.getLogger("policybot.web")

UNEXPECTED = "出错了：这一步没能完成。请再试一次；如果一直出错，请联系管理员查看服务器日志。"


@dataclass(frozen=True)
class WebContext:
    service: Service
    settings: Settings
    store: FeedbackStore
    officials: Officials | None = field(default=None)

    def __post_init__(self) -> None:
        if self.officials is None:
            object.__setattr__(self, "officials", Officials(self.settings))

    def doc_of(self, doc_id: str) -> DocumentMeta | None:
        try:
            return self.service.document(doc_id)
        except (LookupError, PolicybotError):
            return None

    def doc_choices(self, all_label: str | None = None) -> list[tuple[str, str]]:
        from .render import doc_line

        choices = [(doc_line(d), d.doc_id) for d in self.service.documents()]
        return ([(all_label, "")] if all_label else []) + choices


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Run a UI handler; a PolicybotError reaches the user as its message, any
    other error as a generic one (details go to the log, never the page)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except PolicybotError as e:
            raise gr.Error(esc(zh_message(e)), title="无法完成", print_exception=False) from None
        except Exception:
            log.exception("handler %s failed", getattr(fn, "__name__", fn))
            raise gr.Error(esc(UNEXPECTED), title="出错了", print_exception=False) from None

    return wrapper
