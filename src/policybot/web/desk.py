"""The second tab, 核对引用: the citation desk for officials.

Browse documents and their clause trees, search clauses by keyword and by
responsible department, check whether a sentence really comes from a policy,
read and export the feedback log, and (signed in) add a document.
"""

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from ..errors import PolicybotError
from . import render
from .chat import CLICK_JS
from .context import WebContext, guarded, log
from .feedback import RATINGS, write_csv
from .measures_ui import build_measures_desk
from .uploads import UploadError, check_credentials, check_meta, read_upload, store_upload, uploads_off_message

# After a re-render, bring the focused clause into view: scroll the panel
# that holds the document, not the whole page.
DOC_JS = (
    CLICK_JS
    + """
function pbReveal() {
  const f = element.querySelector('.pb-focus');
  if (!f) return;
  let box = f.parentElement;
  while (box && box !== document.body) {
    const oy = getComputedStyle(box).overflowY;
    if ((oy === 'auto' || oy === 'scroll') && box.scrollHeight > box.clientHeight) break;
    box = box.parentElement;
  }
  if (!box || box === document.body) { f.scrollIntoView({block: 'nearest'}); return; }
  box.scrollTop += f.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 4;
}
try { watch('value', pbReveal); } catch (e) {}
"""
)

FEEDBACK_HEADERS = ["时间", "评价", "评论", "问题", "回答", "引用", "索引版本"]
FEEDBACK_WIDTHS = ["140px", "90px", "200px", "220px", "320px", "260px", "120px"]
META_FIELDS = [
    ("title", "标题"),
    ("number", "文号"),
    ("issuer", "发文机关"),
    ("date", "成文日期（YYYY-MM-DD）"),
    ("region", "地区（如 淄博市）"),
    ("period", "期限（如 2023—2025年）"),
]


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass
class DeskTab:
    subtabs: gr.Tabs
    doc: gr.Dropdown
    doc_view: gr.HTML
    clause_view: gr.HTML
    doc_table: gr.HTML
    open_at: Callable[[dict | None], tuple]  # show a document at one clause
    initial: Callable[[], tuple[str, str]]  # the first document, on page load
    overview: Callable[[], str]  # every document with its metadata

    @property
    def open_outputs(self) -> list:
        return [self.subtabs, self.doc, self.doc_view, self.clause_view]


