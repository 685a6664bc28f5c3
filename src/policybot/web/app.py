"""``create_app(service, settings)``: FastAPI with the JSON API under /api and
the Gradio UI mounted at /. The service is a parameter, so tests pass a fake
and the top-level ``app.py`` passes the real ``PolicyService``."""

from __future__ import annotations

import os

from fastapi import FastAPI

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
    from .ui import CSS, build_ui, theme

    app = FastAPI(title="policybot", description=DESCRIPTION, version="1", docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    install_error_handlers(app)
    install_docs(app, "policybot")
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
    )
