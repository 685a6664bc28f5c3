"""The officials' part of the desk: sign-in, and adding a document.

Every handler here checks the session on the server (``ctx.officials``),
so calling it through Gradio's queue API without signing in does nothing.
An upload is checked, stored, and handed to the service as a background
job; the page polls the job and shows its stages (读取 → 分条 → 向量化 →
写入索引) with an estimate. Its outcome stays on the page until dismissed.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import gradio as gr

from ..errors import PolicybotError
from ..jobs import DONE, DUPLICATE, STAGES, JobStatus
from . import render
from .auth import COOKIE, client_key
from .context import WebContext, guarded, log
from .messages import zh_message
from .uploads import UploadError, check_meta, read_upload, store_upload, uploads_off_message

META_FIELDS = [
    ("title", "标题"),
    ("number", "文号"),
    ("issuer", "发文机关"),
    ("date", "成文日期（YYYY-MM-DD）"),
    ("region", "地区（如 淄博市）"),
    ("period", "期限（如 2023—2025年）"),
]
SET_COOKIE_JS = f"(t) => {{ if (t) document.cookie = '{COOKIE}=' + t + '; path=/; SameSite=Strict'; return []; }}"
CLEAR_COOKIE_JS = f"() => {{ document.cookie = '{COOKIE}=; path=/; max-age=0; SameSite=Strict'; return []; }}"
UPLOAD_CSS = """
.pb-stages { list-style: none; display: flex; flex-wrap: wrap; gap: 0.4em; padding: 0; margin: 0.4em 0; }
.pb-stages li { padding: 0.2em 0.6em; border-radius: 4px; background: #eef0f3; color: #333; }
.pb-stages li.pb-stage-done { background: #e3f4e6; color: #1e6b34; }
.pb-stages li.pb-stage-now { background: #1e4fa3; color: #fff; font-weight: 700; }
.pb-bar { height: 8px; background: #eef0f3; border-radius: 4px; overflow: hidden; }
.pb-bar span { display: block; height: 100%; background: #1e4fa3; }
"""


def _eta(seconds: float | None) -> str:
    if seconds is None:
        return "正在估算剩余时间"
    if seconds < 60:
        return f"预计还需约 {max(1, round(seconds))} 秒"
    return f"预计还需约 {round(seconds / 60)} 分钟"


def progress_html(st: JobStatus, name: str) -> str:
    """The stages of a running job, the current one marked, with a bar and an estimate."""
    now = st.stage_no
    items = []
    for i, stage in enumerate(STAGES, 1):
        cls = "pb-stage-done" if i < now else "pb-stage-now" if i == now else ""
        mark = "✓ " if i < now else ""
        items.append(f'<li class="{cls}">{mark}{render.esc(stage)}</li>')
    pct = round(st.progress * 100)
    head = f"正在添加 {render.esc(name)}：第 {max(now, 1)} 步，共 {len(STAGES)} 步" if now else f"{render.esc(name)} 排队中"
    return (
        f'<div class="pb-notice pb-info" role="status" aria-live="polite"><div>{head}（{pct}%，{_eta(st.eta)}）。'
        "添加期间仍可正常提问，完成后新文件自动生效。</div>"
        f'<ol class="pb-stages">{"".join(items)}</ol>'
        f'<div class="pb-bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="{pct}"><span style="width:{pct}%"></span></div></div>'
    )


def build_upload(
    ctx: WebContext,
    refresh: list,
    refreshed: Callable[[str], tuple],
    locked_panels: list[tuple[gr.components.Component, gr.components.Component]] = (),
) -> None:
    """Sign-in, then the upload form. Without admin credentials in the
    environment, only a note saying how to turn uploads on.

    ``refresh``: the components ``refreshed(doc_id)`` updates after an upload.
    ``locked_panels``: (panel, note) pairs elsewhere that only signed-in
    officials see: the panel is shown and the note hidden on sign-in.
    """
    settings, service, officials = ctx.settings, ctx.service, ctx.officials
    if not settings.uploads_enabled:
        gr.HTML(render.notice_html(uploads_off_message(), "warn"), elem_id="pb-upload-off", js_on_load=None)
        return

    with gr.Column(visible=True, elem_id="pb-signin") as signin_box:
        gr.Markdown("添加文件和查看反馈记录需要登录（账号由管理员在服务器环境变量中设置）。")
        with gr.Row():
            user = gr.Textbox(label="用户名", elem_id="pb-user", max_lines=1)
            password = gr.Textbox(label="密码", type="password", elem_id="pb-password", max_lines=1)
            signin = gr.Button("登录", variant="primary", elem_id="pb-signin-btn", scale=0, min_width=120)
    signin_status = gr.HTML("", elem_id="pb-signin-status", js_on_load=None)
    token = gr.Textbox(visible="hidden", elem_id="pb-token")
    with gr.Group(visible=False, elem_id="pb-upload-form") as form:
        file = gr.File(
            label="政策文件（PDF、HTML、TXT、MD）",
            file_types=[".pdf", ".html", ".htm", ".txt", ".md"],
            type="filepath",
            elem_id="pb-upload-file",
        )
        gr.Markdown("以下信息可选；留空时从文件内容中识别。")
        meta_boxes = [gr.Textbox(label=label, elem_id=f"pb-meta-{key}") for key, label in META_FIELDS]
        with gr.Row():
            add = gr.Button("添加到索引", variant="primary", elem_id="pb-upload-btn")
            signout = gr.Button("退出登录", elem_id="pb-signout")
    upload_view = gr.HTML("", elem_id="pb-upload-result", js_on_load=None)
    dismiss = gr.Button("关闭提示", visible=False, size="sm", elem_id="pb-upload-dismiss")
    job = gr.State({})
    timer = gr.Timer(1.0, active=False)
    panels = [p for p, _ in locked_panels]
    notes = [n for _, n in locked_panels]

    def on_signin(u: str, p: str, request: gr.Request):
        try:
            tok = officials.sign_in(client_key(request), u or "", p or "", getattr(request, "session_hash", None))
        except UploadError as e:
            log.warning("failed sign-in for user %r from %s", (u or "")[:40], client_key(request))
            shown = [gr.update() for _ in panels] + [gr.update() for _ in notes]
            return (gr.update(), gr.update(visible=False), render.notice_html(str(e), "error"), "", "", *shown)
        shown = [gr.update(visible=True) for _ in panels] + [gr.update(visible=False) for _ in notes]
        # the form is shown only once the browser holds the session cookie (below):
        # an upload sent before it would be refused
        return (gr.update(visible=False), gr.update(), render.notice_html(f"已登录：{u}", "ok"), "", tok, *shown)

    def reveal(tok: str):
        return gr.update(visible=bool(tok))

    signin_outputs = [signin_box, form, signin_status, password, token, *panels, *notes]
    for trigger in (signin.click, password.submit):
        trigger(on_signin, [user, password], signin_outputs, show_progress="hidden").then(
            None, [token], None, js=SET_COOKIE_JS
        ).then(reveal, [token], [form], show_progress="hidden")

    def on_signout(request: gr.Request):
        officials.sign_out(session_hash=getattr(request, "session_hash", None), token=(request.cookies or {}).get(COOKIE))
        hidden = [gr.update(visible=False) for _ in panels] + [gr.update(visible=True) for _ in notes]
        return (gr.update(visible=True), gr.update(visible=False), render.notice_html("已退出登录。", "info"), "", "", *hidden)

    signout.click(on_signout, None, [signin_box, form, signin_status, upload_view, token, *panels, *notes]).then(
        None, None, None, js=CLEAR_COOKIE_JS
    )

    def stays(html: str):
        """A message that stays until dismissed; the form stays usable."""
        return html, gr.update(visible=True), {}, gr.Timer(active=False)

    @guarded
    def on_add(path: str | None, title: str, number: str, issuer: str, date: str, region: str, period: str, request: gr.Request):
        officials.require(request)
        meta_values = (title, number, issuer, date, region, period)
        try:
            if not path:
                raise UploadError("请先选择要上传的文件（PDF、HTML、TXT 或 MD），再点「添加到索引」。")
            meta = check_meta({key: v or "" for (key, _), v in zip(META_FIELDS, meta_values, strict=True)})
            upload = Path(path)
            data = read_upload(upload, max_mb=settings.upload_max_mb)
            stored = store_upload(data, upload.name, settings, signed_in=True)
        except PolicybotError as e:
            return stays(render.notice_html(str(e), "error"))
        job_id = service.start_add_document(stored.path, **meta)
        state = {"id": job_id, "folder": str(stored.path.parent), "stored": str(stored.path), "name": stored.original_name}
        html = progress_html(service.job(job_id), stored.original_name)
        return html, gr.update(visible=False), state, gr.Timer(active=True)

    add.click(
        on_add, [file, *meta_boxes], [upload_view, dismiss, job, timer], show_progress="hidden", concurrency_limit=4
    )

    keep = [gr.update() for _ in refresh]

    @guarded
    def on_tick(state: dict, request: gr.Request):
        if not state or not officials.signed_in(request):
            return ("", gr.update(), {}, gr.Timer(active=False), *keep, gr.update())
        st = service.job(state["id"])
        name = state["name"]
        if not st.finished:
            return (progress_html(st, name), gr.update(), state, gr.update(), *keep, gr.update())
        if st.state == DONE:
            doc = st.result
            v = service.validity(doc)
            n = len(service.document_clauses(doc.doc_id))
            html = render.notice_html(
                f"已添加《{doc.title}》：{n} 条条款，用时 {st.elapsed:.0f} 秒，现在就可以检索和提问了。", "ok"
            ) + render.doc_meta_html(doc, v)
            log.info("document %s added from upload %s", doc.doc_id, state["stored"])
            return (html, gr.update(visible=True), {}, gr.Timer(active=False), *refreshed(doc.doc_id), None)
        shutil.rmtree(state["folder"], ignore_errors=True)  # the index is unchanged; drop the file too
        # in Chinese, naming the file but none of the server's folders
        message = zh_message(st.error).replace(state["stored"], name) if st.error else st.message
        kind = "warn" if st.state == DUPLICATE else "error"
        return (render.notice_html(message, kind), gr.update(visible=True), {}, gr.Timer(active=False), *keep, gr.update())

    timer.tick(on_tick, [job], [upload_view, dismiss, job, timer, *refresh, file], show_progress="hidden")

    def on_dismiss():
        return "", gr.update(visible=False)

    dismiss.click(on_dismiss, None, [upload_view, dismiss], show_progress="hidden")
