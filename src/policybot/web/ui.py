"""The Gradio Blocks: two tabs, 问政策 (chat) and 核对引用 (citation desk),
plus the theme and CSS. The page loads nothing from the internet: the theme
uses fonts bundled with Gradio and the system's CJK fonts."""

import gradio as gr

from .chat import build_chat
from .context import WebContext, guarded
from .desk import build_desk
from .measures_ui import build_match_tab
from .officials import UPLOAD_CSS

TITLE = "policybot · 产业政策问答"

# On the whole page: a [n] marker in the newest answer shows its citation.
PAGE_JS = r"""
() => {
  document.addEventListener('click', (e) => {
    const mk = e.target.closest && e.target.closest('#pb-chat .pb-mk');
    if (!mk) return;
    e.preventDefault();
    const answers = document.querySelectorAll('#pb-chat .pb-answer');
    if (mk.closest('.pb-answer') !== answers[answers.length - 1]) return;
    const n = (mk.className.match(/pb-mk-(\d+)/) || [])[1];
    const card = n && document.querySelector('#pb-sources [data-cite="' + n + '"]');
    if (!card) return;
    card.scrollIntoView({block: 'nearest'});
    card.click();
  });
  // Gradio titles its toasts with the English type name ("Error"): say it in Chinese
  const titles = {Error: '出错了', Warning: '请注意', Info: '提示', Success: '完成'};
  const zh = (root) => root.querySelectorAll && root.querySelectorAll('.toast-title').forEach((t) => {
    t.childNodes.forEach((n) => { const k = n.nodeType === 3 && n.data.trim(); if (k && titles[k]) n.data = titles[k] + ' '; });
  });
  new MutationObserver((ms) => ms.forEach((m) => m.addedNodes.forEach((n) => n.nodeType === 1 && zh(n.parentElement || n))))
    .observe(document.body, {childList: true, subtree: true});
}
"""

