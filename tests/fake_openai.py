"""A local stand-in for an OpenAI-compatible chat endpoint.

``POST /v1/chat/completions`` served by uvicorn on 127.0.0.1 and a free port,
in a thread, so the real client (``ChatOpenAI`` -> openai -> httpx) is what
a test exercises. Each test scripts the reply with ``respond``: a function of
the request body, so a reply can cite the number the prompt gave a clause.
Every request is recorded (headers and body).
"""

from __future__ import annotations

import asyncio
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


@dataclass(frozen=True)
class Reply:
    content: str = ""
    status: int = 200
    delay: float = 0.0  # seconds before answering (for timeouts)
    finish_reason: str = "stop"  # "length": the reply was cut off by max_tokens


class FakeOpenAI:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.respond: Callable[[dict], Reply] = lambda body: Reply("无法回答")
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.url = ""
        app = FastAPI()

        @app.post("/v1/chat/completions")
        async def completions(request: Request):
            body = await request.json()
            self.requests.append({"headers": dict(request.headers), "body": body})
            reply = self.respond(body)
            if reply.delay:
                await asyncio.sleep(reply.delay)
            if reply.status != 200:
                return JSONResponse({"error": {"message": reply.content, "type": "server_error"}}, status_code=reply.status)
            return JSONResponse(
                {
                    "id": f"chatcmpl-{len(self.requests)}",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": body.get("model", ""),
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": reply.content}, "finish_reason": reply.finish_reason}
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }
            )

        self.app = app

    def reset(self, respond: Callable[[dict], Reply] | None = None) -> None:
        self.requests.clear()
        self.respond = respond or (lambda body: Reply("无法回答"))

    def start(self) -> FakeOpenAI:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        self._server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", lifespan="off"))
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the fake OpenAI server did not start")
            time.sleep(0.01)
        self.url = f"http://127.0.0.1:{port}/v1"
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            self._server.force_exit = True  # do not wait for a test's slow reply
        if self._thread is not None:
            self._thread.join(timeout=10)


# ---------------------------------------------------------------- reading the prompt


def messages(body: dict) -> dict[str, str]:
    """role -> content of a recorded request."""
    return {m["role"]: m["content"] if isinstance(m["content"], str) else str(m["content"]) for m in body["messages"]}


def numbered_clauses(body: dict) -> dict[int, str]:
    """The clauses the prompt listed: number -> clause text as shown."""
    user = messages(body)["user"]
    return {int(n): text for n, text in re.findall(r"^\[(\d+)\] 《.*?\n(?:.*\n)*?原文：(.*)$", user, re.MULTILINE)}


def number_of(body: dict, fragment: str) -> int:
    """The prompt number of the first clause whose text contains ``fragment``."""
    for n, text in sorted(numbered_clauses(body).items()):
        if fragment in text:
            return n
    raise AssertionError(f"no clause in the prompt contains {fragment!r}")
