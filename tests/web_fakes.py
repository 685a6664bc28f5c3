"""A small stand-in for ``PolicyService`` for the web tests.

It implements the ``Service`` protocol over a few hand-made clauses, with
crude but deterministic behaviour: character-bigram overlap picks the
clauses, the first sentence of each is the quote, follow-ups are rewritten by
prefixing the previous question. It does not measure retrieval or answering;
it lets the app be tested without the index. ``add_document`` runs the real
reader and clause parser so uploads produce real clauses.

With ``hostile=True`` one more document carries HTML and script in its title
and clause text, for the escaping tests.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import time
from collections.abc import Sequence
from pathlib import Path

from policybot.errors import DuplicateDocumentError, PolicybotError, QuestionError
from policybot.jobs import JobRegistry, JobStatus
from policybot.service import QuoteMatch, Validity
from policybot.types import CLAUSE, HEADING, Answer, Citation, Clause, DocumentMeta, Hit

TODAY = dt.date(2026, 1, 15)
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">${alert(3)}{{constructor}}'


def _doc(doc_id: str, title: str, issuer: str, date: str, region: str, **kw) -> DocumentMeta:
    return DocumentMeta(doc_id=doc_id, title=title, issuer=issuer, date=date, region=region, level=kw.pop("level", "市"), **kw)


def _clauses(doc_id: str, rows: list[tuple]) -> list[Clause]:
    out, parents, pos = [], {}, 0
    for i, row in enumerate(rows):
        kind, path, label, text, *rest = row
        lead = rest[0] if rest else ()
        resp = rest[1] if len(rest) > 1 else ()
        cid = f"{doc_id}:{i:04d}"
        parents[path] = cid
        out.append(
            Clause(
                clause_id=cid,
                doc_id=doc_id,
                ordinal=i,
                kind=kind,
                path=path,
                label=label,
                text=text,
                start=pos,
                end=pos + len(text),
                source_start=pos,
                source_end=pos + len(text),
                page=1 + i // 3,
                lead=tuple(lead),
                responsible=tuple(resp),
                parent_id=parents.get(path[:-1]),
            )
        )
        pos += len(text) + 2
    return out


DOCS = [
    _doc(
        "jinan-demo-2023-plan",
        "济南市推进新型工业化三年行动计划（2023—2025年）",
        "济南市人民政府",
        "2023-11-01",
        "济南市",
        number="济政发〔2023〕18号",
        kind="行动计划",
        period="2023—2025年",
        valid_from="2023-11-01",
        valid_until="2025-12-31",
    ),
    _doc(
        "shizhong-demo-2024-plan",
        "济南市市中区产业转型升级行动计划（2024—2026年）",
        "济南市市中区人民政府",
        "2024-10-24",
        "济南市市中区",
        level="区",
        number="市中政字〔2024〕29号",
        kind="行动计划",
        period="2024—2026年",
        valid_from="2024-10-24",
        valid_until="2026-12-31",
    ),
    _doc(
        "zibo-demo-2023-plan",
        "淄博市先进制造业强市实施方案（2023—2025年）",
        "淄博市人民政府",
        "2023-02-06",
        "淄博市",
        number="淄政字〔2023〕7号",
        kind="实施方案",
        period="2023—2025年",
        valid_until="2025-12-31",
    ),
    _doc(
        "jining-demo-2020-opinions",
        "关于加快先进制造业集群开放创新发展的意见",
        "中共济宁市委、济宁市人民政府",
        "2020-08-15",
        "济宁市",
        number="济发〔2020〕16号",
        kind="意见",
    ),
]

CLAUSES = {
    "jinan-demo-2023-plan": _clauses(
        "jinan-demo-2023-plan",
        [
            (HEADING, ("二、重点任务",), "二、", "二、重点任务"),
            (
                CLAUSE,
                ("二、重点任务", "（三）实施智能化改造"),
                "二、（三）",
                "（三）实施智能化改造。对整体车间智能化改造项目，按设备投资额的15%给予补助，最高不超过500万元。"
                "对数字化车间、智能工厂分别给予50万元、100万元奖励。",
                ("市工业和信息化局",),
                ("市财政局", "各区县政府"),
            ),
            (
                CLAUSE,
                ("二、重点任务", "（四）培育专精特新企业"),
                "二、（四）",
                "（四）培育专精特新企业。到2025年，全市专精特新中小企业达到1500家。对新认定的国家级专精特新“小巨人”企业给予50万元奖励。",
                ("市工业和信息化局",),
            ),
        ],
    ),
    "shizhong-demo-2024-plan": _clauses(
        "shizhong-demo-2024-plan",
        [
            (HEADING, ("三、主要任务",), "三、", "三、主要任务"),
            (
                CLAUSE,
                ("三、主要任务", "（一）推动产业数字化转型"),
                "三、（一）",
                "（一）推动产业数字化转型。支持区内工业企业开展智能化改造和数字化转型，每年实施技术改造项目10个以上。",
                ("区工业和信息化局",),
            ),
        ],
    ),
    "zibo-demo-2023-plan": _clauses(
        "zibo-demo-2023-plan",
        [
            (CLAUSE, ("一、总体目标",), "一、", "一、总体目标。力争到2025年，制造业增加值占全市GDP比重保持在35%左右。"),
            (
                CLAUSE,
                ("二、重点任务", "（二）培育优质企业梯队"),
                "二、（二）",
                "（二）培育优质企业梯队。到2025年，培育省级以上专精特新中小企业600家，国家级专精特新“小巨人”企业60家。",
                ("市工业和信息化局",),
                ("各区县政府",),
            ),
        ],
    ),
    "jining-demo-2020-opinions": _clauses(
        "jining-demo-2020-opinions",
        [
            (
                CLAUSE,
                ("三、培育先进制造业集群", "（二）新能源产业集群"),
                "三、（二）",
                "（二）新能源产业集群。围绕氢能、光伏和储能，打造新能源产业集群。牵头单位：市发展改革委。",
                ("市发展改革委",),
                ("市工业和信息化局",),
            ),
        ],
    ),
}

HOSTILE_DOC = _doc("hostile-test-doc", "测试文件<img src=x onerror=alert(4)>", "测试机关<b>粗体</b>", "2024-01-01", "济南市")
HOSTILE_CLAUSES = _clauses(
    "hostile-test-doc",
    [(CLAUSE, ("一、脚本测试条款",), "一、", f"一、脚本测试条款。{XSS}这一句用于检查转义。", ("测试<i>部门</i>",))],
)


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"\s+", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _first_sentence(text: str) -> str:
    m = re.search(r"[^。]*[0-9０-９%万元家个][^。]*。", text)
    return m.group(0) if m else text.split("。")[0] + "。"


class FakeService:
    """Implements ``policybot.service.Service`` over hand-made clauses."""

    index_version = "fake-index-1"

    def __init__(self, *, hostile: bool = False, today: dt.date = TODAY, max_question_chars: int = 2000):
        self.today = today
        self.max_question_chars = max_question_chars
        self._docs = {d.doc_id: d for d in DOCS}
        self._clauses = {k: list(v) for k, v in CLAUSES.items()}
        if hostile:
            self._docs[HOSTILE_DOC.doc_id] = HOSTILE_DOC
            self._clauses[HOSTILE_DOC.doc_id] = list(HOSTILE_CLAUSES)
        self.asked: list[tuple[str, tuple[str, ...], str | None, str | None]] = []
        self.added: list[Path] = []
        self.jobs = JobRegistry()

    # --- lookups
    def documents(self) -> list[DocumentMeta]:
        return list(self._docs.values())

    def document(self, doc_id: str) -> DocumentMeta:
        try:
            return self._docs[doc_id]
        except KeyError:
            raise KeyError(f"no document {doc_id!r}") from None

    def document_clauses(self, doc_id: str) -> list[Clause]:
        self.document(doc_id)
        return list(self._clauses.get(doc_id, []))

    def _all(self) -> list[Clause]:
        return [c for cs in self._clauses.values() for c in cs]

    def clause(self, clause_id: str) -> tuple[Clause, DocumentMeta]:
        for c in self._all():
            if c.clause_id == clause_id:
                return c, self._docs[c.doc_id]
        raise KeyError(f"no clause {clause_id!r}")

    def regions(self) -> list[str]:
        order = ["济南市", "济南市市中区", "济宁市", "淄博市"]
        have = {d.region for d in self._docs.values()}
        return [r for r in order if r in have] + sorted(have - set(order))

    def departments(self) -> list[str]:
        return sorted({d for c in self._all() for d in (*c.lead, *c.responsible)})

    def validity(self, doc: DocumentMeta) -> Validity:
        if doc.valid_until:
            if dt.date.fromisoformat(doc.valid_until) < self.today:
                return Validity("expired", f"已到期（{doc.period or '至' + doc.valid_until}）")
            return Validity("in_force", f"有效期至{doc.valid_until}")
        return Validity("unstated", "文件未写明有效期")

    # --- search
    def _candidates(self, region: str | None, doc_id: str | None) -> list[Clause]:
        out = []
        for c in self._all():
            d = self._docs[c.doc_id]
            if doc_id and c.doc_id != doc_id:
                continue
            if region and not d.region.startswith(region):
                continue
            if c.kind != HEADING:
                out.append(c)
        return out

    def search_clauses(self, keyword: str = "", *, department: str = "", region=None, doc_id=None, k: int = 50) -> list[Hit]:
        hits = []
        for c in self._candidates(region, doc_id):
            if keyword and keyword not in c.text and keyword not in c.path_str:
                continue
            if department and not any(department in d for d in (*c.lead, *c.responsible)):
                continue
            hits.append(c)
        return [Hit(clause=c, score=1.0, rank=i + 1) for i, c in enumerate(hits[:k])]

    def _rank(self, query: str, region, doc_id) -> list[tuple[float, Clause]]:
        q = _bigrams(query)
        scored = []
        for c in self._candidates(region, doc_id):
            overlap = len(q & _bigrams(c.text + " ".join(c.path) + self._docs[c.doc_id].title))
            if overlap:
                scored.append((overlap / max(1, len(q)), c))
        return sorted(scored, key=lambda t: -t[0])

    def ask(self, question: str, history: Sequence[str] = (), *, region=None, doc_id=None, budget=None) -> Answer:
        q = (question or "").strip()
        if not q:
            raise QuestionError("问题是空的：请输入一个关于政策的问题。")
        if len(q) > self.max_question_chars:
            raise QuestionError(f"问题太长（{len(q)} 字）：请缩短到 {self.max_question_chars} 字以内。")
        self.asked.append((q, tuple(history), region, doc_id))
        standalone = q
        if history and (len(q) < 12 or q[0] in "那这它该"):
            standalone = f"{history[-1]}（追问：{q}）"
        ranked = self._rank(standalone, region, doc_id)
        good = [(s, c) for s, c in ranked if s >= 0.25][:2]
        if not good:
            related = tuple(Hit(clause=c, score=s, rank=i + 1) for i, (s, c) in enumerate(ranked[:3]))
            no = "现有文件中没有找到能回答这个问题的条款。"
            return Answer(question=q, answer=no, refused=True, standalone=standalone, related=related)
        cites, lines, seen = [], [], set()
        for n, (s, c) in enumerate(good, start=1):  # laid out as the real answerer does: document, then its quotes
            doc = self._docs[c.doc_id]
            quote = _first_sentence(c.text)
            cites.append(Citation(n=n, clause=c, document=doc, quote=quote, score=s))
            if doc.doc_id not in seen:
                seen.add(doc.doc_id)
                lines.append(f"【{doc.region}】《{doc.title}》（{doc.issuer}）")
            lines.append(f"· 「{quote}」[{n}]")
        return Answer(question=q, answer="\n".join(lines), refused=False, citations=tuple(cites), standalone=standalone)

    def check_quote(self, text: str, *, budget=None) -> QuoteMatch | None:
        needle = re.sub(r"\s+", "", text or "")
        if not needle:
            return None
        best = None
        for c in self._all():
            i = c.text.find(needle)
            if i >= 0:
                return QuoteMatch(c, self._docs[c.doc_id], i, i + len(needle), True, 1.0)
            m = difflib.SequenceMatcher(None, needle, c.text, autojunk=False)
            blocks = [b for b in m.get_matching_blocks() if b.size >= 2]
            if not blocks:
                continue
            lo, hi = blocks[0].b, blocks[-1].b + blocks[-1].size  # the clause's span the sentence covers
            ratio = sum(b.size for b in blocks) / max(len(needle), hi - lo)
            if ratio >= 0.5 and (best is None or ratio > best[0]):
                best = (ratio, c, lo, hi)
        if best is None:
            return None
        ratio, c, start, end = best
        return QuoteMatch(c, self._docs[c.doc_id], start, end, False, round(ratio, 3))

    # --- adding
    def measures(self):
        from policybot.measures import extract_all

        return extract_all(self._all(), self._docs)

    def match(self, profile):
        from policybot.match import match

        return match(profile, self.measures(), self._docs, self.today, {c.clause_id: c.text for c in self._all()})

    def add_document(self, path: Path, **meta: str) -> DocumentMeta:
        from policybot.documents import parse_file

        overrides = {k: v for k, v in meta.items() if v}
        parsed = parse_file(Path(path), overrides=overrides)
        if parsed.meta.doc_id in self._docs:
            raise DuplicateDocumentError(f"文件 {parsed.meta.doc_id} 已在索引中，没有重复添加。", existing=parsed.meta.doc_id)
        self._docs[parsed.meta.doc_id] = parsed.meta
        self._clauses[parsed.meta.doc_id] = list(parsed.clauses)
        self.added.append(Path(path))
        return parsed.meta

    def start_add_document(self, path: Path, **meta: str) -> str:
        def run(report):
            report.stage("读取")
            report.stage("分条", 1.0)
            for i in range(1, 9):  # embedding takes seconds in the real service: the page shows it under way
                time.sleep(0.4)
                report.stage("向量化", i / 8)
            report.stage("写入索引")
            return self.add_document(path, **meta)

        return self.jobs.submit(Path(path).name, run)

    def job(self, job_id: str) -> JobStatus:
        return self.jobs.get(job_id)
