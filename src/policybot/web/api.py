"""The JSON API: ask, look up a clause, list the documents.

``POST /api/ask`` returns exactly ``Answer.to_json()`` (the JSON of
``policybot ask --json``). Errors come back as ``{"error": message}``: a
:class:`PolicybotError` is the caller's to fix (400), an unknown id is 404,
anything else is 500 with a generic message; never a traceback.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import BudgetExceeded, BusyError, PolicybotError
from ..limits import Budget, check_history
from ..query import check_question
from ..service import Service, Validity
from ..settings import Settings
from ..types import DocumentMeta

log = logging.getLogger(__name__)


class AskRequest(BaseModel):
    question: str = Field(description="The question, in Chinese.")
    history: list[str] = Field(default_factory=list, description="Earlier questions of this conversation, oldest first.")
    region: str | None = Field(default=None, description="Keep documents of this region, e.g. 济南市.")
    doc_id: str | None = Field(default=None, description="Keep one document.")


class ProjectIn(BaseModel):
    kind: str = Field(description="Project type, e.g. 整车间智能化改造.")
    investment: str | float | None = Field(default=None, description="Planned (equipment) investment: 3000万元, 0.5亿元, or a number of 万元.")


class CertificationIn(BaseModel):
    name: str = Field(description="e.g. 企业技术中心, 绿色工厂.")
    level: str = Field(default="", description="国家级 | 省级 | 市级 | 区级")
    new: bool = Field(default=False, description="Newly granted.")


class MatchRequest(BaseModel):
    region: str = Field(default="", description="e.g. 济南市")
    district: str = Field(default="", description="e.g. 市中区")
    industry: str = ""
    size: str = Field(default="", description="大型 | 中型 | 小型 | 微型")
    projects: list[ProjectIn] = Field(default_factory=list)
    certifications: list[CertificationIn] = Field(default_factory=list)
    facts: list[str] = Field(default_factory=list, description="Anything else true of the company, in words (不裁员, 参保企业).")
    revenue: str | float | None = Field(default=None, description="营业收入 this year (25亿元, or 万元).")
    revenue_before: str | float | None = Field(default=None, description="营业收入 the year before, for 每新上一个…台阶 awards.")


class NotFound(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def validity_json(v: Validity) -> dict[str, Any]:
    return {"status": v.status, "text": v.text, "expired": v.expired}


def document_json(service: Service, doc: DocumentMeta) -> dict[str, Any]:
    return {**doc.to_json(), "validity": validity_json(service.validity(doc))}


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def install_error_handlers(app: FastAPI) -> None:
    """Every error from the API routes becomes ``{"error": message}``."""

    @app.exception_handler(PolicybotError)
    async def _policybot(request: Request, exc: PolicybotError) -> JSONResponse:
        if isinstance(exc, BusyError):
            return JSONResponse({"error": str(exc)}, status_code=503, headers={"Retry-After": str(exc.retry_after)})
        if isinstance(exc, BudgetExceeded):
            return JSONResponse({"error": str(exc)}, status_code=503, headers={"Retry-After": "5"})
        return error(400, str(exc))

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound) -> JSONResponse:
        return error(404, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for e in exc.errors():
            where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "query"))
            problems.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
        return error(422, "invalid request: " + "; ".join(problems))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return error(500, "internal error: the server could not answer this request. Try again; if it persists, see the server log.")


def install_docs(app: FastAPI, title: str) -> None:
    """API docs at /docs served from this machine: Swagger UI from the files
    the ``fastapi-offline`` package ships, when installed, else a plain page
    built from the OpenAPI schema. Nothing is loaded from a CDN."""
    try:
        import fastapi_offline

        static = Path(fastapi_offline.__file__).parent / "static"
    except ImportError:
        static = None

    if static is not None and (static / "swagger-ui-bundle.js").exists():
        from fastapi.openapi.docs import get_swagger_ui_html
        from fastapi.staticfiles import StaticFiles

        app.mount("/docs-static", StaticFiles(directory=str(static)), name="docs-static")

        @app.get("/docs", include_in_schema=False)
        def swagger() -> HTMLResponse:
            return get_swagger_ui_html(
                openapi_url=app.openapi_url or "/openapi.json",
                title=f"{title} API",
                swagger_js_url="/docs-static/swagger-ui-bundle.js",
                swagger_css_url="/docs-static/swagger-ui.css",
                swagger_favicon_url="/docs-static/favicon.png",
            )

        return

    @app.get("/docs", include_in_schema=False)
    def plain() -> HTMLResponse:
        from .render import esc

        items = []
        for path, ops in app.openapi().get("paths", {}).items():
            for method, op in ops.items():
                params = ", ".join(p["name"] for p in op.get("parameters", []))
                body = " (JSON body)" if "requestBody" in op else ""
                items.append(
                    f"<li><code>{esc(method.upper())} {esc(path)}</code> {esc(op.get('summary', ''))}"
                    f"{' — ' + esc(params) if params else ''}{esc(body)}</li>"
                )
        page = f"<h1>{esc(title)} API</h1><p>Schema: <a href='/openapi.json'>/openapi.json</a></p><ul>{''.join(items)}</ul>"
        return HTMLResponse(f"<!doctype html><meta charset='utf-8'><title>{esc(title)} API</title>{page}")


def api_router(service: Service, settings: Settings | None = None) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["policybot"])
    settings = settings or Settings()

    async def _ask(body: AskRequest, request: Request) -> JSONResponse:
        # cheap checks at the edge: a 400 with the message, before any work
        question = check_question(body.question, settings.max_question_chars)
        check_history(body.history, max_turns=settings.max_history_turns, max_chars=settings.max_history_chars)
        budget = Budget(settings.request_seconds)

        def work():
            return service.ask(
                question, list(body.history), region=body.region or None, doc_id=body.doc_id or None, budget=budget
            )

        task = asyncio.ensure_future(run_in_threadpool(work))
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=0.25)
                if done:
                    break
                if await request.is_disconnected():  # the client left: stop the work at its next step
                    budget.cancel()
                    return error(499, "client closed the request")
        except asyncio.CancelledError:
            budget.cancel()
            raise
        return JSONResponse(task.result().to_json())

    @router.post(
        "/ask",
        summary="Ask a question; the answer cites a clause for every statement",
        responses={400: {"description": "bad input, with the message"}, 503: {"description": "busy or over the time budget; retry"}},
    )
    async def ask_post(body: AskRequest, request: Request) -> JSONResponse:
        return await _ask(body, request)

    @router.get("/ask", summary="Ask a question (query parameters)")
    async def ask_get(
        request: Request,
        question: Annotated[str, Query(description="The question.")],
        history: Annotated[list[str] | None, Query(description="Earlier questions; repeat the parameter for each.")] = None,
        region: str | None = None,
        doc_id: str | None = None,
    ) -> JSONResponse:
        return await _ask(AskRequest(question=question, history=history or [], region=region, doc_id=doc_id), request)

    @router.get("/clauses/{clause_id:path}", summary="One clause, verbatim, with its document")
    def clause(clause_id: str) -> dict[str, Any]:
        try:
            c, doc = service.clause(clause_id)
        except (LookupError, PolicybotError) as e:
            raise NotFound(
                f"no clause with id {clause_id!r}. Clause ids look like '<doc_id>:<hash>'; take them from /api/ask citations."
            ) from e
        return {"clause": c.to_json(), "document": doc.to_json(), "validity": validity_json(service.validity(doc))}

    @router.get("/documents", summary="Every document in the index, with its validity")
    def documents() -> list[dict[str, Any]]:
        return [document_json(service, d) for d in service.documents()]

    @router.post("/match", summary="The support measures a company profile qualifies for, with computed amounts and citations")
    def match(body: MatchRequest) -> JSONResponse:
        from ..match import Profile

        return JSONResponse([e.to_json() for e in service.match(Profile.from_json(body.model_dump()))])

    @router.get("/health", summary="Liveness, and the version of the index being served")
    def health() -> dict[str, Any]:
        return {"ok": True, "index_version": getattr(service, "index_version", "")}

    return router


def install_upload_guard(app: FastAPI, officials) -> None:
    """Gradio's file-upload route takes files only from a signed-in
    official (the sign-in cookie); anyone else gets a 401 with the reason."""
    from .auth import NOT_SIGNED_IN

    @app.middleware("http")
    async def _guard(request: Request, call_next):
        if request.url.path.rstrip("/").endswith("/gradio_api/upload") and not officials.signed_in(request):
            return JSONResponse({"error": NOT_SIGNED_IN}, status_code=401)
        return await call_next(request)
