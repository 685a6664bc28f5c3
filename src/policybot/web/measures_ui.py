"""Support measures in the app: the eligibility form (算一算, for
entrepreneurs) and the measures table of the citation desk (for officials:
filter by region, kind, department and validity; a row opens its clause with
every field highlighted; a "wrong" mark goes into the feedback store and is
exported with it)."""

from __future__ import annotations

from collections.abc import Sequence

import gradio as gr

from ..errors import PolicybotError
from ..match import Certification, Eligibility, Profile, Project, details, money_wan
from ..measures import Measure, Span
from .chat import CLICK_JS
from .context import WebContext, guarded
from .render import esc, notice_html, validity_badge

# field -> (label shown in the legend, priority when spans overlap)
FIELDS = {
    "condition": ("条件", 1),
    "cap_scope": ("上限范围", 2),
    "department": ("部门", 2),
    "kind": ("类型", 3),
    "base": ("计算基数", 3),
    "case": ("情形", 4),
    "per": ("计量单位", 4),
    "rate": ("比例", 5),
    "amount": ("金额", 5),
    "cap": ("上限", 5),
}
LEVELS = ["", "国家级", "省级", "市级", "区级"]
VALIDITY = [("全部", ""), ("有效", "in_force"), ("已到期", "expired"), ("未载明", "unstated")]
WRONG = "wrong_measure"


def _field(name: str) -> str:
    return "condition" if name.startswith("condition") else "department" if name.startswith("department") else name


def highlighted(text: str, spans: dict[str, Span]) -> str:
    """The clause with each field marked (<mark class="pb-f-rate" title="比例">)."""
    label: list[str | None] = [None] * len(text)
    prio = [0] * len(text)
    for name, s in spans.items():
        f = _field(name)
        p = FIELDS.get(f, ("", 0))[1]
        for i in range(max(0, s.start), min(len(text), s.end)):
            if p > prio[i]:
                label[i], prio[i] = f, p
    out, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and label[j] == label[i]:
            j += 1
        chunk = esc(text[i:j])
        f = label[i]
        out.append(f'<mark class="pb-f pb-f-{f}" title="{FIELDS[f][0]}">{chunk}</mark>' if f else chunk)
        i = j
    return "".join(out)


def legend() -> str:
    return '<div class="pb-legend">' + "".join(
        f'<mark class="pb-f pb-f-{f}">{esc(lab)}</mark> ' for f, (lab, _) in FIELDS.items()
    ) + "</div>"


def _value_text(m: Measure) -> str:
    parts = []
    if m.case:
        parts.append(m.case.text)
    if m.rate:
        parts.append((f"{m.base.text}的" if m.base else "") + m.rate.text)
    if m.amount:
        parts.append((m.per.text if m.per else "") + m.amount.text)
    if m.cap:
        parts.append(f"{m.cap_scope.text if m.cap_scope else ''}最高{m.cap.text}")
    return "，".join(parts) or "（未写明金额）"