def build_desk(ctx: WebContext, chat_doc: gr.Dropdown) -> DeskTab:
    """The desk's components, and the functions the rest of the UI needs."""
    service = ctx.service

    def doc_page(doc_id: str, clause_id: str | None = None, quote: str = "") -> tuple[str, str]:
        if not doc_id:
            return '<div class="pb-empty">选择一份文件。</div>', ""
        doc = service.document(doc_id)
        v = service.validity(doc)
        clauses = service.document_clauses(doc_id)
        detail = ""
        if clause_id:
            for c in clauses:
                if c.clause_id == clause_id:
                    detail = render.clause_html(c, doc, v, quote=quote, heading="条款原文")
        return render.document_html(doc, v, clauses, clause_id, quote), detail or '<div class="pb-empty">点击左侧条款查看原文。</div>'

    @guarded
    def open_at(focus: dict | None):
        focus = focus or {}
        doc_id = focus.get("doc_id", "")
        if not doc_id and focus.get("clause_id"):
            doc_id = service.clause(focus["clause_id"])[1].doc_id
        page, detail = doc_page(doc_id, focus.get("clause_id"), focus.get("quote", ""))
        return gr.Tabs(selected="browse"), gr.update(value=doc_id), page, detail

    def overview() -> str:
        return render.documents_table_html(service.documents(), service.validity)

    def refreshed(doc_id: str) -> tuple:
        """After an upload: the new document in every list, selected here."""
        return gr.update(choices=ctx.doc_choices(), value=doc_id), gr.update(choices=ctx.doc_choices("全部文件")), overview()

    docs = service.documents()
    first = docs[0].doc_id if docs else ""
    with gr.Tabs(selected="browse", elem_id="pb-desk-tabs") as subtabs:
        with gr.Tab("文件浏览", id="browse", elem_id="pb-tab-browse"):
            with gr.Accordion(f"全部文件（{len(docs)}）", open=True, elem_id="pb-doc-list"):
                doc_table = gr.HTML(elem_id="pb-doc-table", js_on_load=CLICK_JS)
            doc = gr.Dropdown(choices=ctx.doc_choices(), value=first, label="文件", elem_id="pb-desk-doc")
            with gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    doc_view = gr.HTML(elem_id="pb-doc-view", js_on_load=DOC_JS, max_height=640)
                with gr.Column(scale=2):
                    clause_view = gr.HTML(elem_id="pb-clause-view", js_on_load=None)

        with gr.Tab("条款检索", id="search", elem_id="pb-tab-search"):
            with gr.Row():
                keyword = gr.Textbox(label="关键词", placeholder="例如：专精特新", elem_id="pb-keyword", scale=2)
                dept = gr.Dropdown(
                    choices=[("全部单位", "")] + [(d, d) for d in service.departments()],
                    value="",
                    label="牵头/责任单位",
                    allow_custom_value=True,
                    elem_id="pb-dept",
                    scale=2,
                )
                search_btn = gr.Button("检索", variant="primary", elem_id="pb-search-btn", scale=1)
            hits_view = gr.HTML("", elem_id="pb-hits", js_on_load=CLICK_JS)

        with gr.Tab("引用核对", id="quote", elem_id="pb-tab-quote"):
            quote_in = gr.Textbox(label="粘贴一句据说出自政策文件的话", lines=3, elem_id="pb-quote-in")
            quote_btn = gr.Button("核对", variant="primary", elem_id="pb-quote-btn")
            quote_view = gr.HTML("", elem_id="pb-quote-view", js_on_load=None)

        with gr.Tab("支持措施", id="measures", elem_id="pb-tab-measures") as measures_tab:
            build_measures_desk(ctx, measures_tab)

        with gr.Tab("反馈记录", id="feedback", elem_id="pb-tab-feedback") as feedback_tab:
            with gr.Row():
                rating_filter = gr.Dropdown(
                    choices=[("全部评价", "")] + [(v, k) for k, v in RATINGS.items()], value="", label="评价", elem_id="pb-fb-rating"
                )
                text_filter = gr.Textbox(label="包含文字", elem_id="pb-fb-text")
                refresh = gr.Button("刷新", elem_id="pb-fb-refresh")
                export = gr.Button("导出 CSV", elem_id="pb-fb-export")
            table = gr.Dataframe(
                headers=FEEDBACK_HEADERS,
                value=[],
                datatype=["str"] * len(FEEDBACK_HEADERS),
                interactive=False,
                wrap=True,
                column_widths=FEEDBACK_WIDTHS,
                elem_id="pb-fb-table",
                max_height=520,
            )
            csv_file = gr.File(label="CSV 文件（点击下载）", visible=False, elem_id="pb-fb-csv", interactive=False)

        with gr.Tab("添加文件", id="upload", elem_id="pb-tab-upload"):
            build_upload(ctx, [doc, chat_doc, doc_table], refreshed)

    # --- wiring: browse
    @guarded
    def on_doc(doc_id: str):
        return doc_page(doc_id)

    doc.input(on_doc, [doc], [doc_view, clause_view])

    @guarded
    def on_pick(evt: gr.EventData):
        doc_id = (getattr(evt, "_data", None) or {}).get("doc", "")
        if not doc_id:
            return gr.update(), gr.update(), gr.update()
        return (gr.update(value=doc_id), *doc_page(doc_id))

    doc_table.click(on_pick, None, [doc, doc_view, clause_view])

    @guarded
    def on_node(doc_id: str, evt: gr.EventData):
        clause_id = (getattr(evt, "_data", None) or {}).get("clause", "")
        if not clause_id:
            return gr.update(), gr.update()
        return doc_page(doc_id, clause_id)

    doc_view.click(on_node, [doc], [doc_view, clause_view])

    # --- wiring: search
    @guarded
    def on_search(kw: str, department: str):
        kw, department = (kw or "").strip(), (department or "").strip()
        if not kw and not department:
            return render.notice_html("请输入关键词，或选择一个牵头/责任单位。", "warn")
        return render.hits_html(service.search_clauses(kw, department=department), ctx.doc_of)

    search_btn.click(on_search, [keyword, dept], [hits_view])
    keyword.submit(on_search, [keyword, dept], [hits_view])

    @guarded
    def on_hit(evt: gr.EventData):
        clause_id = (getattr(evt, "_data", None) or {}).get("clause", "")
        if not clause_id:
            return gr.update(), gr.update(), gr.update(), gr.update()
        return open_at({"clause_id": clause_id})

    hits_view.click(on_hit, None, [subtabs, doc, doc_view, clause_view])

    # --- wiring: quote check
    @guarded
    def on_quote(text: str):
        text = (text or "").strip()
        if not text:
            return render.notice_html("请先粘贴要核对的句子。", "warn")
        m = service.check_quote(text)
        return render.quote_match_html(m, service.validity(m.document) if m else None)

    quote_btn.click(on_quote, [quote_in], [quote_view])

    # --- wiring: feedback log
    @guarded
    def on_feedback(rating: str, text: str):
        rows = ctx.store.list(rating=rating or "", text=text or "")
        return [
            [
                f.created[:16].replace("T", " "),
                f.rating_label,
                f.comment,
                f.question,
                _short(f.answer, 160),
                f.citations_line(),
                f.index_version,
            ]
            for f in rows
        ]

    for trigger in (refresh.click, feedback_tab.select, rating_filter.input, text_filter.submit):
        trigger(on_feedback, [rating_filter, text_filter], [table])

    @guarded
    def on_export(rating: str, text: str):
        rows = ctx.store.list(rating=rating or "", text=text or "", limit=1_000_000)
        path = write_csv(rows, Path(tempfile.gettempdir()) / "policybot-exports")
        return gr.update(value=str(path), visible=True)

    export.click(on_export, [rating_filter, text_filter], [csv_file])

    def initial() -> tuple[str, str]:
        try:
            return doc_page(first)
        except Exception:  # noqa: BLE001 - a broken first document must not break the page
            return render.notice_html("这份文件暂时无法显示。", "warn"), ""

    return DeskTab(subtabs, doc, doc_view, clause_view, doc_table, open_at, initial, overview)


