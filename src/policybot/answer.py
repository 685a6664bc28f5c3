"""The default answerer: no LLM, only verbatim quotes with citations.

question + retrieved clauses -> ``Answer``. The sentences that answer are
quoted verbatim, each followed by its marker [n]; answers spanning several
documents are grouped by document, each with its issuer, 文号, date and
whether it still runs. When the corpus does not answer, the answer says so and
lists the closest clauses as 可能相关 instead of answering from them.

Every quote is checked to be a verbatim span of its clause before it is
shown (``verify``); a citation is only made for a clause the answer quotes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .embeddings import embed_array
from .evidence import (
    MONEY,
    NUMBER,
    SUPPORT_WORDS,
    Evidence,
    coverage,
    duty_span,
    overlap,
    question_terms,
    score_segments,
    topic_words,
)
from .errors import PolicybotError
from .figures import figure_lines
from .index import IndexData
from .query import Query
from .regions import Place, covers
from .retrieve import mentioned_docs
from .types import FOOTER, MASTHEAD, PREAMBLE, Answer, Citation, Hit
from .validity import document_line, past_target_note


class UnverifiedQuoteError(PolicybotError):
    """A quote that is not verbatim in its clause reached the answer text."""


@dataclass(frozen=True)
class Thresholds:
    """When the evidence is too weak to answer. Chosen on the eval set
    (``policybot eval``) and kept coarse so they hold for new questions."""

    min_dense: float = 0.84  # best sentence's cosine to the question (e5 scale)
    min_coverage: float = 0.1  # share of the question's topic words in the best clause
    loose_dense: float = 0.86  # a sentence this close with no shared words: off topic...
    strong_dense: float = 0.88  # ...unless its clause as a whole is closer than this
    min_clause_dense: float = 0.85  # the closest clause, as a whole, to an on-topic question
    margin: float = 0.22  # a further sentence must score within this of the best


# Topic words the corpus never uses that name a kind of money or rule (所得税,
# 租金, 税率): the corpus does not cover that subject.
ABSENT_TOPIC = re.compile(r"税$|^(?:税率|租金|房租|利率|汇率|保费|社保费|公积金)$")

# A question asking for a detail the evidence must show, or be refused.
DETAILS = [
    (re.compile(r"税率|费率|利率|百分之几|百分之多少|几个点|比例是多少|比例多少|多少比例|几成"),
     re.compile(r"\d\s*%|％|百分之"), "写明这一比例的条款"),
    (re.compile(r"截止(?:日期|时间|到)|截至哪|哪天截止|申报时间|申报期|什么时候(?:开始)?申报|什么时候报|受理时间|几月几[号日]截止"),
     re.compile(r"\d{1,2}\s*月\s*\d{0,2}|月底|日前|截止"), "申报时间或截止日期（文件没有规定）"),
    (re.compile(r"网站|网址|链接|官网|电话|热线|邮箱|地址|去哪(?:个|里)?(?:网站)?(?:申报|办|报)|在哪(?:里)?(?:申报|办|报)|窗口|二维码|公众号"),
     re.compile(r"网站|网址|电话|热线|http|www|\d{7,}|地址|窗口|平台"), "办理渠道、网址或联系电话（文件没有写明）"),
    (re.compile(r"(?<![多])(?:每月|每个月|每度|每平|每平方米|每人|每吨|每个品种|每家)"),
     re.compile(r"每月|每个月|每度|每平|每人|每吨|每个品种|每家"), "按这一计量单位的金额（文件没有写明）"),
    (re.compile(r"几年|多少年|多久|多长时间"), re.compile(r"\d+\s*年|[一二三四五六七八九十]年"), "时限的规定"),
    (re.compile(r"申报条件|申请条件|什么条件|哪些条件|需要什么材料|申报材料|申请材料|流程|手续|怎么申请|如何申请|怎么申报|如何申报"),
     re.compile(r"条件|材料|流程|程序|申报|申请|认定|标准"), "申报条件、材料或流程（文件没有写明）"),
]

DOC_QUESTION = re.compile(
    r"有效|过期|到期|还算数|还管用|还能参考|还能用|失效|还在执行|还执行|期限|管到|到哪年|哪天(?:发|出|印|公)|哪年(?:发|出|印)|"
    r"什么时候(?:发|出|印发|出台|公布)|何时(?:发|出)|文号|发文|印发|出台|发布的|公开发布|发至|发到|哪一级|根据(?:省里)?哪个文件|依据"
)
DATE_Q = re.compile(r"哪天|哪年|什么时候|何时|日期|有效|到期|期限|印发时间|发布时间|多久|出台")

INTENT_WORDS = re.compile(r"补贴|补助|奖补|奖励|扶持|资助|比例|最多|最高|多少|金额|拿|给|钱|上限|封顶")

STRICT_AMOUNT = re.compile(r"具体多少|(?:补|奖|给|拿|发)了?多少|多少钱|多少万|补多少|奖多少|给多少|金额|比例|几个点|百分之几|具体数|多少资金|多少补贴|多少奖励|能补多少|奖励多少|补贴多少|补助多少")


class ExtractiveAnswerer:
    def __init__(self, index: IndexData, embeddings, *, today: dt.date | None = None, thresholds: Thresholds = Thresholds()):
        self.index = index
        self.embeddings = embeddings
        self.today = today or dt.date.today()
        self.t = thresholds

    # ------------------------------------------------------------ entry
    def __call__(self, query: Query, hits: list[Hit]) -> Answer:
        if not query.asks:
            return self.refuse(query, hits, "", lead="没有识别到需要查询的政策问题：只看到对助手的指令，这类指令不会被执行。请直接写出想问的政策问题。")
        places = [p for p in query.places if p.kind != "省" or p.name != "山东省"]
        uncovered = [p for p in places if not self._covered(p)]
        if places and len(uncovered) == len(places):
            names = "、".join(p.name for p in uncovered)
            # clauses about other places are no lead for this one: no 可能相关 list
            return self.refuse(query, [], f"关于{names}的政策文件（目前收录：{self._regions()}）")
        if not hits:
            return self.refuse(query, hits, "与这个问题相关的条款")
        qvec = embed_array(self.embeddings, [query.standalone], query=True)[0]
        ev = score_segments(self.index, query, qvec, hits)
        if not ev:
            return self.refuse(query, hits, "与这个问题相关的条款")
        if self.is_about_document(query) and not query.extras.get("beyond"):
            return self.answer_document(query, ev, hits)
        reason = self.refusal_reason(query, ev, hits)
        if reason:
            return self.refuse(query, hits, reason)
        chosen = self.select(query, ev)
        notes = ()
        if uncovered:
            notes = (f"未收录{'、'.join(p.name for p in uncovered)}的政策文件，以下只回答其余地区。",)
        return self.compose(query, chosen, notes)

    def _covered(self, place: Place) -> bool:
        return any(covers(d.region, place) for d in self.index.documents.values())

    def _regions(self) -> str:
        return "、".join(sorted({d.region for d in self.index.documents.values()}))

    # ------------------------------------------------------------ refusal
    def refusal_reason(self, query: Query, ev: list[Evidence], hits: list[Hit]) -> str | None:
        idx = self.index
        best = ev[0]
        best_clause = idx.clauses[best.clause_pos]
        words = topic_words(idx, query.standalone)
        top_text = "\n".join(h.clause.text for h in hits[:3])
        cov = max(coverage(idx, words, best_clause.text), coverage(idx, words, top_text) * 0.9)
        clause_dense = max((h.dense or 0.0) for h in hits[:3])
        # Far from every clause, or sharing no words and only loosely close: off topic.
        # (Closeness and word overlap do not tell a paraphrase from a near-miss question;
        # the specific rules below do that.)
        if best.dense < self.t.min_dense or (
            cov < self.t.min_coverage and best.dense < self.t.loose_dense and clause_dense < self.t.strong_dense
        ):
            return "能回答这个问题的条款"
        # Off topic (天气, 火锅, 房价): none of the question's words is ever used by the
        # documents, or no clause comes close as a whole.
        if (words and not any(idx.token_df.get(w, 0) > 0 for w in words)) or clause_dense < self.t.min_clause_dense:
            return "相关的政策条款（这个问题不在收录的产业政策文件范围内）"
        ask = query.extras.get("ask") or query.text
        absent = [w for w in topic_words(idx, ask) if idx.token_df.get(w, 0) == 0 and ABSENT_TOPIC.search(w)]
        if absent:
            return f"关于「{'、'.join(absent)}」的规定"
        strong = [e for e in ev if e.score >= best.score - self.t.margin * 2][:6]
        close_text = "\n".join(e.text(idx) for e in ev if e.score >= best.score - self.t.margin)
        for asked, need, what in DETAILS:
            if asked.search(ask) and not need.search(close_text):
                return what
        issued = {int(d.date[:4]) for d in idx.documents.values() if d.date and (not query.places or any(covers(d.region, p) for p in query.places))}
        for y in query.years:
            names_doc = y in issued and not re.search(rf"到\s*{y}|{y}\s*年?\s*(?:底|末|前|全年|以后|之后|的目标|目标|要|能|会)", query.text)
            if names_doc or y in query.extras.get("context_years", ()):
                continue  # "济南2020年那份意见" names a document, "现在是2025年底" sets the scene
            if not any(str(y) in e.text(idx) for e in strong):
                docs = {idx.clauses[e.clause_pos].doc_id for e in strong}
                horizon = max((idx.documents[d].horizon or 0) for d in docs) if docs else 0
                later = f"（相关文件所定目标最远到{horizon}年）" if horizon and y > horizon else ""
                return f"关于{y}年的相关内容{later}"
        if "文号" in query.text:
            doc = idx.documents[best_clause.doc_id]
            if not doc.number:
                return f"《{doc.title}》的文号（文件文本中没有载明文号）"
        if "amount" in query.intents and query.extras.get("subsidy") and not STRICT_AMOUNT.search(ask):
            # 有没有技改补贴？ -- a support measure on this very topic, or say there is none
            topic = [w for w in words if not INTENT_WORDS.search(w) and idx.token_df.get(w, 0) > 0]
            if topic and not any(
                SUPPORT_WORDS.search(e.text(idx)) and coverage(idx, topic, idx.clauses[e.clause_pos].text) >= 0.3 for e in strong
            ):
                return f"关于「{'、'.join(topic[:3])}」的补贴、奖励或扶持规定"
        if "amount" in query.intents and STRICT_AMOUNT.search(ask):

            def states_amount(e: Evidence) -> bool:
                t = e.text(idx)
                if not MONEY.search(t) or (query.extras.get("subsidy") and not SUPPORT_WORDS.search(t)):
                    return False
                topic = [w for w in words if not INTENT_WORDS.search(w) and idx.token_df.get(w, 0) > 0]
                return coverage(idx, topic, idx.clauses[e.clause_pos].text) >= 0.3

            if not any(states_amount(e) for e in strong):
                return "写明具体金额或比例的条款（相关条款提到了这项支持，但没有写金额）"
        return None

    def refuse(self, query: Query, hits: list[Hit], what: str, *, lead: str = "") -> Answer:
        """``what`` was not found; ``lead`` replaces that first line when the
        reason is not something missing from the documents."""
        lines = [lead or f"未能在现有政策文件中找到{what}，因此不作回答。"]
        related = tuple(hits[:3])
        if related:
            lines.append("可能相关（仅供参考，不作为答案依据）：")
            for h in related:
                doc = self.index.documents[h.clause.doc_id]
                lines.append(f"- 《{doc.title}》{h.clause.path_str}")  # the path starts with the label already
        return Answer(query.original, "\n".join(lines), True, (), query.standalone, related)

    # ------------------------------------------------------------ selection
    def select(self, query: Query, ev: list[Evidence]) -> list[Evidence]:
        idx = self.index
        chosen: list[Evidence] = []

        def overlaps(e: Evidence) -> bool:
            return any(c.clause_pos == e.clause_pos and c.start < e.end and e.start < c.end for c in chosen)

        def add(e: Evidence) -> None:
            if not overlaps(e):
                chosen.append(e)

        groups = self._groups(query, ev)
        limit = 3 if "list" in query.intents or "comparison" in query.intents else 2
        for group in groups:
            top = group[0]
            add(top)
            taken = 1
            if "amount" in query.intents and not MONEY.search(top.text(idx)):
                money = [e for e in group[1:6] if MONEY.search(e.text(idx)) and e.score >= top.score - self.t.margin * 2]
                if money:
                    add(money[0])
                    taken += 1
            for e in group[1:]:
                if taken >= limit or e.score < top.score - self.t.margin:
                    break
                doc_e = idx.clauses[e.clause_pos].doc_id
                if len(groups) == 1 and doc_e != idx.clauses[top.clause_pos].doc_id and query.places:
                    continue  # the question named its place: stay there
                if "target" in query.intents and not NUMBER.search(e.text(idx)):
                    continue
                before = len(chosen)
                add(e)
                taken += len(chosen) - before
        return chosen

    def _groups(self, query: Query, ev: list[Evidence]) -> list[list[Evidence]]:
        """One group per side of a comparison (document or place), else one."""
        idx = self.index

        def doc_of(e: Evidence) -> str:
            return idx.clauses[e.clause_pos].doc_id

        named = mentioned_docs(idx, query)
        if "comparison" not in query.intents and not named:
            return [ev]
        if named:
            groups = [[e for e in ev if doc_of(e) == d] for d in named]
            return [g for g in groups if g] or [ev]
        places = [p for p in query.places if self._covered(p)]
        if len({p.name for p in places}) < 2:
            return [ev]
        groups = []
        for p in places:
            district_too = any(q.city == p.name and q.kind in ("区", "县") for q in places)
            mine = [e for e in ev if (idx.documents[doc_of(e)].region == p.name) if district_too] if district_too else [
                e for e in ev if covers(idx.documents[doc_of(e)].region, p)]
            if mine:
                groups.append(mine)
        return groups or [ev]

    # ------------------------------------------------------------ documents
    def is_about_document(self, query: Query) -> bool:
        """Asked about the document itself (when issued, 文号, still in force,
        how far it was sent), not about what it says."""
        return bool(DOC_QUESTION.search(query.text)) and not ({"amount", "department", "list"} & query.intents)

    def answer_document(self, query: Query, ev: list[Evidence], hits: list[Hit]) -> Answer:
        """The document's own facts from its masthead, preamble and footer,
        plus the validity line of its header."""
        idx = self.index
        terms = question_terms(idx, query)
        groups = self._groups(query, ev)
        chosen: list[Evidence] = []
        for g in groups:
            doc = idx.clauses[g[0].clause_pos].doc_id
            if "文号" in query.text and not idx.documents[doc].number:
                return self.refuse(query, hits, f"《{idx.documents[doc].title}》的文号（文件文本中没有载明文号）")
            own = [c for c in idx.clauses if c.doc_id == doc and c.kind in (MASTHEAD, PREAMBLE, FOOTER)]
            best = None
            for c in own:
                cp = idx.pos_of[c.clause_id]
                for sid in idx.segments_of(cp):
                    _, a, b = idx.segments[sid]
                    seg = c.text[a:b]
                    score = 2.0 * overlap(terms, seg, idx.tokenizer)
                    score += 1.0 if re.search(r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月|发布日期|\d{4}-\d{2}-\d{2}", seg) and DATE_Q.search(query.text) else 0
                    score += 1.0 if "〔" in seg and "号" in seg and "文号" in query.text else 0
                    score += 2.0 if re.search(r"此件|发至", seg) and re.search(r"公开|发至|发到|哪一级|范围", query.text) else 0
                    score += 1.0 if re.search(r"根据|依据", seg) and re.search(r"根据|依据|哪个文件", query.text) else 0
                    score += 0.5 if re.search(r"(?:19|20)\d{2}\s*[—–-]\s*(?:19|20)\d{2}", seg) and re.search(r"有效|到期|期限|哪年|多长|时间", query.text) else 0
                    if score > 0.3 and (best is None or score > best[0]):
                        best = (score, Evidence(cp, a, b, score, 1.0, 1.0, 1))
            if best is not None:
                chosen.append(best[1])
            else:
                chosen.append(g[0])
        return self.compose(query, chosen)

    # ------------------------------------------------------------ composition
    def compose(self, query: Query, chosen: list[Evidence], notes: tuple[str, ...] = ()) -> Answer:
        idx = self.index
        want_duty = bool({"department", "amount"} & query.intents)
        by_doc: dict[str, list[tuple[int, int, int]]] = {}
        order: list[str] = []
        for e in chosen:
            doc = idx.clauses[e.clause_pos].doc_id
            if doc not in by_doc:
                by_doc[doc] = []
                order.append(doc)
            by_doc[doc].append((e.clause_pos, e.start, e.end))
        if want_duty:
            for doc in order:
                first = by_doc[doc][0][0]
                span = duty_span(idx, first)
                already = any(cp == span[0] and a <= span[1] < b for cp, a, b in by_doc[doc]) if span else True
                if span and not already:
                    by_doc[doc].append(span)
        for doc in order:  # in the order the document says them
            by_doc[doc].sort(key=lambda t: (idx.clauses[t[0]].ordinal, t[1]))
        numbers: dict[str, int] = {}
        citations: list[Citation] = []
        lines: list[str] = []
        for doc_id in order:
            meta = idx.documents[doc_id]
            lines.append(document_line(meta, self.today))
            for cp, a, b in by_doc[doc_id]:
                clause = idx.clauses[cp]
                quote = clause.text[a:b].strip().rstrip("；;，,")
                if not quote:
                    continue
                n = numbers.get(clause.clause_id)
                if n is None:
                    n = numbers[clause.clause_id] = len(numbers) + 1
                    score = max((e.score for e in chosen if e.clause_pos == cp), default=0.0)
                    citations.append(Citation(n, clause, meta, quote, score))
                lines.append(f"· 「{quote}」[{n}]")
        if "amount" in query.intents:  # the figure that applies, before the quotes (figures.py)
            lines[0:0] = figure_lines(query.standalone, citations)
        note = past_target_note("\n".join(ln for ln in lines if ln.startswith("· ")), self.today)
        if note:
            lines.append(note)
        lines.extend(notes)
        answer = Answer(query.original, "\n".join(lines), False, tuple(citations), query.standalone, (), notes)
        return verify(answer)


def verify(answer: Answer) -> Answer:
    """Drop any quote that is not a verbatim span of its clause, and any
    citation the text does not use. Raises if the answer would cite a clause
    it does not quote."""
    kept: list[Citation] = []
    lines = answer.answer.split("\n")
    for c in answer.citations:
        if c.quote and c.quote in c.clause.text:
            kept.append(c)
        else:  # never show an unverified quote
            lines = [ln for ln in lines if f"[{c.n}]" not in ln]
    text = "\n".join(lines)
    used = {int(n) for n in re.findall(r"\[(\d+)\]", text)}
    kept = [c for c in kept if c.n in used]
    for ln in lines:
        for q, n in re.findall(r"「([^「」]*)」\[(\d+)\]", ln):
            cit = next((c for c in kept if c.n == int(n)), None)
            if cit is None or q not in cit.clause.text:
                raise UnverifiedQuoteError(f"unverified quote for [{n}]: {q[:30]}")
    if not kept and not answer.refused:
        return Answer(answer.question, "未能在现有政策文件中找到可以逐字引用的条款，因此不作回答。", True, (), answer.standalone)
    return Answer(answer.question, text, answer.refused, tuple(kept), answer.standalone, answer.related, answer.notes)


def problems(answer: Answer) -> list[str]:
    """What is wrong with an answer's citations (empty when all is well)."""
    out = []
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    ns = [c.n for c in answer.citations]
    if sorted(ns) != list(range(1, len(ns) + 1)):
        out.append(f"citation numbers not 1..n: {ns}")
    for c in answer.citations:
        if c.quote not in c.clause.text:
            out.append(f"[{c.n}] quote not verbatim in clause {c.clause.clause_id}")
        if c.n not in markers:
            out.append(f"[{c.n}] cited but not used in the text")
    for m in markers - set(ns):
        out.append(f"[{m}] used in the text but has no citation")
    if answer.refused and answer.citations:
        out.append("a refused answer carries citations")
    return out

