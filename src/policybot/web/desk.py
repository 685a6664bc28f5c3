"""The second tab, 核对引用: the citation desk for officials.

Browse documents and their clause trees, search clauses by keyword and by
responsible department, check whether a sentence really comes from a policy,
read and export the feedback log, and (signed in) add a document.
"""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import gradio as gr

from . import render
from .desk_view import department_choices, feedback_html, parse_department
from .chat import CLICK_JS
from .context import WebContext, guarded
from .feedback import RATINGS, write_csv
from .officials import META_FIELDS, build_upload  # noqa: F401 - META_FIELDS kept importable from here
from .uploads import uploads_off_message
from .measures_ui import build_measures_desk

# After a re-render, bring the focused clause into view: scroll the panel
# that holds the document, not the whole page.
DOC_JS = (
    CLICK_JS
    + """
// The panel may still be hidden (its tab opening): try again until it shows.
function pbReveal(tries) {
  const f = element.querySelector('.pb-focus');
  if (!f) return;
  if (!f.offsetParent) { if ((tries || 0) < 40) setTimeout(() => pbReveal((tries || 0) + 1), 50); return; }
  f.scrollIntoView({block: 'center'});
}
try { watch('value', () => pbReveal(0)); } catch (e) {}
"""
)



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
        """After an upload: the new document in every list, selected here, and the count."""
        return (
            gr.update(choices=ctx.doc_choices(), value=doc_id),
            gr.update(choices=ctx.doc_choices("全部文件")),
            overview(),
            gr.update(label=f"全部文件（{len(service.documents())}）"),
        )

    def departments() -> list[tuple[str, str]]:
        pairs = [(d.region, name) for d in service.documents() for c in service.document_clauses(d.doc_id) for name in (*c.lead, *c.responsible)]
        return department_choices(pairs, service.regions())

    docs = service.documents()
    first = docs[0].doc_id if docs else ""
    with gr.Tabs(selected="browse", elem_id="pb-desk-tabs") as subtabs:
        with gr.Tab("文件浏览", id="browse", elem_id="pb-tab-browse"):
            with gr.Accordion(f"全部文件（{len(docs)}）", open=True, elem_id="pb-doc-list") as doc_list:
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
                    choices=[("全部单位", "")] + departments(),
                    value="",
                    label="牵头/责任单位",
                    allow_custom_value=True,
                    elem_id="pb-dept",
                    scale=2,
                )
                search_btn = gr.Button("检索", variant="primary", elem_id="pb-search-btn", scale=1)
            hits_view = gr.HTML("", elem_id="pb-hits", js_on_load=CLICK_JS)

        with gr.Tab("引用核对", id="quote", elem_id="pb-tab-quote"):
            quote_in = gr.Textbox(
                label="粘贴一句据说出自政策文件的话", lines=3, max_length=ctx.settings.max_quote_chars, elem_id="pb-quote-in"
            )
            quote_btn = gr.Button("核对", variant="primary", elem_id="pb-quote-btn")
            quote_view = gr.HTML("", elem_id="pb-quote-view", js_on_load=None)

        with gr.Tab("支持措施", id="measures", elem_id="pb-tab-measures") as measures_tab:
            build_measures_desk(ctx, measures_tab)

        with gr.Tab("反馈记录", id="feedback", elem_id="pb-tab-feedback") as feedback_tab:
            locked = (
                "反馈记录含有用户的提问，只对登录的工作人员开放：请先在「添加文件」页登录。"
                if ctx.settings.uploads_enabled
                else "反馈记录只对登录的工作人员开放。" + uploads_off_message()
            )
            fb_note = gr.HTML(render.notice_html(locked, "info"), elem_id="pb-fb-locked", js_on_load=None)
            with gr.Column(visible=False, elem_id="pb-fb-panel") as fb_panel:
                with gr.Row():
                    rating_filter = gr.Dropdown(
                        choices=[("全部评价", "")] + [(v, k) for k, v in RATINGS.items()],
                        value="",
                        label="评价",
                        elem_id="pb-fb-rating",
                    )
                    text_filter = gr.Textbox(label="包含文字", elem_id="pb-fb-text")
                    refresh = gr.Button("刷新", elem_id="pb-fb-refresh")
                    export = gr.Button("导出 CSV", elem_id="pb-fb-export")
                # the CSV link right under its button; the log as cards (readable on a phone)
                csv_file = gr.File(label="CSV 文件（点击下载）", visible=False, elem_id="pb-fb-csv", interactive=False)
                table = gr.HTML("", elem_id="pb-fb-table", js_on_load=None)

        with gr.Tab("添加文件", id="upload", elem_id="pb-tab-upload"):
            build_upload(ctx, [doc, chat_doc, doc_table, doc_list], refreshed, [(fb_panel, fb_note)])

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
        kw = (kw or "").strip()
        region, department = parse_department(department)
        if not kw and not department:
            return render.notice_html("请输入关键词，或选择一个牵头/责任单位。", "warn")
        hits = service.search_clauses(kw, department=department, region=region or None)
        return render.hits_html(hits, ctx.doc_of)

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
        if len(text) > ctx.settings.max_quote_chars:
            return render.notice_html(
                f"要核对的句子太长（{len(text)} 字）：一次最多核对 {ctx.settings.max_quote_chars} 字，请只粘贴要核对的那一两句。", "warn"
            )
        m = service.check_quote(text)
        return render.quote_match_html(m, service.validity(m.document) if m else None, pasted=text)

    quote_btn.click(on_quote, [quote_in], [quote_view], concurrency_limit=ctx.settings.max_concurrent_answers)

    # --- wiring: feedback log
    @guarded
    def on_feedback(rating: str, text: str, request: gr.Request):
        if not ctx.officials.signed_in(request):  # checked here, not only by hiding the panel
            return ""
        return feedback_html(ctx.store.list(rating=rating or "", text=text or ""))

    for trigger in (refresh.click, feedback_tab.select, rating_filter.input, text_filter.submit):
        trigger(on_feedback, [rating_filter, text_filter], [table])

    @guarded
    def on_export(rating: str, text: str, request: gr.Request):
        ctx.officials.require(request)
        rows = ctx.store.list(rating=rating or "", text=text or "", limit=1_000_000)
        path = write_csv(rows, Path(tempfile.gettempdir()) / "policybot-exports")
        return gr.update(value=str(path), visible=True)

    export.click(on_export, [rating_filter, text_filter], [csv_file]).then(
        None, js="() => { const el = document.getElementById('pb-fb-csv'); if (el) el.scrollIntoView({block: 'nearest'}); }"
    )

    def initial() -> tuple[str, str]:
        try:
            return doc_page(first)
        except Exception:  # noqa: BLE001 - a broken first document must not break the page
            return render.notice_html("这份文件暂时无法显示。", "warn"), ""

    return DeskTab(subtabs, doc, doc_view, clause_view, doc_table, open_at, initial, overview)
