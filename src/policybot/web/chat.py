"""The first tab, 问政策: a multi-turn chat for entrepreneurs.

Each answer shows its [n] markers; the panel beside the chat lists the cited
clauses of the last answer, and clicking one shows the clause verbatim with
the quote marked. A refused answer lists the closest clauses as 可能相关.
Every answer can be rated (👍 / 👎 / 引用有误, with a comment).
"""

from dataclasses import dataclass
from typing import Any

import gradio as gr

from ..errors import PolicybotError
from ..types import Answer
from . import answer_view, render
from .context import WebContext, guarded

EXAMPLES = [
    "我们在济南搞智能化改造，整个车间改造能补多少？",
    "淄博对专精特新企业有什么培育目标？",
    "济宁新能源产业集群归哪个部门牵头？",
    "市中区的行动计划现在还有效吗？",
    "济南对数字化车间和智能工厂有什么奖励？",
]

# Clicks inside a gr.HTML: one delegated listener, so it survives re-renders.
CLICK_JS = """
element.addEventListener('click', (e) => {
  const t = e.target.closest('[data-cite],[data-clause],[data-doc]');
  if (!t || !element.contains(t)) return;
  trigger('click', {cite: t.dataset.cite || '', clause: t.dataset.clause || '', doc: t.dataset.doc || ''});
});
"""

# An opened clause scrolls into view (on a phone it sits below the citations).
REVEAL_SELF_JS = """
try { watch('value', () => { if (element.textContent.trim()) element.scrollIntoView({block: 'nearest'}); }); } catch (e) {}
"""

RATING_BUTTONS = [("👍 有帮助", "up"), ("👎 没帮助", "down"), ("引用有误", "wrong_citation")]


@dataclass
class ChatTab:
    region: gr.Dropdown
    doc: gr.Dropdown
    focus: gr.State  # {"doc_id", "clause_id", "quote"} of the clause shown beside the chat
    open_doc: gr.Button


def _turn_answer(turns: list[dict[str, Any]], index: int | None = None) -> dict[str, Any] | None:
    if not turns:
        return None
    return turns[-1] if index is None else (turns[index] if 0 <= index < len(turns) else None)


