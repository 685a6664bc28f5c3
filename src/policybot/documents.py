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


def infer_meta(source: SourceText, clean: Mapped, doc_id: str) -> dict[str, Any]:
    """What the text itself says about the document (title, 文号, date,
    issuer, region, period). Best effort; the catalog overrides it."""
    text = clean.text
    head = text[:1500]
    lines = [ln.strip() for ln in head.split("\n") if ln.strip()]
    meta: dict[str, Any] = {}
    m = re.search(rf"^\s*({DOCNO_RE.pattern})\s*$", head, re.M)
    if m:
        meta["number"] = re.sub(r"\s+", "", m.group(1))
    dates = [_iso(*d.groups()) for d in _DATE_RE.finditer(head)]
    published = re.search(r"发布日期[:：]\s*((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})", source.text[:3000])
    if source.hints.get("date"):
        meta["date"] = source.hints["date"]
    elif published:
        meta["date"] = _iso(*published.groups())
    elif (iso := _ISO_RE.search(head[:400])) is not None:
        meta["date"] = _iso(*iso.groups())
    elif dates:
        meta["date"] = dates[0]
    title = source.hints.get("title")
    issued = re.search(r"现将《(.{4,80}?)》印发", head)
    if not title and issued:
        title = re.sub(r"\s+", "", issued.group(1))
    if not title:
        for ln in lines[:12]:
            if any(k in ln for k in _KINDS) and len(ln) <= 90 and not ln.startswith(("现将", "为")):
                title = re.sub(r"^(?:中共)?[\u4e00-\u9fff]{2,12}(?:人民政府|市委)\s*", "", ln)
                title = re.sub(r"^关于印发(.*)的通知$", r"\1", title)
                title = re.sub(r"[（(]\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[）)]$", "", title)
                break
    meta["title"] = title or Path(source.path).stem
    issuers = [ln.replace("文件", "") for ln in lines[:6] if _ISSUER_RE.match(ln)]
    for ln in lines[:6]:  # 中共济宁市委 济宁市人民政府 关于…: joint issuers before 关于
        joint = re.match(r"^((?:中共)?[\u4e00-\u9fff]{2,8}?(?:市委|人民政府))((?:中共)?[\u4e00-\u9fff]{2,8}?(?:市委|人民政府))?关于", ln)
        if joint:
            issuers += [g for g in joint.groups() if g]
    if source.hints.get("source") and not issuers:
        issuers = [source.hints["source"]]
    if issuers:
        meta["issuer"] = "、".join(dict.fromkeys(issuers))
    from .regions import find_places, region_of_text

    named = [pl for pl in find_places(meta.get("issuer", "") + meta["title"]) if pl.kind != "省"]
    place = named[-1] if named else region_of_text(text)
    if place is not None:
        meta["region"] = place.name
        meta["level"] = place.kind
    p = _PERIOD_RE.search(meta["title"]) or _PERIOD_RE.search(head)
    if p:
        meta["period"] = f"{p.group(1)}—{p.group(2)}年"
        meta["valid_until"] = f"{p.group(2)}-12-31"
    years = [int(y) for y in _TARGET_YEAR_RE.findall(text)]
    if years:
        meta["horizon"] = max(years)
    meta.setdefault("date", "")
    meta.setdefault("issuer", "")
    meta.setdefault("region", "")
    meta.setdefault("level", "")
    own = re.sub(r"《[^》]*》", "", meta["title"])  # the kind of the document, not of one it names
    kind = next((k for k in _KINDS if k in own), "")
    meta["kind"] = kind
    meta["id"] = doc_id
    return meta


def parse_source(
    source: SourceText, doc_id: str, overrides: dict[str, Any] | None = None, file: str = ""
) -> ParsedDocument:
    clean = clean_layout(source.text)
    if not clean.text.strip():
        raise PolicybotError(f"{source.path}: no text left after cleaning. Check the file has body text.")
    meta = infer_meta(source, clean, doc_id)
    for k, v in (overrides or {}).items():
        if k in ("file", "about"):
            continue
        if v is not None or k in ("number", "valid_until", "period"):
            meta[k] = v
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
