"""Who is signed in: officials' sessions, checked on the server for every
call that shows users' data or changes the index.

A successful sign-in creates a random token, bound to the Gradio session
that signed in and sent to the browser as a ``SameSite=Strict`` cookie (for
the file-upload route, which carries no session). A handler called through
Gradio's queue API is allowed only when its request carries that session or
that cookie: hiding a component in the page is not a check.

Failed sign-ins are counted per client address; after
``signin_max_failures`` the client is locked out for
``signin_lockout_seconds``. Nothing sleeps: other users are not slowed.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

from ..settings import Settings
from .uploads import UploadError, check_credentials

COOKIE = "pb_official"
SESSION_SECONDS = 8 * 3600
NOT_SIGNED_IN = "请先登录：只有登录的工作人员可以查看反馈记录和添加文件。"


@dataclass(frozen=True)
class Session:
    user: str
    session_hash: str
    expires: float


def client_key(request: Any) -> str:
    """The address a request came from (the same for every tab of one client)."""
    client = getattr(request, "client", None)
    host = getattr(client, "host", None) if client is not None else None
    return str(host or "unknown")


class Officials:
    """Signed-in sessions and the sign-in lockout, in memory (a restart
    signs everyone out)."""

    def __init__(self, settings: Settings, *, clock=time.monotonic):
        self.settings = settings
        self._clock = clock
        self._lock = threading.Lock()
        self._tokens: dict[str, Session] = {}
        self._failures: dict[str, list[float]] = {}  # client -> times of recent failures
        self._locked_until: dict[str, float] = {}

    # ---- signing in and out
    def sign_in(self, client: str, user: str, password: str, session_hash: str | None) -> str:
        """A new token, or :class:`UploadError` saying why not (wrong
        credentials, or locked out and for how long)."""
        now = self._clock()
        s = self.settings
        with self._lock:
            until = self._locked_until.get(client, 0.0)
            if until > now:
                raise UploadError(_locked_message(until - now))
        if not check_credentials(s, user, password):
            with self._lock:
                recent = [t for t in self._failures.get(client, []) if now - t < s.signin_lockout_seconds] + [now]
                self._failures[client] = recent
                if len(recent) >= s.signin_max_failures:
                    self._locked_until[client] = now + s.signin_lockout_seconds
                    self._failures.pop(client, None)
                    raise UploadError(_locked_message(s.signin_lockout_seconds))
                left = s.signin_max_failures - len(recent)
            raise UploadError(f"用户名或密码不对。再错 {left} 次将暂停登录 {_minutes(s.signin_lockout_seconds)}。")
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._failures.pop(client, None)
            self._tokens = {k: v for k, v in self._tokens.items() if v.expires > now}
            self._tokens[token] = Session(user, session_hash or "", now + SESSION_SECONDS)
        return token

    def sign_out(self, token: str | None = None, session_hash: str | None = None) -> None:
        with self._lock:
            self._tokens = {
                k: v for k, v in self._tokens.items()
                if k != token and not (session_hash and v.session_hash == session_hash)
            }

    # ---- checks
    def valid_token(self, token: str | None) -> bool:
        if not token:
            return False
        with self._lock:
            sess = self._tokens.get(token)
        return sess is not None and sess.expires > self._clock()

    def signed_in(self, request: Any) -> bool:
        """True when the request (a ``gr.Request`` or a Starlette request)
        belongs to a signed-in session or carries a valid cookie."""
        if request is None:
            return False
        cookies = getattr(request, "cookies", None) or {}
        if self.valid_token(cookies.get(COOKIE)):
            return True
        session_hash = getattr(request, "session_hash", None)
        if not session_hash:
            return False
        now = self._clock()
        with self._lock:
            return any(v.session_hash == session_hash and v.expires > now for v in self._tokens.values())

    def require(self, request: Any) -> None:
        if not self.signed_in(request):
            raise UploadError(NOT_SIGNED_IN)


def _minutes(seconds: float) -> str:
    return f"{max(1, round(seconds / 60))} 分钟"


def _locked_message(seconds: float) -> str:
    return f"登录失败次数过多，已暂停登录：请 {_minutes(seconds)}后再试。如忘记密码，请联系管理员。"