def measures_table_html(rows: Sequence[tuple[Measure, str, str, str]]) -> str:
    """rows: (measure, region, document title, validity badge html)."""
    if not rows:
        return '<div class="pb-empty">没有符合条件的支持措施。</div>'
    body = []
    for m, region, title, badge in rows:
        depts = "、".join(d.text for d in m.departments[:3]) + ("等" if len(m.departments) > 3 else "")
        body.append(
            f'<tr><td>{esc(region)}</td><td><button class="pb-doclink" data-cite="{esc(m.measure_id)}">{esc(m.kind)}</button></td>'
            f"<td>{esc(_value_text(m))}</td><td>{esc(depts)}</td><td>{esc(title)} {badge}</td></tr>"
        )
    return (
        f'<div class="pb-count">共 {len(rows)} 项支持措施（点击类型查看原文与各字段）</div>'
        '<table class="pb-doc-table pb-measures"><thead><tr><th>地区</th><th>类型</th><th>比例/金额/上限</th>'
        f"<th>部门</th><th>文件</th></tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def measure_detail_html(m: Measure, clause_text: str, title: str, path: str) -> str:
    return (
        f'<div class="pb-clause"><h4>{esc(m.kind)}：{esc(_value_text(m))}</h4>'
        f'<div class="pb-path">《{esc(title)}》 {esc(path)}</div>{legend()}'
        f'<div class="pb-clause-text pb-measure-text">{highlighted(clause_text, m.spans())}</div></div>'
    )


def eligibility_html(results: Sequence[Eligibility], clause_text) -> str:
    if not results:
        return notice_html("没有找到与这些情况相符的支持措施。可以换个项目类型，或去掉地区再试。", "info")
    cards = []
    for e in results:
        m = e.measure
        status = "pb-ok" if e.status == "适用" else "pb-warn"
        lines = [f'<div class="pb-notice {status}"><b>{esc(e.status)}</b> · {esc(m.kind)}'
                 + (f"：<b>{esc(e.amount)}</b>" if e.amount else "") + "</div>"]
        for label, text in details(e):
            css = ' class="pb-working"' if label == "计算" else ""
            lines.append(f"<div{css}>{label}：{esc(text)}</div>")
        lines.append(f'<div class="pb-sub">《{esc(e.document.title)}》（{esc(e.validity)}）</div>')
        spans = {name: s for name, s in m.spans().items() if s in e.spans}  # the figures' own text
        text = clause_text(m.clause_id)
        lines.append(f'<div class="pb-clause-text">{highlighted(text, spans)}</div>')
        cards.append(f'<li class="pb-eligible">{"".join(lines)}</li>')
    return f'<ul class="pb-hits">{"".join(cards)}</ul>'


def _lists(s: str) -> list[str]:
    return [x.strip() for x in (s or "").replace("，", ",").replace("、", ",").split(",") if x.strip()]


def _wan(value, what: str) -> float | None:
    try:
        return money_wan(value) if value not in (None, "") else None
    except ValueError:
        raise PolicybotError(f"{what}填写有误：「{value}」。请填数字（万元），例如 3000，或写成 2.5亿元。") from None


def profile_of(region, district, industry, size, project, investment, cert, level, new, facts, revenue="", revenue_before="") -> Profile:
    inv = _wan(investment, "计划投资")
    return Profile(
        region=region or "", district=(district or "").strip(), industry=(industry or "").strip(), size=size or "",
        projects=(Project(project.strip(), inv),) if (project or "").strip() else (),
        certifications=(Certification(cert.strip(), level or "", bool(new)),) if (cert or "").strip() else (),
        facts=tuple(_lists(facts)),
        revenue=_wan(revenue, "今年营业收入"),
        revenue_before=_wan(revenue_before, "上年营业收入"),
    )


def build_match_tab(ctx: WebContext) -> None:
    """The 算一算 tab: a company profile in, the measures that apply out."""
    service = ctx.service
    gr.Markdown("填写企业情况，列出可能享受的支持措施：能算出的金额附计算过程，每个数字都标出它在原文中的位置。")
    with gr.Row():
        region = gr.Dropdown(choices=[("全部地区", "")] + [(r, r) for r in service.regions()], value="", label="地区", elem_id="pb-m-region")
        district = gr.Textbox(label="区县（可选）", placeholder="例如：市中区", elem_id="pb-m-district")
        industry = gr.Textbox(label="行业", placeholder="例如：装备制造", elem_id="pb-m-industry")
        size = gr.Dropdown(choices=["", "大型", "中型", "小型", "微型"], value="", label="企业规模", elem_id="pb-m-size")
    with gr.Row():
        project = gr.Textbox(label="项目类型", placeholder="例如：整车间智能化改造", elem_id="pb-m-project")
        investment = gr.Textbox(label="计划设备投资（万元）", placeholder="例如：3000", elem_id="pb-m-investment")
    with gr.Row():
        cert = gr.Textbox(label="资质/认定", placeholder="例如：企业技术中心", elem_id="pb-m-cert")
        level = gr.Dropdown(choices=LEVELS, value="", label="级别", elem_id="pb-m-level")
        new = gr.Checkbox(label="新获批", elem_id="pb-m-new")
    with gr.Row():
        revenue = gr.Textbox(label="今年营业收入（万元）", placeholder="例如：25亿元", elem_id="pb-m-revenue")
        revenue_before = gr.Textbox(label="上年营业收入（万元）", placeholder="例如：18亿元", elem_id="pb-m-revenue-before")
    facts = gr.Textbox(label="其他情况（用逗号分开）", placeholder="例如：不裁员, 参保企业", elem_id="pb-m-facts")
    go = gr.Button("查询可享受的支持", variant="primary", elem_id="pb-m-go")
    out = gr.HTML("", elem_id="pb-m-results", js_on_load=None)

    @guarded
    def on_go(*values):
        results = service.match(profile_of(*values))
        return eligibility_html(results, lambda cid: service.clause(cid)[0].text)

    go.click(on_go, [region, district, industry, size, project, investment, cert, level, new, facts, revenue, revenue_before], [out])


def build_measures_desk(ctx: WebContext, tab: gr.Tab) -> None:
    """The desk's 支持措施 tab: the table, its filters, a clause with its fields
    highlighted, and the "wrong" mark."""
    service = ctx.service
    kinds = sorted({m.kind for m in service.measures()})
    with gr.Row():
        region = gr.Dropdown(choices=[("全部地区", "")] + [(r, r) for r in service.regions()], value="", label="地区", elem_id="pb-ms-region")
        kind = gr.Dropdown(choices=[("全部类型", "")] + [(k, k) for k in kinds], value="", label="类型", elem_id="pb-ms-kind")
        dept = gr.Textbox(label="部门（包含）", elem_id="pb-ms-dept")
        valid = gr.Dropdown(choices=VALIDITY, value="", label="效力", elem_id="pb-ms-valid")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            table = gr.HTML("", elem_id="pb-ms-table", js_on_load=CLICK_JS, max_height=640)
        with gr.Column(scale=2):
            detail = gr.HTML('<div class="pb-empty">点击一行查看原文。</div>', elem_id="pb-ms-detail", js_on_load=None)
            comment = gr.Textbox(label="哪里有误（可选）", elem_id="pb-ms-comment")
            wrong = gr.Button("标记为有误", elem_id="pb-ms-wrong", size="sm")
            status = gr.HTML("", elem_id="pb-ms-status", js_on_load=None)
    chosen = gr.State("")

    def rows(region_: str, kind_: str, dept_: str, valid_: str):
        out = []
        for m in service.measures():
            doc = service.document(m.doc_id)
            v = service.validity(doc)
            if (region_ and doc.region != region_) or (kind_ and m.kind != kind_) or (valid_ and v.status != valid_):
                continue
            if dept_ and not any(dept_.strip() in d.text for d in m.departments):
                continue
            out.append((m, doc.region, doc.title, validity_badge(v)))
        return out

    @guarded
    def on_filter(*f):
        return measures_table_html(rows(*f))

    filters = [region, kind, dept, valid]
    for trigger in (tab.select, region.input, kind.input, dept.submit, valid.input):
        trigger(on_filter, filters, [table])

    def find(mid: str) -> Measure:
        m = next((m for m in service.measures() if m.measure_id == mid), None)
        if m is None:
            raise PolicybotError("这项措施已不在当前索引中，请刷新页面。")
        return m

    @guarded
    def on_pick(evt: gr.EventData):
        mid = (getattr(evt, "_data", None) or {}).get("cite", "")
        if not mid:
            return gr.update(), gr.update(), ""
        m = find(mid)
        c, doc = service.clause(m.clause_id)
        return mid, measure_detail_html(m, c.text, doc.title, c.path_str), ""

    table.click(on_pick, None, [chosen, detail, status])

    @guarded
    def on_wrong(mid: str, text: str):
        if not mid:
            return notice_html("请先在左侧选择一项措施。", "warn"), gr.update()
        m = find(mid)
        c, doc = service.clause(m.clause_id)
        ctx.store.add(
            question=f"措施核对：{m.kind} {_value_text(m)}",
            history=[],
            answer=m.sentence.text,
            citations=[{"n": 1, "clause_id": c.clause_id, "path": list(c.path), "quote": m.sentence.text,
                        "measure": m.to_json(), "document": {"id": doc.doc_id, "title": doc.title}}],
            rating=WRONG,
            comment=text or "",
            index_version=getattr(service, "index_version", ""),
        )
        return notice_html("已记录，可在「反馈记录」中查看和导出。", "ok"), ""

    wrong.click(on_wrong, [chosen, comment], [status, comment])