def messages_of(turns: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The chat as Gradio shows it, rebuilt from the server-side turns (what
    the browser sends back is never trusted)."""
    out = []
    for t in turns:
        out.append({"role": "user", "content": render.md_text(t["question"])})
        out.append({"role": "assistant", "content": render.answer_markdown(t["answer"], t.get("note", ""))})
    return out


def pending_messages(turns: list[dict[str, Any]], question: str) -> list[dict[str, str]]:
    """The chat while an answer is being looked up."""
    return messages_of(turns) + [
        {"role": "user", "content": render.md_text(question)},
        {"role": "assistant", "content": '<p class="pb-pending">正在查找相关条款…</p>'},
    ]


# After an answer: bring the newest question and the start of its answer to
# the top of the view (the citations sit beside it on a desktop, right under
# it on a phone).
SHOW_ANSWER_JS = """
() => {
  const asked = document.querySelectorAll('#pb-chat [data-testid="user"]');
  const last = asked[asked.length - 1];
  if (last) last.scrollIntoView({block: 'start', behavior: 'instant'});
}
"""


def build_chat(ctx: WebContext) -> ChatTab:
    service = ctx.service

    def sources(answer: Answer | None) -> str:
        return render.sources_html(answer, service.validity, ctx.doc_of)

    gr.Markdown(
        "问济南、济宁、淄博的产业政策。回答里的每句话都出自政策原文，点击 [n] 或引用卡片可查看条款原文；"
        "找不到依据时会直说。",
        elem_classes=["pb-intro"],
    )
    # One grid: on a desktop the side panel (citations) is a sticky column
    # beside everything else; on a phone the same children stack in this
    # order, so the citations come right under the answer.
    with gr.Column(elem_id="pb-chat-grid"):
        if True:
            with gr.Row(elem_id="pb-filters"):
                region = gr.Dropdown(
                    choices=[("全部地区", "")] + [(r, r) for r in service.regions()],
                    value="",
                    label="地区",
                    elem_id="pb-region",
                    scale=1,
                )
                doc = gr.Dropdown(
                    choices=ctx.doc_choices("全部文件"), value="", label="只看这份文件", elem_id="pb-doc-filter", scale=2
                )
            chatbot = gr.Chatbot(
                value=[],
                label="对话",
                show_label=False,  # a floating label would cover the first message
                elem_id="pb-chat",
                height=None,
                min_height=150,
                max_height="62vh",
                autoscroll=False,  # SHOW_ANSWER_JS shows the start of the answer instead
                latex_delimiters=[],
                sanitize_html=True,
                feedback_options=("Like", "Dislike", "引用有误"),
                placeholder="从下面的例子开始，或直接输入问题。",
                buttons=["copy"],
            )
            with gr.Column(elem_id="pb-side"):
                sources_view = gr.HTML(sources(None), elem_id="pb-sources", js_on_load=CLICK_JS, label="出处")
                citation_view = gr.HTML("", elem_id="pb-citation", js_on_load=REVEAL_SELF_JS)
                open_doc = gr.Button("在全文中查看这一条", visible=False, elem_id="pb-open-doc", size="sm")
            question = gr.Textbox(
                label="你的问题",
                placeholder="例如：我们在济南搞智能化改造，整个车间改造能补多少？",
                lines=2,
                max_lines=6,
                max_length=ctx.settings.max_question_chars,
                elem_id="pb-question",
            )
            with gr.Row(elem_id="pb-send-row"):
                send = gr.Button("发送", variant="primary", elem_id="pb-send")
                reset = gr.Button("新对话", elem_id="pb-reset")
            with gr.Column(elem_id="pb-examples"):
                gr.Examples(examples=[[q] for q in EXAMPLES], inputs=[question], label="例子（点击填入）")
            with gr.Group(elem_id="pb-feedback"):
                comment = gr.Textbox(
                    label="对最新一条回答的评价（可选：先写说明，再点按钮）", lines=1, max_lines=4, elem_id="pb-comment"
                )
                with gr.Row():
                    rate = [gr.Button(label, size="sm", elem_id=f"pb-rate-{key}") for label, key in RATING_BUTTONS]
                feedback_status = gr.HTML("", elem_id="pb-feedback-status", js_on_load=None)

    turns = gr.State([])
    focus = gr.State({})

    def filtered_note(q: str, history: list[str], answer: Answer, region_: str, doc_: str) -> str:
        """Ask again without the filters: say what they left out."""
        if not (region_ or doc_):
            return ""
        doc_meta = ctx.doc_of(doc_) if doc_ else None
        try:
            plain = service.ask(q, history)
        except PolicybotError:  # the filtered answer stands; only the comparison is missing
            plain = None
        return answer_view.filter_note(answer, plain, region=region_ or "", doc_title=doc_meta.title if doc_meta else "")

    @guarded
    def ask(q: str, turns_: list, region_: str, doc_: str):
        q = (q or "").strip()
        history = [t["question"] for t in turns_]
        answer = service.ask(q, history, region=region_ or None, doc_id=doc_ or None)
        note = filtered_note(q, history, answer, region_, doc_)
        turns_ = list(turns_) + [{"question": q, "history": history, "answer": answer, "note": note}]
        return "", messages_of(turns_), turns_, sources(answer), "", gr.update(visible=False), {}, ""

    def show_pending(q: str, turns_: list):
        q = (q or "").strip()
        return pending_messages(turns_, q) if q else gr.update()

    ask_outputs = [question, chatbot, turns, sources_view, citation_view, open_doc, focus, feedback_status]
    ask_inputs = [question, turns, region, doc]
    # one shared limit for both triggers; the service bounds answers across the UI and the API
    limit = ctx.settings.max_concurrent_answers
    for trigger in (send.click, question.submit):
        step = trigger(show_pending, [question, turns], [chatbot], show_progress="hidden", queue=False).then(
            ask, ask_inputs, ask_outputs, concurrency_limit=limit, concurrency_id="pb-ask", show_progress="hidden"
        )
        step.success(None, js=SHOW_ANSWER_JS)
        step.failure(messages_of, [turns], [chatbot], show_progress="hidden")  # the pending message goes

    def new_conversation():
        return [], [], sources(None), "", gr.update(visible=False), {}, "", ""

    reset_outputs = [chatbot, turns, sources_view, citation_view, open_doc, focus, feedback_status, comment]
    reset.click(new_conversation, None, reset_outputs)
    chatbot.clear(new_conversation, None, reset_outputs)  # the chat's own bin icon starts over too

    @guarded
    def show_source(turns_: list, evt: gr.EventData):
        data = getattr(evt, "_data", None) or {}
        turn = _turn_answer(turns_)
        if turn is None:
            return "", gr.update(visible=False), {}
        answer: Answer = turn["answer"]
        if data.get("cite"):
            for c in answer.citations:
                if str(c.n) == str(data["cite"]):
                    html = render.clause_html(
                        c.clause, c.document, service.validity(c.document), quote=c.quote, heading=f"引用 [{c.n}] 原文"
                    )
                    return html, gr.update(visible=True), {"doc_id": c.document.doc_id, "clause_id": c.clause.clause_id, "quote": c.quote}
        if data.get("clause"):
            clause, document = service.clause(data["clause"])
            html = render.clause_html(clause, document, service.validity(document), heading="可能相关的条款（不是回答的依据）")
            return html, gr.update(visible=True), {"doc_id": document.doc_id, "clause_id": clause.clause_id, "quote": ""}
        return gr.update(), gr.update(), gr.update()

    sources_view.click(show_source, [turns], [citation_view, open_doc, focus])

    def record(turn: dict[str, Any] | None, rating: str, text: str) -> str:
        if turn is None:
            return render.notice_html("还没有回答可以评价：先问一个问题。", "warn")
        answer: Answer = turn["answer"]
        ctx.store.add(
            question=turn["question"],
            history=turn["history"],
            answer=answer.answer,
            citations=[c.to_json() for c in answer.citations],
            rating=rating,
            comment=text or "",
            index_version=getattr(service, "index_version", ""),
        )
        label = dict((k, v) for v, k in RATING_BUTTONS)[rating]
        return render.notice_html(f"已记录你的评价（{label}），谢谢！", "ok")

    for button, (_, key) in zip(rate, RATING_BUTTONS, strict=True):

        @guarded
        def rate_last(turns_: list, text: str, _key: str = key):
            return record(_turn_answer(turns_), _key, text), ""

        button.click(rate_last, [turns, comment], [feedback_status, comment])

    @guarded
    def rate_message(turns_: list, text: str, evt: gr.LikeData):
        index = evt.index if isinstance(evt.index, int) else evt.index[0]
        rating = {True: "up", False: "down", "引用有误": "wrong_citation"}.get(evt.liked)
        if rating is None:  # an un-like: nothing to store
            return gr.update(), gr.update()
        return record(_turn_answer(turns_, index // 2), rating, text), ""

    chatbot.like(rate_message, [turns, comment], [feedback_status, comment])

    return ChatTab(region=region, doc=doc, focus=focus, open_doc=open_doc)
