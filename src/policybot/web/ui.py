"""The Gradio Blocks: two tabs, 问政策 (chat) and 核对引用 (citation desk),
plus the theme and CSS. The page loads nothing from the internet: the theme
uses fonts bundled with Gradio and the system's CJK fonts."""

import gradio as gr

from .chat import build_chat
from .context import WebContext, guarded
from .desk import build_desk
from .measures_ui import build_match_tab

TITLE = "policybot · 产业政策问答"

CSS = """
.pb-intro p { margin: 0; color: var(--body-text-color-subdued); }
.pb-empty, .pb-count { color: var(--body-text-color-subdued); padding: 0.5em 0; }
.pb-sources, .pb-hits, .pb-tree { list-style: none; padding-left: 0; margin: 0.3em 0; }
.pb-sources li, .pb-hits li { margin: 0 0 0.5em 0; }
.pb-link { all: unset; box-sizing: border-box; display: block; width: 100%; cursor: pointer; padding: 0.45em 0.6em;
  border: 1px solid var(--border-color-primary); border-radius: 6px; background: var(--background-fill-primary); }
.pb-link:hover, .pb-link:focus-visible { border-color: var(--color-accent); background: var(--background-fill-secondary); }
.pb-n { font-weight: 700; color: var(--color-accent); }
.pb-title { font-weight: 600; }
.pb-sub { display: block; font-size: 0.88em; color: var(--body-text-color-subdued); }
.pb-preview { display: block; font-size: 0.92em; }
.pb-badge { display: inline-block; font-size: 0.8em; padding: 0 0.45em; border-radius: 4px; margin-left: 0.3em; }
.pb-expired { background: #fde2e1; color: #a4261b; font-weight: 700; }
.pb-in-force { background: #e3f4e6; color: #1e6b34; }
.pb-unstated { background: #eef0f3; color: #555; }
.pb-clause h4, .pb-document h3 { margin: 0.2em 0 0.4em 0; }
.pb-source { font-size: 0.92em; }
.pb-path { font-size: 0.88em; color: var(--body-text-color-subdued); margin: 0.2em 0; }
.pb-clause-text { margin: 0.4em 0; padding: 0.5em 0.8em; border-left: 3px solid var(--color-accent);
  background: var(--background-fill-secondary); white-space: pre-wrap; line-height: 1.7; }
.pb-clause-text mark, .pb-clause mark { background: #ffe066; color: inherit; padding: 0 1px; }
.pb-duties { font-size: 0.88em; color: var(--body-text-color-subdued); }
.pb-refused { padding: 0.5em 0.7em; background: #fff4e5; border-radius: 6px; margin: 0.3em 0; }
.pb-tree li { margin: 0.15em 0; }
.pb-tree .pb-link { border-color: transparent; padding: 0.2em 0.4em; }
.pb-tree .pb-focus > .pb-link { border-color: var(--color-accent); background: #fff8db; }
.pb-kind-masthead .pb-preview, .pb-kind-footer .pb-preview { color: var(--body-text-color-subdued); }
.pb-doc-meta dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15em 0.8em; margin: 0 0 0.6em 0; }
.pb-doc-meta dt { color: var(--body-text-color-subdued); }
.pb-doc-meta dd { margin: 0; }
.pb-notice { padding: 0.45em 0.7em; border-radius: 6px; margin: 0.3em 0; }
.pb-ok { background: #e3f4e6; } .pb-warn { background: #fff4e5; } .pb-error { background: #fde2e1; }
.pb-info { background: #eef0f3; }
.pb-doc-table { width: 100%; border-collapse: collapse; font-size: 0.9em; }
.pb-doc-table th, .pb-doc-table td { text-align: left; padding: 0.3em 0.5em; vertical-align: top;
  border-bottom: 1px solid var(--border-color-primary); }
.pb-doc-table td:nth-child(4) { white-space: nowrap; }
.pb-doclink { all: unset; cursor: pointer; color: var(--color-accent); font-weight: 600; }
.pb-doclink:hover, .pb-doclink:focus-visible { text-decoration: underline; }
.pb-verdict { font-weight: 700; margin: 0.3em 0; } .pb-exact { color: #1e6b34; } .pb-similar { color: #a45a00; }
mark.pb-f { padding: 0 1px; border-radius: 3px; color: inherit; }
mark.pb-f.pb-f-rate, mark.pb-f.pb-f-amount, mark.pb-f.pb-f-cap { background: #ffe066; font-weight: 700; }
mark.pb-f.pb-f-base, mark.pb-f.pb-f-case, mark.pb-f.pb-f-per { background: #cfe8ff; }
mark.pb-f.pb-f-kind { background: #ffd6e0; } mark.pb-f.pb-f-condition { background: #e3f4e6; }
mark.pb-f.pb-f-department, mark.pb-f.pb-f-cap_scope { background: #efe3ff; }
.pb-legend { font-size: 0.85em; margin: 0.3em 0; } .pb-working { font-weight: 600; }
.pb-notfound { font-weight: 700; color: #a4261b; padding: 0.4em 0; }
"""


def theme() -> gr.themes.Base:
    # LocalFont is served by Gradio itself; the CJK names are system fonts.
    return gr.themes.Default(
        font=[
            gr.themes.LocalFont("Source Sans Pro"),
            "Noto Sans CJK SC",
            "PingFang SC",
            "Microsoft YaHei",
            "sans-serif",
        ],
        font_mono=[gr.themes.LocalFont("IBM Plex Mono"), "Noto Sans Mono CJK SC", "monospace"],
    )


def build_ui(ctx: WebContext) -> gr.Blocks:
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(f"## {TITLE}\n[API 文档](/docs) · 每个回答都注明出处条款", elem_id="pb-header")
        with gr.Tabs(selected="chat", elem_id="pb-tabs") as tabs:
            with gr.Tab("问政策", id="chat", elem_id="pb-tab-chat"):
                chat = build_chat(ctx)
            with gr.Tab("算一算", id="match", elem_id="pb-tab-match"):
                build_match_tab(ctx)
            with gr.Tab("核对引用", id="desk", elem_id="pb-tab-desk"):
                desk = build_desk(ctx, chat_doc=chat.doc)

        @guarded
        def open_in_desk(focus: dict):
            return (gr.Tabs(selected="desk"), *desk.open_at(focus))

        chat.open_doc.click(open_in_desk, [chat.focus], [tabs, *desk.open_outputs])

        @guarded
        def on_load():
            # documents added since the page was built appear in the filters
            page, detail = desk.initial()
            return (
                gr.update(choices=ctx.doc_choices("全部文件")),
                gr.update(choices=ctx.doc_choices()),
                desk.overview(),
                page,
                detail,
            )

        demo.load(on_load, None, [chat.doc, desk.doc, desk.doc_table, desk.doc_view, desk.clause_view])
    return demo