def build_upload(ctx: WebContext, refresh: list, refreshed: Callable[[str], tuple]) -> None:
    """Sign-in, then the upload form. Without admin credentials in the
    environment, only a note saying how to turn uploads on."""
    settings, service = ctx.settings, ctx.service
    if not settings.uploads_enabled:
        gr.HTML(render.notice_html(uploads_off_message(), "warn"), elem_id="pb-upload-off", js_on_load=None)
        return

    signed_in = gr.State(False)
    with gr.Column(visible=True, elem_id="pb-signin") as signin_box:
        gr.Markdown("添加文件需要登录（账号由管理员在服务器环境变量中设置）。")
        with gr.Row():
            user = gr.Textbox(label="用户名", elem_id="pb-user", max_lines=1)
            password = gr.Textbox(label="密码", type="password", elem_id="pb-password", max_lines=1)
            signin = gr.Button("登录", variant="primary", elem_id="pb-signin-btn", scale=0, min_width=120)
    signin_status = gr.HTML("", elem_id="pb-signin-status", js_on_load=None)
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

    @guarded
    def on_signin(u: str, p: str):
        if check_credentials(settings, u, p):
            return True, gr.update(visible=False), gr.update(visible=True), render.notice_html(f"已登录：{u}", "ok"), ""
        log.warning("failed sign-in for user %r", (u or "")[:40])
        time.sleep(1.0)  # slow down guessing
        return False, gr.update(), gr.update(visible=False), render.notice_html("用户名或密码不对。", "error"), ""

    signin.click(on_signin, [user, password], [signed_in, signin_box, form, signin_status, password])
    password.submit(on_signin, [user, password], [signed_in, signin_box, form, signin_status, password])

    def on_signout():
        return False, gr.update(visible=True), gr.update(visible=False), render.notice_html("已退出登录。", "info"), ""

    signout.click(on_signout, None, [signed_in, signin_box, form, signin_status, upload_view])

    @guarded
    def on_add(is_signed_in: bool, path: str | None, *meta_values: str):
        if not is_signed_in:
            raise UploadError("请先登录：只有登录的工作人员可以添加文件。")
        if not path:
            raise UploadError("请先选择要上传的文件。")
        meta = check_meta({key: v or "" for (key, _), v in zip(META_FIELDS, meta_values, strict=True)})
        upload = Path(path)
        data = read_upload(upload, max_mb=settings.upload_max_mb)
        stored = store_upload(data, upload.name, settings, signed_in=is_signed_in)
        try:
            doc = service.add_document(stored.path, **meta)
        except Exception as e:
            shutil.rmtree(stored.path.parent, ignore_errors=True)  # the index is unchanged; drop the file too
            if isinstance(e, PolicybotError):  # keep the server's folders out of the message
                raise UploadError(str(e).replace(str(stored.path), stored.original_name)) from None
            raise
        v = service.validity(doc)
        n = len(service.document_clauses(doc.doc_id))
        html = render.notice_html(f"已添加《{doc.title}》：{n} 条条款，现在就可以检索和提问了。", "ok") + render.doc_meta_html(doc, v)
        log.info("document %s added from upload %s", doc.doc_id, stored.path)
        return (html, *refreshed(doc.doc_id), None)

    add.click(on_add, [signed_in, file, *meta_boxes], [upload_view, *refresh, file])
