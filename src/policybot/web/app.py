"""``create_app(service, settings)``: FastAPI with the JSON API under /api and
the Gradio UI mounted at /. The service is a parameter, so tests pass a fake
and the top-level ``app.py`` passes the real ``PolicyService``."""

from __future__ import annotations

import os

from fastapi import FastAPI, Request
from fastapi.responses import Response

from ..service import Service
from ..settings import Settings
from .api import api_router, install_docs, install_error_handlers, install_upload_guard
from .feedback import FeedbackStore

DESCRIPTION = (
    "Cited answers from Chinese industrial-policy documents. `POST /api/ask` returns the same JSON as "
    "`policybot ask --json`; every statement carries [n] markers that point into `citations`."
)


def create_app(service: Service, settings: Settings) -> FastAPI:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr  # imported here: importing policybot.web does no work

    from .context import WebContext
    from .ui import CSS, PAGE_JS, build_ui, theme

    app = FastAPI(title="policybot", description=DESCRIPTION, version="1", docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    install_error_handlers(app)
    install_docs(app, "policybot")
    install_chinese_page(app)
    app.include_router(api_router(service, settings))
    ctx = WebContext(service=service, settings=settings, store=FeedbackStore(settings.feedback_db))
    install_upload_guard(app, ctx.officials)
    blocks = build_ui(ctx)
    return gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        server_name=settings.host,
        server_port=settings.port,
        footer_links=[],  # the API is ours (/api, /docs), linked from the header
        run_history=False,
        show_error=False,  # only our own messages reach the page, never an exception's repr
        max_file_size=settings.upload_max_mb * 1024 * 1024,
        ssr_mode=False,
        mcp_server=False,
        pwa=False,
        theme=theme(),
        css=CSS,
        js=PAGE_JS,
    )


# Gradio translates its own texts (drop zones, like buttons, error pills) by
# the browser's language; this page is Chinese for every visitor, so the
# page tells Gradio the language is zh-CN before Gradio's scripts run.
ZH_LOCALE_SCRIPT = (
    b"<script>(function(){try{var d=function(o,k,v){Object.defineProperty(o,k,{get:function(){return v},configurable:true})};"
    b"d(Navigator.prototype,'language','zh-CN');d(Navigator.prototype,'languages',['zh-CN','zh']);}catch(e){}})();</script>"
)


def with_zh_locale(html: bytes) -> bytes:
    """The Gradio page with the zh-CN script first in <head>."""
    i = html.find(b"<head>")
    if i < 0:
        return html
    i += len(b"<head>")
    return html[:i] + ZH_LOCALE_SCRIPT + html[i:]


def install_chinese_page(app: FastAPI) -> None:
    @app.middleware("http")
    async def zh_page(request: Request, call_next):
        response = await call_next(request)
        if request.method != "GET" or request.url.path not in ("/", "/?") or "text/html" not in response.headers.get("content-type", ""):
            return response
        body = b"".join([chunk async for chunk in response.body_iterator])
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        return Response(with_zh_locale(body), status_code=response.status_code, headers=headers)
