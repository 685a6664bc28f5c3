"""From a file to a parsed document: metadata (read from the text, then the
catalog overrides it) and the clause tree.

I/O is limited to ``load_catalog`` and ``parse_file``; ``infer_meta`` and
``parse_source`` are pure.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .clauses import parse_clauses
from .errors import PolicybotError
from .normalize import Mapped, clean_layout, fold_text

from .types import Clause, DocumentMeta, SourceText

DOCNO_RE = re.compile(
    r"[\u4e00-\u9fff]{1,10}\s*[〔\[【（(]\s*(?:19|20)\d{2}\s*[〕\]】）)]\s*\d{1,4}\s*号"
)
_BRACKETS = str.maketrans("[【（(［]】）)］", "〔〔〔〔〔〕〕〕〕〕")


def fold_docno(text: str) -> str:
    """A 文号 as typed (济发[2020]16号, 济发（2020）16 号) in the form documents write it (济发〔2020〕16号)."""
    return re.sub(r"\s+", "", text).translate(_BRACKETS)


def docno_key(text: str) -> str:
    """What tells a 文号 from others, whatever words a question runs into it
    (「…意见里引用的济政发〔2019〕1号」): the last two characters of its prefix,
    its year and its number (政发〔2019〕1号)."""
    m = re.search(r"\w{0,2}〔\d{4}〕\d+号$", fold_docno(text))
    return m.group(0) if m else fold_docno(text)


def typed_docno(text: str) -> str:
    """A 文号 as a question has it, without the words before it (引用的济政发〔2019〕1号 -> 济政发〔2019〕1号)."""
    return re.sub(r"^.*[的里用是和与及按据照在对、那份个]", "", fold_docno(text))


_DEADLINE_BEFORE = re.compile(r"(?:至|到|截至|截止|直至|延长至|延至)\s*$")
_DEADLINE_AFTER = re.compile(r"\s*(?:\d{1,2}\s*(?:时|点|:|：)\S{0,3}\s*)?(?:前|止|起|以前|之前|以后|之后|后)")
_DATE_RE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_RE = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
_PERIOD_RE = re.compile(r"[（(]\s*((?:19|20)\d{2})\s*[—–\-－~～至到]+\s*((?:19|20)\d{2})\s*年?\s*[）)]")
_ISSUER_RE = re.compile(
    r"^(?:中共)?[\u4e00-\u9fff]{2,12}(?:人民政府|市委|委员会|办公厅|办公室|局|厅|委)(?:文件)?$"
)
_TARGET_YEAR_RE = re.compile(r"到\s*((?:20)\d{2})\s*年")
_KINDS = ("行动计划", "实施方案", "实施意见", "评估报告", "意见", "方案", "计划", "办法", "通知", "规定", "细则", "报告")


@dataclass(frozen=True)
class ParsedDocument:
    meta: DocumentMeta
    source: SourceText
    clean: Mapped
    clauses: tuple[Clause, ...]

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.source.text.encode("utf-8")).hexdigest()


def _iso(y: str, m: str, d: str) -> str:
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def slugify(name: str) -> str:
    ascii_part = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if len(ascii_part) >= 3:
        return ascii_part[:60]
    return "doc-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


_ORG_END = r"(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|总局|总署|市委|省委|区委|县委|指挥部|领导小组|银行|部|委|局|厅)"
_ORG_RE = re.compile(rf"^(?:中共)?[\u4e00-\u9fff]{{2,20}}?{_ORG_END}$")
# A title that opens with a national body: 国务院…, 国家邮政局…, 财政部 海关总署…,
# 工业和信息化部组织开展…, 中国人民银行…
_NATIONAL_BODY = (
    r"(?:中共中央|国务院(?:办公厅)?|全国[\u4e00-\u9fff]{0,8}?(?:委员会|办公室)|国家[\u4e00-\u9fff]{1,10}?(?:局|委|部|署|院)"
    r"|中国人民银行|人民银行|银保监会|证监会|[\u4e00-\u9fff]{2,10}?(?:(?<![全内外局干本各分总西东南北中])部|总局|总署))(?:办公厅)?"
)
_NATIONAL_RE = re.compile("^" + _NATIONAL_BODY)
# A report that opens with a national body acting: 「2月6日，国务院联防联控机制召开新闻发布会」
_NATIONAL_ACTS = re.compile(
    r"(?:^|[。！？\s，,])(?:\d{1,2}月\d{1,2}日(?:上午|下午|晚)?[，,]?\s*)?"
    rf"({_NATIONAL_BODY}(?:[\u4e00-\u9fff]{{0,12}}?机制)?)"
    r"(?:[、和与][\u4e00-\u9fff]{2,12}?)?(?:近日|日前|今天|昨天)?(?:召开|举行|发布|印发|出台|部署|宣布|下发|联合|会同|明确|要求|提出)")
# The addressees of a national notice: 各省、自治区、直辖市…
_NATIONAL_ADDRESSEES = re.compile(r"各省[、（(]\s*自治区[、，]\s*直辖市")
_LOCAL_ORG_RE = re.compile(r"^(?:中共)?[\u4e00-\u9fff]{2,16}?(?:人民政府办公厅|人民政府|办公厅|委员会|局|厅)")


_TITLE_MAX = 80
# 新华社北京2月16日电（记者 …）: a news dateline, neither a title nor the place whose policy it is
_DATELINE = re.compile(r"[\u4e00-\u9fff]{0,12}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*电(?:\s*[（(]\s*记者[^）)]{0,30}[）)])?")


def head_segments(text: str, n: int = 12) -> list[str]:
    """The first lines of a text; a long line (a text whose line breaks were
    lost: title, date and paragraphs separated by spaces) is cut at its runs of
    spaces."""
    out: list[str] = []
    for ln in text[:3000].split("\n"):
        ln = ln.strip()
        if not ln:
            continue
        out += [p for p in re.split(r"[ \u3000\t]{1,}", ln) if p] if len(ln) > _TITLE_MAX or "。" in ln else [ln]
        if len(out) >= n:
            break
    return out[:n]


def _title_like(seg: str) -> bool:
    """A heading line: short, not a sentence, not an addressee, a date or a 文号."""
    return (
        6 <= len(seg) <= _TITLE_MAX
        and "。" not in seg[:-1]
        and not seg.endswith(("。", "；", "：", ":", "，"))
        and not seg.startswith(("为", "现将", "根据", "一、", "（一）", "1.", "附件"))
        and not (seg.startswith("各") and re.search(r"[，,、：:]", seg))  # 各区人民政府，…: an addressee; 各部门强化…: a headline
        and not _DATE_RE.fullmatch(seg.strip("（）() "))
        and not DOCNO_RE.fullmatch(seg)
        and not _ISSUER_RE.match(seg)
        and not _DATELINE.search(seg)
    )


def _title(source: SourceText, head: str, segs: list[str]) -> tuple[str | None, str]:
    """(title, the line it was read from)."""
    title, line = source.hints.get("title"), ""
    issued = re.search(r"现将《(.{4,80}?)》(?:\s*[（(][^）)]{0,20}[）)])?\s*(?:印发|公布|转发)", head)
    if not title and issued:
        title = re.sub(r"\s+", "", issued.group(1))
    if not title:
        for ln in segs:
            if any(k in ln for k in _KINDS) and len(ln) <= 90 and "，" not in ln and _title_like(ln):
                line = ln
                title = re.sub(r"^(?:中共)?[\u4e00-\u9fff]{2,12}(?:人民政府|市委)(?:办公厅|办公室)?\s*", "", ln)
                title = re.sub(r"^关于印发(.*)的通知$", r"\1", title)
                title = re.sub(r"[（(]\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]$", "", title)
                break
    if not title:  # the first heading-like line
        line = title = next((ln for ln in segs[:4] if _title_like(ln)), "")
    if not title and segs and re.fullmatch(r"(?:紧急)?\s*(?:通\s*告|公\s*告|通\s*知|声\s*明|倡\s*议\s*书)", segs[0].strip()):
        line = segs[0]  # 「通 告」: only its kind, better than the file's name
        title = re.sub(r"\s+", "", line)
    return title or None, line


def _issuers(source: SourceText, segs: list[str], title: str) -> list[str]:
    from .regions import find_places

    """Issuing bodies: issuer lines, joint issuers before 关于, the bodies a
    title opens with."""
    issuers = [ln.replace("文件", "") for ln in segs[:6] if _ISSUER_RE.match(ln)]
    for ln in segs[:6]:  # 中共济宁市委 济宁市人民政府 关于…: joint issuers before 关于
        joint = re.match(r"^((?:中共)?[\u4e00-\u9fff]{2,8}?(?:市委|人民政府))((?:中共)?[\u4e00-\u9fff]{2,8}?(?:市委|人民政府))?关于", ln)
        if joint:
            issuers += [g for g in joint.groups() if g]
    if not issuers and "关于" in title:  # 财政部 海关总署 税务总局关于…
        before = segs[: segs.index(title)] if title in segs else []  # joint issuers on lines of their own
        issuers = [w for w in before if _ORG_RE.match(w)]
        issuers += [w for w in re.split(r"[\s、，]+", title.split("关于")[0]) if _ORG_RE.match(w)]
    if not issuers:  # 工业和信息化部组织开展…, 德阳市交通运输局通告
        m = _NATIONAL_RE.match(title) or _LOCAL_ORG_RE.match(title)
        if m and (m.re is _LOCAL_ORG_RE or not find_places(m.group(0))):
            issuers = [m.group(0)]
    if source.hints.get("source") and not issuers:
        issuers = [source.hints["source"]]
    return issuers


def _branch_place(national: re.Match[str] | None):
    """The place a national body's name runs on into (国家税务总局 + 深圳市税务局,
    中国人民银行 + 济南分行): that office is the place's, not the nation's."""
    from .regions import find_places

    if national is None:
        return None
    rest = national.string[national.end():national.end() + 12]
    found = find_places(rest)
    return found[0] if found and rest.startswith(found[0].name[:2]) else None


def _region(meta: dict[str, Any], text: str) -> tuple[str, str, str]:
    """(region, province, level): the place the title and issuer name (the
    most specific one), else 全国 for a national body, else the place the
    text mentions most; ("", "", "") when none."""
    from .regions import NATIONAL, find_places, region_of_text, within

    named = find_places(meta.get("issuer", "") + " " + meta["title"])
    national = _NATIONAL_RE.match(meta["title"]) or _NATIONAL_RE.match(meta.get("issuer", ""))
    branch = _branch_place(national)
    if branch is not None:  # 国家税务总局辽宁省税务局: a national body's office in one place
        return branch.name, branch.province, branch.level
    if (national and not find_places(national.group(0))) or (not named and _NATIONAL_ADDRESSEES.search(text[:600])):
        return NATIONAL, "", "国家"
    place = None
    if named:
        # the most specific place of the first one named: 「浙江温州…」 is 温州; 「上海医疗队再驰援武汉」 is 上海's
        deepest = [p for p in named if not any(q != p and within(q.name, p.name) for q in named)]
        place = deepest[0]
    body = _DATELINE.sub(" ", text)  # 新华社北京2月10日电: where the report was filed, not whose policy
    if place is None and (acts := _NATIONAL_ACTS.search(body[:240])) and not find_places(acts.group(1)):
        return NATIONAL, "", "国家"  # a report that opens with a national body acting (「2月6日，国务院联防联控机制召开新闻发布会」)
    place = place or region_of_text(body[:600]) or region_of_text(body)
    if place is None:
        return "", "", ""
    return place.name, place.province, place.level


_SIGNED_ON = re.compile(_DATE_RE.pattern + r"[\s\u3000]*$")


def _signature(text: str) -> tuple[list[str], str]:
    """The bodies and the date a notice is signed with, at its very end
    (「…特此公告。 海关总署 2020年1月25日」): ([], "") when it has none."""
    tail = re.sub(r"(?:&ensp;|&nbsp;)", " ", text.strip()[-240:])
    tail = re.split(r"(?:链接|附件|公告正文下载|网站纠错)[:：]?\s*\S{0,20}$", tail)[0].rstrip()
    m = _SIGNED_ON.search(tail)
    if not m:
        return [], ""
    before = re.split(r"[。！？；：:”」）)]", tail[: m.start()])[-1]
    words = [w for w in re.split(r"[\s\u3000]+", before) if w]
    names: list[str] = []
    for w in reversed(words[-8:]):  # the bodies right above the date, last first
        if not (_ORG_RE.match(w) or _NATIONAL_RE.fullmatch(w)):
            break
        names.insert(0, w)
    return (names, _iso(*m.groups())) if names and len(words) == len(names) else ([], "")


def infer_meta(source: SourceText, clean: Mapped, doc_id: str) -> dict[str, Any]:
    """What the text itself says about the document (title, 文号, date,
    issuer, region, province, level, period). Best effort; the catalog
    overrides it."""
    text = clean.text
    head = text[:1500]
    # a text whose line breaks were lost: its paragraphs are cut at the spaces
    # of the source (cleaning joins the 汉字 around them)
    first = text.lstrip().split("\n", 1)[0]
    flat = len(first) > _TITLE_MAX or "。" in first
    segs = head_segments(source.text if flat else text)
    meta: dict[str, Any] = {}
    m = re.search(rf"^\s*({DOCNO_RE.pattern})\s*$", head, re.M)
    docno = next((sg for sg in segs if DOCNO_RE.fullmatch(sg)), None)
    if m or docno:
        meta["number"] = re.sub(r"\s+", "", m.group(1) if m else docno)
    # 「至2020年12月31日」, 「2月29日前」: a deadline in the text, not the day it was issued
    dates = [_iso(*d.groups()) for d in _DATE_RE.finditer(head)
             if not _DEADLINE_BEFORE.search(head[max(0, d.start() - 4):d.start()]) and not _DEADLINE_AFTER.match(head, d.end())]
    published = re.search(r"发布日期[:：]\s*((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})", source.text[:3000])
    if source.hints.get("date"):
        meta["date"] = source.hints["date"]
    elif published:
        meta["date"] = _iso(*published.groups())
    elif (iso := _ISO_RE.search(head[:400])) is not None:
        meta["date"] = _iso(*iso.groups())
    elif dates:
        meta["date"] = dates[0]
    title, line = _title(source, head, segs)
    meta["title"] = title or Path(source.path).stem
    issuers = _issuers(source, segs, line or meta["title"])
    # the raw text first: cleaning joins the bodies of 「财政部 税务总局」 into one word
    signed, signed_on = _signature(source.text)
    if not signed:
        signed, signed_on = _signature(text)
    if issuers or signed:
        meta["issuer"] = "、".join(dict.fromkeys(signed or issuers))  # who signed it, where it is signed
    if signed_on and not (source.hints.get("date") or published):
        meta["date"] = signed_on  # the day under the signature is the day it was issued
    meta["region"], meta["province"], meta["level"] = _region(meta, text)
    p = _PERIOD_RE.search(meta["title"]) or _PERIOD_RE.search(head)
    if p:
        meta["period"] = f"{p.group(1)}—{p.group(2)}年"
        meta["valid_until"] = f"{p.group(2)}-12-31"
    years = [int(y) for y in _TARGET_YEAR_RE.findall(text)]
    if years:
        meta["horizon"] = max(years)
    meta.setdefault("date", "")
    meta.setdefault("issuer", "")
    own = re.sub(r"《[^》]*》", "", meta["title"])  # the kind of the document, not of one it names
    kind = next((k for k in _KINDS if k in own), "")
    meta["kind"] = kind
    meta["id"] = doc_id
    return meta


def place_fields(meta: dict[str, Any]) -> dict[str, Any]:
    """The province of the region from the gazetteer (a catalog gives only the
    region), and its level (国家 / 省 / 市 / 区县) when none was given."""
    from .regions import NATIONAL, resolve

    region = meta.get("region") or ""
    place = resolve(region) if region and region != NATIONAL else None
    out = dict(meta)
    if region == NATIONAL:
        out["province"] = ""
        out["level"] = out.get("level") or "国家"
    elif place is not None:
        out["province"] = place.province
        out["level"] = out.get("level") or place.level
    return out


def parse_source(
    source: SourceText, doc_id: str, overrides: dict[str, Any] | None = None, file: str = ""
) -> ParsedDocument:
    clean = clean_layout(source.text)
    if not clean.text.strip():
        raise PolicybotError(f"{source.path}: no text left after cleaning. Check the file has body text.")
    meta = infer_meta(source, clean, doc_id)
    meta["region_inferred"] = not (overrides or {}).get("region")
    for k, v in (overrides or {}).items():
        if k in ("file", "about"):
            continue
        if v is not None or k in ("number", "valid_until", "period"):
            meta[k] = v
    meta = place_fields(meta)
    meta["file"] = file or Path(source.path).name
    meta["format"] = source.format
    doc = DocumentMeta.from_json(meta)
    clauses = parse_clauses(doc.doc_id, clean, source)
    return ParsedDocument(doc, source, clean, tuple(clauses))


# ---------------------------------------------------------------- catalog (I/O)

def load_catalog(corpus_dir: Path) -> list[dict[str, Any]]:
    path = corpus_dir / "catalog.json"
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise PolicybotError(f"{path}: not valid JSON ({e}). Fix the file or remove it.") from e
    docs = data.get("documents", [])
    ids = [d.get("id") for d in docs]
    if len(set(ids)) != len(ids) or not all(ids):
        raise PolicybotError(f"{path}: every document needs a unique 'id'.")
    return docs


def parse_file(
    path: Path,
    *,
    doc_id: str | None = None,
    overrides: dict[str, Any] | None = None,
    encoding: str | None = None,
    password: str | None = None,
    file: str = "",
) -> ParsedDocument:
    from .readers import read_file

    source = read_file(path, encoding=encoding, password=password)
    return parse_source(source, doc_id or slugify(Path(path).stem), overrides, file=file or Path(path).name)


def corpus_files(corpus_dir: Path) -> list[tuple[Path, dict[str, Any]]]:
    """The catalog's files with their entries, then any other readable file in
    the folder (without metadata), in a stable order."""
    from .readers import SUPPORTED

    entries = load_catalog(corpus_dir)
    out: list[tuple[Path, dict[str, Any]]] = []
    listed = set()
    for e in entries:
        p = corpus_dir / e["file"]
        listed.add(p.resolve())
        out.append((p, e))
    for p in sorted(corpus_dir.iterdir()):
        if p.suffix.lower() in SUPPORTED and p.resolve() not in listed and p.name.lower() != "readme.md":
            out.append((p, {}))
    return out


def corpus_fingerprint(files: list[tuple[Path, dict[str, Any]]]) -> str:
    h = hashlib.sha256()
    for p, entry in files:
        h.update(p.name.encode("utf-8"))
        h.update(p.read_bytes())
        h.update(json.dumps(entry, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def with_meta(doc: ParsedDocument, **changes: Any) -> ParsedDocument:
    return replace(doc, meta=replace(doc.meta, **changes))


__all__ = [
    "ParsedDocument",
    "parse_source",
    "parse_file",
    "load_catalog",
    "corpus_files",
    "corpus_fingerprint",
    "infer_meta",
    "fold_text",
]
