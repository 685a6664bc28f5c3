"""Checking an LLM reply against the clauses its prompt listed, and turning
a checked reply into an ``Answer`` (pure functions; ``llm.py`` calls them).

``checked_reply``: markers must name listed clauses, every 「…」 must be
verbatim in a cited clause, every number must stand in the cited clauses
(and, in a sentence citing clauses of several places, in a cited clause of
the place the sentence names beside it), every sentence must share its
words with the clauses it cites; sentences without a marker are left out.
A reply that fails raises ``Untrusted`` with a ``reason`` code (see below)
and a note for the person asking. ``narrow_citations``: a sentence's
markers to clauses it draws nothing from left out.
``render``: markers renumbered 1..m in order of use, each quote followed by
its clause's marker, one citation per clause cited, validity lines.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .normalize import char_pairs, fold, fold_text
from .query import Query
from .regions import within
from .types import Answer, Citation, Clause, DocumentMeta
from .validity import cn_date, document_line, past_target_note

log = logging.getLogger(__name__)

MIN_SUPPORT = 0.3  # share of a sentence's character bigrams found in the clauses it cites
UNANSWERABLE = "无法回答"
FALLBACK = "已改用原文摘录"

@dataclass(frozen=True)
class Source:
    """One numbered clause of the prompt (its number is its position + 1)."""

    clause: Clause
    document: DocumentMeta
    score: float



# ---------------------------------------------------------------- checking the reply

_MARKER = re.compile(r"[\[【［]\s*(\d{1,3}(?:\s*[,，、;；]\s*\d{1,3})*)\s*[\]】］]")
_QUOTE = re.compile(r"「([^「」]*)」")
_THINK = re.compile(r"<think>.*?(?:</think>|\Z)", re.DOTALL)
_BULLET = re.compile(r"^[ \t]*(?:#+|[-*•·]|\d{1,2}[.、)）](?!\d)|[（(]\d{1,2}[)）])[ \t]*", re.MULTILINE)
_END = "。！？!?"
_PERCENT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?%")
_MONEY = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:万元|亿元|万|亿|元)")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_CN_DIGITS = "零一二两三四五六七八九十百千"
_CN_AMOUNT = re.compile(rf"(?<![\d.{_CN_DIGITS}万亿])(?:百分之[{_CN_DIGITS}点]+|[{_CN_DIGITS}]+(?:[万亿]元|元|万|亿))")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


# Why a reply was not shown (``Outcome.reason``, ``Untrusted.reason``).
EMPTY, SAID_UNANSWERABLE, NO_MARKER = "empty", "unanswerable", "no_marker"
UNKNOWN_MARKER, QUOTE_NOT_VERBATIM = "unknown_marker", "quote_not_verbatim"
NUMBER_NOT_IN_CLAUSE, UNSUPPORTED_SENTENCE, INCONSISTENT = "number_not_in_clause", "unsupported_sentence", "inconsistent"
NUMBER_OF_ANOTHER_PLACE = "number_of_another_place"
CALL_FAILED = "call_failed"


class Untrusted(Exception):
    """The reply cannot be used. ``note`` is for the person asking (never
    the reply's own words); ``detail`` is for the log; ``reason`` is one of
    the codes above."""

    def __init__(self, note: str, detail: str = "", reason: str = ""):
        super().__init__(note)
        self.note = note
        self.detail = detail
        self.reason = reason


def _failed_check(why: str, detail: str, reason: str) -> Untrusted:
    return Untrusted(f"LLM 回答未通过引用核对，{FALLBACK}（{why}）。", detail, reason)


@dataclass(frozen=True)
class Quote:
    n: int  # prompt number of the clause it is taken from
    start: int  # span in that clause's text
    end: int


@dataclass
class Sentence:
    pieces: list[str | Quote] = field(default_factory=list)
    cites: list[int] = field(default_factory=list)  # prompt numbers of its markers, in order

    def plain(self, sources: Sequence[Source]) -> str:
        return "".join(p if isinstance(p, str) else sources[p.n - 1].clause.text[p.start:p.end] for p in self.pieces)

    def cited(self) -> list[int]:
        """Every clause the sentence rests on: its markers and its quotes."""
        return list(dict.fromkeys([*self.cites, *(p.n for p in self.pieces if isinstance(p, Quote))]))


def clean_reply(text: str) -> str:
    """Drop a reasoning model's <think> block and Markdown decoration."""
    text = _THINK.sub("", text or "").replace("**", "").replace("__", "")
    return _BULLET.sub("", text).strip()


def _split_sentences(text: str) -> list[str]:
    """Sentences, each with the markers written after its full stop; never
    split inside 「…」."""
    out: list[str] = []
    buf: list[str] = []
    depth = 0
    i = 0
    while i < len(text):
        ch = text[i]
        buf.append(ch)
        depth += (ch == "「") - (ch == "」" and depth > 0)
        if depth == 0 and (ch == "\n" or ch in _END):
            m = _MARKER.match(text, i + 1) if ch != "\n" else None
            while m:  # 「…」。[1][2] -> the markers belong to this sentence
                buf.append(m.group(0))
                i = m.end()
                m = _MARKER.match(text, i)
            out.append("".join(buf))
            buf = []
            depth = 0
        i += 1
    out.append("".join(buf))
    return [s.strip() for s in out if s.strip()]


def _occurrences(clause_text: str, needle: str) -> list[tuple[int, int]]:
    """Every verbatim span of ``clause_text`` that reads ``needle`` once
    width, whitespace and traditional characters are folded."""
    h, n = fold(clause_text), fold_text(needle)
    out, i = [], h.text.find(n) if n else -1
    while i >= 0:
        out.append(h.span_to_parent(i, i + len(n)))
        i = h.text.find(n, i + 1)
    return out


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"[。；！？;!?\n]", text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _similarity(a: str, b: str) -> float:
    x, y = char_pairs(fold_text(a)), char_pairs(fold_text(b))
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def _best_occurrence(clause_text: str, spans: list[tuple[int, int]], context: str) -> tuple[int, int]:
    """Of several places a quote stands, the one in the clause sentence that
    reads most like the reply's sentence."""
    if len(spans) == 1:
        return spans[0]
    sentences = _sentence_spans(clause_text)

    def fit(span: tuple[int, int]) -> float:
        a, b = next(((a, b) for a, b in sentences if a <= span[0] < b), (span[0], span[1]))
        return _similarity(clause_text[a:b], context)

    return max(spans, key=fit)


def material(source: Source) -> str:
    """Everything the prompt showed for a clause, folded: what a number in
    the reply may come from."""
    d, c = source.document, source.clause
    parts = [c.text, c.label, c.path_str, d.title, d.number or "", d.region, d.issuer, d.date, cn_date(d.date), d.period or ""]
    return _THOUSANDS.sub("", fold_text("\n".join(parts)))


def _stands_in(tok: str, text: str) -> bool:
    """A number token stands in ``text`` as a whole number (5 not in 15 or 5.5)."""
    return bool(re.search(r"(?<![\d.])" + re.escape(tok) + r"(?!\d|\.\d)", text))


def _support(plain: str, have: str, min_words: int = 1) -> float | None:
    """Share of a sentence's character bigrams that stand in ``have`` (None
    for a sentence of fewer than ``min_words`` bigrams: too short to judge)."""
    words = char_pairs(fold_text(plain))
    if len(words) < max(1, min_words):
        return None
    return sum(1 for w in words if w in have) / len(words)


def _unsupported_number(text: str, allowed: str) -> str | None:
    t = _THOUSANDS.sub("", fold_text(text))
    for pat in (_PERCENT, _MONEY):
        for tok in pat.findall(t):
            if not re.search(r"(?<![\d.])" + re.escape(tok), allowed):
                return tok
    for tok in _CN_AMOUNT.findall(t):
        if not re.search(rf"(?<![{_CN_DIGITS}万亿])" + re.escape(tok), allowed):
            return tok
    for tok in _NUMBER.findall(t):
        if not _stands_in(tok, allowed):
            return tok
    return None


_UNIT = re.compile(r".+?(?:自治区|自治州|省|市|区|县|旗)")
_CLAUSE_BREAK = re.compile(r"[，,；;：:]")


def place_names(region: str) -> set[str]:
    """How a sentence may name a document's region: the region as written
    (济南市市中区), its last unit (市中区), and a city's or province's name
    without 市/省 (济南市 -> 济南; a district's stem, 市中, would also match
    「全市中小企业」)."""
    units = _UNIT.findall(region or "") or ([region] if region else [])
    names = {region, units[-1]} if units else set()
    stem = re.sub(r"[省市]$", "", units[-1]) if units else ""
    return {n for n in names | {stem} if len(n) >= 2}


def _number_of_another_place(s: Sentence, sources: Sequence[Source]) -> str | None:
    """A number in a part of the sentence that names one place, which stands
    in none of the sentence's cited clauses of that place (of its documents'
    region or a region within it; ``_unsupported_number`` has found it in
    some cited clause). Only when the sentence cites clauses of two or more
    regions: otherwise ``_unsupported_number`` has said all there is to say.
    A part naming two places, or a place no cited document is about, is not
    judged; a part naming none takes the place named before it."""
    regions = list(dict.fromkeys(sources[n - 1].document.region for n in s.cited() if sources[n - 1].document.region))
    if len(regions) < 2:
        return None
    region_of = {name: r for r in regions for name in place_names(r)}
    names = re.compile("|".join(re.escape(n) for n in sorted(region_of, key=len, reverse=True)))
    place = None
    for part in _CLAUSE_BREAK.split(s.plain(sources)):
        named = {region_of[m.group(0)] for m in names.finditer(part)}
        place = next(iter(named)) if len(named) == 1 else (None if named else place)
        if place is None:
            continue
        own = "\n".join(material(sources[n - 1]) for n in s.cited() if within(sources[n - 1].document.region, place))
        tok = _unsupported_number(part, own)
        if tok:
            return tok
    return None


def check_reply(reply: str, sources: Sequence[Source]) -> list[Sentence]:
    """The reply's cited sentences, each quote located in its clause. Raises
    ``Untrusted`` when the reply cannot be shown."""
    return checked_reply(reply, sources)[0]


def checked_reply(reply: str, sources: Sequence[Source]) -> tuple[list[Sentence], int]:
    """``check_reply`` and how many sentences without a marker it left out."""
    text = clean_reply(reply)
    if not text:
        raise Untrusted(f"LLM 没有返回内容，{FALLBACK}。", reason=EMPTY)
    numbers = [int(x) for g in _MARKER.findall(text) for x in re.findall(r"\d+", g)]
    if not numbers:
        if UNANSWERABLE in text:
            raise Untrusted(f"LLM 回复「{UNANSWERABLE}」，{FALLBACK}。", reason=SAID_UNANSWERABLE)
        raise Untrusted(f"LLM 回答没有标注所依据的条款，{FALLBACK}。", text[:80], NO_MARKER)
    bad = sorted({n for n in numbers if not 1 <= n <= len(sources)})
    if bad:
        raise _failed_check("引用了不存在的条款编号", f"markers {bad}, {len(sources)} clauses listed", UNKNOWN_MARKER)
    cited_anywhere = list(dict.fromkeys(numbers))

    sentences: list[Sentence] = []
    for raw in _split_sentences(text):
        s = Sentence()
        tokens = list(re.finditer(f"{_QUOTE.pattern}|{_MARKER.pattern}", raw))
        own = [int(x) for g in _MARKER.findall(raw) for x in re.findall(r"\d+", g)]
        pos = 0
        for j, m in enumerate(tokens):
            s.pieces.append(raw[pos:m.start()])
            pos = m.end()
            if m.group(1) is None:  # a marker
                s.cites.extend(int(x) for x in re.findall(r"\d+", m.group(2)))
                continue
            q = m.group(1).strip()
            if not q:
                continue
            after = tokens[j + 1] if j + 1 < len(tokens) and tokens[j + 1].start() == m.end() else None
            explicit = [int(x) for x in re.findall(r"\d+", after.group(2))] if after and after.group(1) is None else []
            for n in dict.fromkeys([*explicit, *own, *cited_anywhere]):
                spans = _occurrences(sources[n - 1].clause.text, q)
                if spans:
                    a, b = _best_occurrence(sources[n - 1].clause.text, spans, raw)
                    s.pieces.append(Quote(n, a, b))
                    break
            else:
                raise _failed_check("引号内的文字不是所引条款的原文", q[:40], QUOTE_NOT_VERBATIM)
        s.pieces.append(raw[pos:])
        s.pieces = [p for p in s.pieces if p != ""]
        body = s.plain(sources).strip(" ，,。；;：:")
        if not body:  # markers on a line of their own belong to the sentence before
            if sentences and s.cites:
                sentences[-1].cites.extend(s.cites)
            continue
        sentences.append(s)

    allowed = "\n".join(material(sources[n - 1]) for n in cited_anywhere)
    for s in sentences:
        tok = _unsupported_number(s.plain(sources), allowed)
        if tok:
            raise _failed_check("出现了所引条款中没有的数字", tok, NUMBER_NOT_IN_CLAUSE)
    kept = [s for s in sentences if s.cited()]
    for s in kept:
        tok = _number_of_another_place(s, sources)
        if tok:
            raise _failed_check("数字出自所引的另一地区的条款", tok, NUMBER_OF_ANOTHER_PLACE)
    for s in kept:
        share = _support(s.plain(sources), "\n".join(material(sources[n - 1]) for n in s.cited()), min_words=4)
        if share is not None:
            if share < MIN_SUPPORT:
                raise _failed_check("回答内容与所引条款对不上", f"{share:.2f}: {s.plain(sources)[:60]}", UNSUPPORTED_SENTENCE)
    if not kept:
        raise Untrusted(f"LLM 回答没有标注所依据的条款，{FALLBACK}。", reason=NO_MARKER)
    if len(kept) < len(sentences):
        log.info("LLM reply: %d sentence(s) without a marker left out", len(sentences) - len(kept))
    return kept, len(sentences) - len(kept)


def _draws_on(s: Sentence, source: Source, sources: Sequence[Source]) -> bool:
    """Whether a sentence takes anything from a clause's text: a number of
    the sentence stands in it, or MIN_SUPPORT of the sentence's bigrams do."""
    plain = s.plain(sources)
    text = _THOUSANDS.sub("", fold_text(source.clause.text))
    if any(_stands_in(tok, text) for tok in _NUMBER.findall(_THOUSANDS.sub("", fold_text(plain)))):
        return True
    return (_support(plain, text) or 0.0) >= MIN_SUPPORT


def narrow_citations(sentences: Sequence[Sentence], sources: Sequence[Source]) -> list[Sentence]:
    """Checked sentences with the markers to clauses they draw nothing from
    left out (a model asked for its sources tends to list every clause
    shown). A clause a sentence quotes always stays; a sentence none of
    whose marked clauses it draws on keeps its markers as the model gave
    them (the checks have accepted it on them)."""
    out = []
    for s in sentences:
        quoted = {p.n for p in s.pieces if isinstance(p, Quote)}
        marked = list(dict.fromkeys(s.cites))
        keep = [n for n in marked if n in quoted or _draws_on(s, sources[n - 1], sources)]
        out.append(Sentence(list(s.pieces), keep if (keep or quoted) else marked))
    return out


# ---------------------------------------------------------------- the answer


def _quote_for(n: int, sentences: Sequence[Sentence], sources: Sequence[Source]) -> str:
    """A citation's quote: what the reply quotes from the clause (the span
    covering its quotes within the clause sentence it quotes first), else
    the clause sentence that reads most like the reply's sentences citing
    it. Always verbatim in the clause text."""
    text = sources[n - 1].clause.text
    spans = [(p.start, p.end) for s in sentences for p in s.pieces if isinstance(p, Quote) and p.n == n]
    if spans:
        sa, sb = next(((a, b) for a, b in _sentence_spans(text) if a <= spans[0][0] < b), spans[0])
        same = [sp for sp in spans if sa <= sp[0] and sp[1] <= sb] or spans[:1]
        return text[min(a for a, _ in same):max(b for _, b in same)]
    context = "".join(s.plain(sources) for s in sentences if n in s.cited())
    a, b = max(_sentence_spans(text), key=lambda sp: _similarity(text[sp[0]:sp[1]], context), default=(0, len(text)))
    return text[a:b].strip().rstrip("；;，,") or text


# "根据条款 [1] 和 [2] 的内容，…": once its markers move to the end of the
# sentence the lead-in reads 「根据条款  和 ，」; it says nothing the markers do not.
_LEAD_IN = re.compile(r"^(?:根据|依据|按照)(?:条款|第)?[\s和、及与]*条?(?:的(?:内容|原文|规定))?[，,：:]\s*")


def render(sentences: Sequence[Sentence], sources: Sequence[Source], query: Query, today: dt.date, notes: tuple[str, ...] = ()) -> Answer:
    """Checked sentences -> an ``Answer`` with markers 1..m in order of use."""
    new: dict[int, int] = {}

    def mark(n: int) -> str:
        return f"[{new.setdefault(n, len(new) + 1)}]"

    lines: list[str] = []
    for s in sentences:
        out = []
        for p in s.pieces:
            out.append(p if isinstance(p, str) else f"「{sources[p.n - 1].clause.text[p.start:p.end]}」{mark(p.n)}")
        body = _LEAD_IN.sub("", "".join(out).strip(), count=1)
        quoted = {p.n for p in s.pieces if isinstance(p, Quote)}
        rest = "".join(mark(n) for n in dict.fromkeys(s.cites) if n not in quoted)
        stop = re.search(f"[{_END}；;]+$", body)
        lines.append(body[: stop.start()] + rest + stop.group(0) if stop else body + rest + "。")
    order = sorted(new, key=new.get)
    docs = list(dict.fromkeys(sources[n - 1].document.doc_id for n in order))
    by_id = {sources[n - 1].document.doc_id: sources[n - 1].document for n in order}
    lines += ["依据：" + document_line(by_id[d], today) for d in docs]
    past = past_target_note("\n".join(s.plain(sources) for s in sentences), today)
    lines += [past] if past else []
    lines += list(notes)
    citations = tuple(
        Citation(new[n], sources[n - 1].clause, sources[n - 1].document, _quote_for(n, sentences, sources), sources[n - 1].score)
        for n in order
    )
    return Answer(query.original, "\n".join(lines), False, citations, query.standalone, (), notes)
