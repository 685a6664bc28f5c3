"""A selected sentence that only announces what follows is completed.

A heading sentence (「五、优化特种设备检验技术服务。」), a short lead-in
(「四是减轻企业负担。」) or a sentence ending in a colon says where the answer
is, not what it is: the quote then runs on through the sentences after it,
within its clause (or into the first part under a bare heading), up to a
length a person reads at a glance. A question that asks how, or which
measures (``passage_question``), is answered with a passage: the best
sentence and the ones after it; any other best sentence too short to say
enough alone runs on into the next (``run_on``). A lead-in with a colon
runs through its ；-list, or through the numbered items after it (「应当采取
下列措施：」「（一）…」「（二）…」), to the next question of an FAQ at most; a
sentence that points back (「这是…」) brings the one before it. A question that names a section (「有哪些使用要求」) is
answered with the section's items (``section``); "which four" with the
names of a numbered run (``enumeration``); a further sentence under a
heading beside the one the question names is not part of its answer
(``other_section``). Pure functions over the loaded
index. The lengths were set on the dev part of corpus-ncp.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from .clauses import cn_int, numbering
from .evidence import Evidence, asks, idf, money
from .index import IndexData
from .normalize import MARKER, fold_text
from .tokenize import STOPWORDS, tokenize
from .types import CLAUSE, HEADING

BUDGET = 160  # characters a completed quote grows to, at most (whole sentences)
PASSAGE = 400  # the same for the passage a how/which-measures question is answered with (300 -> 400: corpus-ncp dev covers 0.735 -> 0.745, median answer unchanged)
SHORT = 20  # a sentence this short, without a figure, only names a topic
ALONE = 60  # a best sentence shorter than this rarely says enough alone...
RUN_ON = 120  # ...so it runs on into the next sentences of its clause up to this

HEAD = 40  # the opening phrase of a part (up to its first ，。；：) quoted as its name
MAX_PARTS = 8  # an enumeration longer than this is a section, not an answer to "which ones"



def passage_question(intents: frozenset[str]) -> bool:
    """How / which measures, not an amount or a department (those are one
    sentence and its figure line)."""
    return bool({"list", "procedure"} & intents) and not ({"amount", "department"} & intents)


def announces(text: str, headings: tuple[str, ...] = ()) -> bool:
    """Whether a sentence names a topic and leaves its content to what follows."""
    s = text.strip()
    if not s:
        return False
    if s.rstrip().endswith(("：", ":")):
        return True
    bare = s.rstrip("。；;，, ")
    if any(bare.replace(" ", "") == h.replace(" ", "") for h in headings):
        return True
    body = MARKER.sub("", bare)
    return len(body) <= SHORT and not money(body) and not re.search(r"\d", body)


def _next_segments(index: IndexData, e: Evidence, *, items: bool = False) -> list[tuple[int, int, int]]:
    """(clause position, start, end) of the sentences after ``e``: the rest of
    its clause, or, when nothing follows in it, the first part under it. With
    ``items`` (a lead-in ending in a colon), the numbered parts that follow it
    also when the clause tree made them its siblings (「应当及时采取下列措施：」
    「（一）…」「（二）…」)."""
    own = [index.segments[s] for s in index.segments_of(e.clause_pos)]
    after = [(cp, a, b) for cp, a, b in own if a >= e.end]
    if after:
        return after
    clause = index.clauses[e.clause_pos]
    nxt = e.clause_pos + 1
    if nxt >= len(index.clauses) or index.clauses[nxt].doc_id != clause.doc_id:
        return []
    if index.clauses[nxt].parent_id == clause.clause_id:
        return [index.segments[s] for s in index.segments_of(nxt)]
    family = numbering(index.clauses[nxt].text) if items else None
    out: list[tuple[int, int, int]] = []
    for cp in range(nxt, min(nxt + MAX_PARTS, len(index.clauses))):
        c = index.clauses[cp]
        if family is None or c.doc_id != clause.doc_id or numbering(c.text) != family:
            break
        # a short item the parser took for a heading has no sentences of its own: it is one
        out += [index.segments[s] for s in index.segments_of(cp)] or [(cp, 0, len(c.text.rstrip()))]
    return out


def complete(index: IndexData, e: Evidence, budget: int = BUDGET) -> list[Evidence]:
    """``e`` itself, and the sentences that carry what it announces."""
    clause = index.clauses[e.clause_pos]
    e = _back(index, e)
    if _opens_list(e.text(index)):
        return [widen(index, e, PASSAGE, to_list_end=True)]
    if not announces(e.text(index), clause.path):
        return [e]
    out = [e]
    length = e.end - e.start
    items = e.text(index).rstrip().endswith(("：", ":"))  # 「下列措施：」 announces all its items
    for cp, a, b in _next_segments(index, e, items=items):
        text = index.clauses[cp].text[a:b]
        grown = len(out) > 1 or out[0].end > e.end
        if grown and (length + b - a > budget or (MARKER.match(text) and not items) or asks(text)):
            break  # long enough, the next numbered part begins, or the next question of an FAQ
        last = out[-1]
        if last.clause_pos == cp:
            out[-1] = replace(last, end=b)
        else:
            out.append(replace(e, clause_pos=cp, start=a, end=b))
        length += b - a
    return out


_ANAPHOR = re.compile(r"^\s*(?:这|此)(?:是|也是|就是|些|一(?:举措|做法|措施|政策)|项|次|举)")


def _back(index: IndexData, e: Evidence) -> Evidence:
    """A sentence that opens by pointing back (「这是该区…第二例签约活动。」)
    is about the sentence before it: that one is quoted with it."""
    if not _ANAPHOR.match(e.text(index)):
        return e
    before = [(a, b) for _, a, b in (index.segments[s] for s in index.segments_of(e.clause_pos)) if b <= e.start]
    return replace(e, start=before[-1][0]) if before else e


def _opens_list(text: str) -> bool:
    """「补助标准为：50人以上的，补助2.4万元；」: a lead-in and the first item
    of a list whose items are cut at ；."""
    s = text.rstrip()
    return s.endswith(("；", ";")) and bool(re.search(r"[：:]", s[:-1]))


def run_on(index: IndexData, e: Evidence) -> Evidence:
    """A short best sentence with the sentences after it in its clause, up
    to ``RUN_ON`` characters: 「具体调整措施如下：」 or a bare topic says too
    little alone."""
    return widen(index, e, RUN_ON) if e.end - e.start < ALONE else e


def answer_start(index: IndexData, e: Evidence, budget: int = BUDGET) -> Evidence:
    """In a text of questions and answers (「…共用洗衣机会感染吗？根据目前对
    疾病的认识，…」), ``e`` quoted from where the answer to its question
    begins, when that is within ``budget`` characters; ``e`` itself when no
    question comes before it in its clause."""
    text = index.clauses[e.clause_pos].text
    start = e.start
    for _, a, b in reversed([index.segments[s] for s in index.segments_of(e.clause_pos)]):
        if b > e.start:
            continue
        if asks(text[a:b]):
            return replace(e, start=start) if e.end - start <= budget else e
        start = a
    return e


def widen(index: IndexData, e: Evidence, budget: int = PASSAGE, *, to_list_end: bool = False, keep=None) -> Evidence:
    """``e`` and the sentences after it in its clause, whole sentences, up to
    ``budget`` characters: the passage a how/which-measures question asks
    for (what a sentence opens, the ones after it go on to say). With
    ``to_list_end``, only through the items of a ；-list, to the one that
    ends it (。)."""
    b = e.end
    text = index.clauses[e.clause_pos].text
    for _, x, y in (index.segments[s] for s in index.segments_of(e.clause_pos)):
        if x < e.end:
            continue
        if y - e.start > budget or (keep is not None and not keep(x)):
            break
        b = y
        if to_list_end and not text[x:y].rstrip().endswith(("；", ";")):
            break
    return replace(e, end=b)


# ---------------------------------------------------------------- enumerations

_COUNT = re.compile(r"哪\s*([二三四五六七八九十两\d]{1,2}|几)\s*(大|个|项|条|类|块|方面|种|家|位)"
                    # 「这十条具体都有啥」: the ones a count names, asked for one by one
                    r"|(?:这|那)\s*([二三四五六七八九十两\d]{1,2})\s*(大|个|项|条|类|块|种)[^，,。？?]{0,8}?(?:具体)?(?:都|分别|各)?"
                    r"(?:有|是|包括|包含|指)(?:的)?(?:啥|什么|哪些)")


_WHICH = re.compile(r"是哪些(企业|公司|单位|机构|项目|园区|学校|医院|银行|城市|地区|平台|基金)|名单")
_SAID_COUNT = r"(\d+)\s*(?:余|多)?\s*(?:家|个|所|项|只|座|位)"


def asked_count(question: str) -> int | None:
    """How many items a "which ones" question asks for: 哪四块 -> 4; 0 for
    哪几个 (some); None when it does not ask to name them one by one.
    「表彰了55家企业，都是哪些企业？」 and 「那4家开发区，都是哪几家？」 ask
    for as many as the question counts."""
    m = _COUNT.search(question)
    if not m:
        w = _WHICH.search(question)
        if not w:
            return None
        said = re.search(_SAID_COUNT + (w.group(1) or "[\u4e00-\u9fff]"), question)
        return int(said.group(1)) if said else 0
    if m.group(3):
        n = m.group(3)
        return int(n) if n.isdigit() else cn_int(n.replace("两", "二"))
    n = m.group(1)
    if n == "几":  # 「那4家开发区都是哪几家」: the four the question counts
        # (counted in the same measure word: 「…要到300家以上，…包括哪几类」 asks kinds, not the 300)
        unit = m.group(2)
        counted = _SAID_COUNT if unit in ("个", "家", "所", "项", "位") else rf"(\d+)\s*(?:余|多)?\s*(?:{unit}|个)"
        # (in the sentence that asks: 「…有50个了，真的假的？…有几个区县…，是哪几个？」 counts clusters before)
        before = question[:m.start()]
        before = before[max(before.rfind(x) for x in "。？?！!") + 1:]
        said = re.search(counted + r"(?!\s*(?:以上|以下|左右))[^，,。？?]*[，,]", before)
        subset = re.match(r"\s*(?:是)?(?:最|更|比较)", question[m.end():])  # 「5个区县，哪几个最强」: some of them
        return int(said.group(1)) if said and not subset else 0
    return int(n) if n.isdigit() else cn_int(n.replace("两", "二"))


def enumeration(index: IndexData, e: Evidence, count: int, words: list[str]) -> list[Evidence]:
    """The opening phrase of every part of the numbered run ``e``'s clause
    belongs to (一是集中攻坚中国算谷, 二是…), when a question asks which
    ``count`` items (0: some), the run has that many parts and each part's
    name carries some of the question's ``words`` (the parts are the things
    asked about, not neighbouring sections); else []."""
    fam = numbering(index.clauses[e.clause_pos].text)
    if fam is None:
        return []
    parts = [i for i in index.siblings(e.clause_pos)
             if index.clauses[i].kind in (CLAUSE, HEADING) and numbering(index.clauses[i].text) == fam]
    if not 2 <= len(parts) <= MAX_PARTS or (count and len(parts) != count):
        return []
    out = []
    for i in parts:
        m = re.search(r"[，,。；;：:]", index.clauses[i].text)
        if m is None or m.start() > HEAD:
            return []  # parts without a short name: nothing to list
        if not any(w in index.clauses[i].text[:m.start()] for w in words):
            return []
        out.append(replace(e, clause_pos=i, start=0, end=m.start()))
    return out


# ---------------------------------------------------------------- sections

SECTION = 400  # characters of a section's items quoted for a question that names the section
_NAME_MIN, _NAME_MAX = 4, 20  # a section name this long says what is under it (使用要求, 企业复工审批材料)


def section_name(text: str) -> str:
    """A heading without its number and closing punctuation (「二、使用要求」 -> 使用要求)."""
    return MARKER.sub("", text).strip().rstrip("。：:；;，, ")


_ASKED = re.compile(r"(?:哪些|哪几[个项类种条]?|什么)([\u4e00-\u9fff]{2,8}?)(?:[？?，,。；;]|$)")


def announces_asked(heading: str, question: str) -> bool:
    """A heading that runs on into a lead-in announcing its items (「(二)申请
    材料申请办理停征污水处理费时，需提交如下材料：」, its line break lost) is named
    by what it announces: the head noun (last two characters) of what the
    question asks for (「哪些申请材料」 -> 材料) is in its last phrase."""
    if not heading.rstrip().endswith(("：", ":")):
        return False
    m = _ASKED.search(question)
    if not m:
        return False
    last = re.split(r"[，,；;。]", section_name(heading))[-1]
    return m.group(1)[-2:] in last


def names_section(name: str, question: str, tokenizer: str) -> bool:
    """The question (folded) says the section's name: every word of it (使用
    要求 in 「有哪些使用要求」), and the name is long enough to say what is under it."""
    if not _NAME_MIN <= len(name) <= _NAME_MAX or re.search(r"[，,。；;]", name):
        return False
    words = [t for t in tokenize(name, tokenizer) if not t.startswith("#") and t not in STOPWORDS and len(t) >= 2]
    return bool(words) and all(w in question for w in words)


def section(index: IndexData, ev: list[Evidence], question: str, depth: int = 8) -> list[Evidence]:
    """The items of the section the question names, whole, in order, up to
    ``SECTION`` characters: 「有哪些使用要求？」 under 「二、使用要求」 is answered
    with 1、2、3、, not with the one item that scored best. The section is
    one the best segments sit in; [] when none is named, it has fewer than
    two items, its items hold sections of their own, or its first item alone
    is longer than the budget."""
    seen: set[int] = set()
    question = fold_text(question)
    for e in ev[:depth]:
        pos = e.clause_pos
        while True:
            clause = index.clauses[pos]
            if clause.parent_id is None:
                break
            parent = index.pos_of[clause.parent_id]
            pos = parent
            if parent in seen:
                continue
            seen.add(parent)
            head = index.clauses[parent]
            if not (names_section(section_name(head.text), question, index.tokenizer) or announces_asked(head.text, question)):
                continue
            if _detail_asked(index, ev[0], question, fold_text(section_name(head.text))):
                return []  # 「医药产业集群打算依托哪几家企业建国家级企业技术中心」: one thing said in it, not its items
            items = index.children(parent)
            if len(items) < 2 or any(index.clauses[i].kind == HEADING for i in items):
                return []
            names = _item_names(index, items)
            if (i := _item_asked(index, items, question)) is not None:
                # 「新材料产业集群重点发展哪几个方向」: the item whose title says what is asked (2. 主攻方向)
                return [replace(e, clause_pos=i, start=0, end=min(len(index.clauses[i].text.rstrip()), SECTION))]
            if names and sum(len(index.clauses[i].text) for i in items) > SECTION:
                return [replace(e, clause_pos=i, start=0, end=n) for i, n in names]  # too long whole: each item's title
            out, length = [], 0
            for i in items:
                n = len(index.clauses[i].text)
                if out and length + n > SECTION:  # the item that does not fit: its first sentence, if that does
                    segs = index.segments_of(i)
                    end = index.segments[segs[0]][2] if segs else SECTION + 1
                    if length + end <= SECTION:
                        out.append(replace(e, clause_pos=i, start=0, end=end))
                    break
                out.append(replace(e, clause_pos=i, start=0, end=n))
                length += n
            return out if length <= SECTION else []
    return []


DETAIL_WORDS = 2  # words of the question beyond a section's name that its best sentence says: a detail asked


def _detail_asked(index: IndexData, best: Evidence, question: str, name: str) -> bool:
    """The section is named as the topic, not as what is asked (「有哪些使用要求」),
    and what the question asks beyond it is said by the best sentence in
    words of three characters or more (企业技术中心, 国家级)."""
    if re.search(rf"(?:哪些|哪几|什么|啥)[^，,。？?]{{0,4}}?{re.escape(name)}", question):
        return False
    rest = question.replace(name, "")
    said = fold_text(best.text(index))
    if any(fold_text(t) in said for t in re.findall(r"[“\"「『]([^”\"」』]{2,16})[”\"」』]", rest)):
        return True  # 「保障措施（二）里提的“一号改革工程”到底指啥」: the named thing the best sentence says
    words = {w for w in tokenize(rest, index.tokenizer) if len(w) >= 3 and not w.startswith("#") and w not in STOPWORDS}
    return sum(w in said for w in words) >= DETAIL_WORDS


def _item_asked(index: IndexData, items: list[int], question: str) -> int | None:
    """The one item whose title (its heading) the question says (「主攻方向有哪些」)
    or holds the head noun (last two characters) of what the question asks for
    (「哪几个方向」 -> 方向 of 「2. 主攻方向」)."""
    m = _ASKED.search(question)
    noun = m.group(1)[-2:] if m and len(m.group(1)) >= 2 else None
    titles = [section_name(index.clauses[i].path[-1]) if index.clauses[i].path else "" for i in items]
    found = [i for i, t in zip(items, titles) if _NAME_MIN // 2 <= len(t) <= _NAME_MAX
             and ((len(t) >= _NAME_MIN and t in question) or (noun and noun in t))]
    return found[0] if len(found) == 1 else None


def named_part(index: IndexData, e: Evidence, question: str) -> Evidence:
    """``e`` widened to its whole clause when that is a numbered part the question
    names by its own title (「…保障装备精良？」 and 「（二）保障装备精良。各地…」): the part
    is the answer, not the one sentence of it that scored best."""
    if not _titled_part(index, e.clause_pos, fold_text(question)):
        return e
    return replace(e, start=0, end=len(index.clauses[e.clause_pos].text.rstrip()))


def _titled_part(index: IndexData, pos: int, question: str) -> bool:
    """A numbered part with no parts of its own, short enough to quote whole, that
    opens with a title of its own (not a sentence cut to a heading) which the
    question names."""
    own = index.clauses[pos]
    if own.kind != CLAUSE or index.children(pos) or len(own.text) > SECTION or not own.path:
        return False
    title = own.path[-1].replace(" ", "")
    text = own.text.replace(" ", "")
    name = section_name(title)
    if not (len(name) >= _PART_NAME_MIN and text.startswith(title) and text[len(title):len(title) + 1] in ("。", "：", ":", "\n")
            and "？" not in name):
        return False
    if names_section(name, question, index.tokenizer):
        return True
    # 「减税降费那一条」 of 「12. 加大减税降费力度。」: the part pointed to by its title's own words
    core = _FRAME.sub("", name)
    return bool(_POINTED.search(question)) and len(core) >= 4 and core in question


_FRAME = re.compile(r"^(?:进一步|持续|全面|大力)?(?:加大|加强|加快|强化|推进|推动|提升|完善|健全|深化|实施|优化)|力度$|工作$")
_POINTED = re.compile(r"(?:那|这)一?(?:条|块|项|部分|节)|条款")


_PART_NAME_MIN = 6  # a part's own title shorter than this names a kind of thing (绿色通道), not the part


def _item_names(index: IndexData, items: list[int]) -> list[tuple[int, int]]:
    """(item, end of its title) when every item opens with a short titled
    sentence (「17. 加强组织领导。」) and there are at most ``MAX_PARTS``; else []."""
    if len(items) > MAX_PARTS:
        return []
    out = []
    for i in items:
        segs = index.segments_of(i)
        if len(segs) < 2:
            return []
        _, a, b = index.segments[segs[0]]
        title = index.clauses[i].text[a:b]
        if a != 0 or len(MARKER.sub("", title)) > HEAD or not title.rstrip().endswith("。"):
            return []
        out.append((i, b))
    return out


def other_section(index: IndexData, question: str, a: Evidence, b: Evidence) -> bool:
    """``b`` sits under a heading the question does not name, beside the one
    of ``a`` that it does: asked about 「高端装备这个集群」, a sentence under
    「(三)新材料产业集群」 is another cluster's, however close its score. The
    headings are compared at the first level where the two paths part, by the
    words each has and the other lacks."""
    ca, cb = index.clauses[a.clause_pos], index.clauses[b.clause_pos]
    if ca.doc_id != cb.doc_id:
        return False
    for ha, hb in zip(ca.path, cb.path):
        if ha == hb:
            continue
        wa, wb = _name_words(index, ha), _name_words(index, hb)
        return any(w in question for w in wa - wb) and not any(w in question for w in wb - wa)
    return False


def _name_words(index: IndexData, heading: str) -> set[str]:
    """The words of a heading that tell it from others: not in a third or
    more of the library's texts (重点任务 names no subject; 高端装备 does)."""
    return {t for t in tokenize(section_name(heading), index.tokenizer)
            if not t.startswith("#") and t not in STOPWORDS and len(t) >= 2 and idf(index, t) > math.log(4)}


CLOSING = "”」』\"'"  # closing quotation marks


def head_end(text: str, i: int, b: int, head: str) -> int | None:
    """The end of ``head`` when ``text[i:b]`` opens with it (blanks in the
    text, and a closing quotation mark before it, not counted); else None."""
    while i < b and (text[i].isspace() or text[i] in CLOSING):
        i += 1
    j = 0
    while i < b and j < len(head):
        if not text[i].isspace():
            if text[i] != head[j]:
                return None
            j += 1
        i += 1
    return i if j == len(head) else None