# After the desk opens a document at a clause: scroll to that clause once it shows.
REVEAL_FOCUS_JS = """
() => {
  let tries = 0;
  const go = () => {
    const f = document.querySelector('#pb-doc-view .pb-focus');
    if (f && f.offsetParent) { f.scrollIntoView({block: 'center'}); return; }
    if (++tries < 60) setTimeout(go, 50);
  };
  go();
}
"""

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
/* readable contrast (WCAG AA, 4.5:1) for small and metadata text */
.pb-n, .pb-doclink, .pb-mk { color: #9a3412 !important; }
.pb-badge.pb-unstated { color: #3f4650; }
/* the answer: headline first, quotes grouped by document, clickable markers */
.pb-answer p { margin: 0.25em 0; }
.pb-headline { font-size: 1.12em; font-weight: 700; line-height: 1.5; }
.pb-understood, .pb-note { color: var(--body-text-color-subdued); font-size: 0.92em; }
.pb-filter-note { padding: 0.35em 0.6em; background: #fff4e5; border-left: 3px solid #b45309; border-radius: 4px; }
.pb-refused-head { font-weight: 700; }
.pb-group { margin: 0.5em 0 0.2em 0; padding: 0.3em 0 0.3em 0.7em; border-left: 3px solid var(--border-color-primary); }
.pb-group-head { margin: 0 0 0.2em 0; font-size: 0.95em; font-weight: 600; }
.pb-group-head.pb-headline { font-size: 1.12em; font-weight: 700; }
.pb-group ul { margin: 0; padding-left: 1.1em; }
.pb-group li { margin: 0.2em 0; line-height: 1.65; }
.pb-mk { all: unset; cursor: pointer; font-weight: 700; padding: 0 2px; border-radius: 3px; }
.pb-mk:hover, .pb-mk:focus-visible { background: #ffe066; outline: 2px solid #9a3412; }
.pb-pending { color: var(--body-text-color-subdued); }
#pb-chat [data-testid="user"] { scroll-margin-top: 12px; }
/* the chat tab: one grid; citations beside the answer on a desktop */
#pb-chat-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr);
  grid-template-rows: repeat(5, auto) 1fr; column-gap: var(--layout-gap); row-gap: 0.6em; align-items: start; }
#pb-chat-grid > * { grid-column: 1; min-width: 0; }
#pb-chat-grid > #pb-side { grid-column: 2; grid-row: 1 / 7; position: sticky; top: 0.5rem;
  max-height: calc(100vh - 1rem); overflow-y: auto; }
/* Gradio's container hides overflow, which would stop the sticky column; clip does not */
.gradio-container { overflow: visible !important; overflow-x: clip !important; }
#pb-intro-wrap, .pb-intro { margin: 0; }
#pb-header p { margin: 0; }
#pb-header h2 { margin: 0.1em 0; }
/* Gradio's own run timer says "processing | 0.6s" in English: not shown */
.meta-text, .meta-text-center { display: none !important; }
/* long document titles stop before the dropdown arrow */
#pb-doc-filter input, #pb-desk-doc input, #pb-dept input, #pb-region input { text-overflow: ellipsis; padding-right: 2em; }
.pb-diff { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 0.8em; margin: 0.4em 0; }
.pb-diff dt { color: var(--body-text-color-subdued); }
.pb-diff dd { margin: 0; line-height: 1.7; }
.pb-diff del { background: #fde2e1; color: #8a1c12; text-decoration: line-through; font-weight: 700; }
.pb-diff ins { background: #e3f4e6; color: #14532d; text-decoration: underline; font-weight: 700; }
.pb-table-wrap { overflow-x: auto; }
.pb-fb-list { list-style: none; padding: 0; margin: 0.3em 0; }
.pb-fb-card { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 0.5em 0.7em; margin: 0 0 0.6em 0; }
.pb-fb-card p { margin: 0.25em 0; }
.pb-fb-rating { font-weight: 700; }
.pb-fb-conv ol { margin: 0.1em 0 0.2em 0; padding-left: 1.6em; }
.pb-fb-a { white-space: pre-wrap; font-size: 0.92em; }
/* tabs wrap instead of hiding behind an overflow menu */
.tab-wrapper { height: auto !important; }
.tab-container[role="tablist"] { flex-wrap: wrap !important; height: auto !important; overflow: visible !important; row-gap: 2px; }
/* Gradio measures these hidden copies to decide which tabs go into a 「⋯」 menu: measured as
   zero-wide, every tab stays in the (wrapping) tab list */
.tab-container.visually-hidden button { width: 0 !important; min-width: 0 !important; padding: 0 !important;
  margin: 0 !important; border: 0 !important; font-size: 0 !important; }
.tab-wrapper .overflow-menu { display: none !important; }
@media (max-width: 760px) {
  #pb-chat-grid { display: flex; flex-direction: column; }
  #pb-chat-grid > #pb-side { position: static; max-height: none; overflow: visible; }
  #pb-side .pb-empty { display: none; }
  .pb-doc-table .pb-opt { display: none; }
  .pb-doc-table td:nth-child(4) { white-space: normal; }
}
"""


CSS += UPLOAD_CSS


def theme() -> gr.themes.Base:
    # LocalFont is served by Gradio itself; the CJK names are system fonts.
    theme = gr.themes.Default(
        font=[
            gr.themes.LocalFont("Source Sans Pro"),
            "Noto Sans CJK SC",
            "PingFang SC",
            "Microsoft YaHei",
            "sans-serif",
        ],
        font_mono=[gr.themes.LocalFont("IBM Plex Mono"), "Noto Sans Mono CJK SC", "monospace"],
    )
    # metadata text at WCAG AA contrast (the default grey is about 2.5:1)
    return theme.set(body_text_color_subdued="#4b5563", block_info_text_color="#4b5563", input_placeholder_color="#6b7280")


def build_ui(ctx: WebContext) -> gr.Blocks:
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(
            f"## {TITLE}\n每个回答都注明出处条款 · [API 文档](/docs)（英文，供开发者接入使用）", elem_id="pb-header"
        )
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

        chat.open_doc.click(open_in_desk, [chat.focus], [tabs, *desk.open_outputs]).success(None, js=REVEAL_FOCUS_JS)

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
