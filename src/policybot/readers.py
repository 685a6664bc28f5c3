"""Read one document file into a :class:`SourceText`: the first stage.

``read_file`` (a path) and ``read_bytes`` (an upload) decide the format from
the content (``sniff_format``), then hand the bytes to one reader per format.
Every reader is a function from bytes to ``SourceText`` with no I/O of its
own. The text is kept verbatim, hard line breaks included: later stages undo
the layout and map clause offsets back into this text. Only what is not part
of the document is removed: PDF page numbers and running headers, and the
chrome around an article on a web page. Anything unreadable raises a
:class:`ReadError` that names the file and says what to do.
"""

from __future__ import annotations

import io
import math
import re
import shlex
import zipfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from pypdf import PdfReader
from pypdf.errors import DependencyError

from .errors import (
    CorruptFileError,
    EmptyFileError,
    EncodingError,
    EncryptedPdfError,
    ReadError,
    ScannedPdfError,
    UnsupportedFormatError,
)
from .types import SourceText

SUPPORTED = (".txt", ".md", ".pdf", ".html", ".htm")
_ACCEPTED = "policybot reads .txt and .md (UTF-8 text), .pdf (with a text layer) and .html/.htm"


# --- the edges: a path or an upload ----------------------------------------


def read_file(path: str | Path, *, encoding: str | None = None, password: str | None = None) -> SourceText:
    """Read a document from disk. See :func:`read_bytes`."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ReadError(name, "no such file", "Check the path and the file name.") from None
    except IsADirectoryError:
        raise ReadError(name, "is a folder, not a file", "Give the path of one document file.") from None
    except OSError as e:
        raise ReadError(
            name, f"cannot be read ({e.strerror})", "Check that the file exists and that you may read it."
        ) from None
    return read_bytes(data, name, encoding=encoding, password=password)


def read_bytes(data: bytes, name: str, *, encoding: str | None = None, password: str | None = None) -> SourceText:
    """Turn a file's bytes into text. ``name`` names the file in messages and
    breaks the tie between .txt and .md; the content decides the format.
    ``encoding`` overrides the detected text encoding (txt, md, html);
    ``password`` opens an encrypted PDF."""
    if not data.strip():
        problem = "is empty (0 bytes)" if not data else "contains only whitespace"
        raise EmptyFileError(
            name, problem, "Check that the download or copy finished, then read the original file again."
        )
    fmt = sniff_format(data, name)
    if fmt != "pdf" and Path(name).suffix.lower() == ".pdf":
        what, suffix = (
            ("a web page (often an error or login page saved as .pdf)", ".html")
            if fmt == "html"
            else ("plain text", ".txt")
        )
        raise CorruptFileError(
            name,
            f"is not a PDF: a PDF starts with %PDF-, this file holds {what}",
            f"Download or export the PDF again; if it is meant to be {what.split(' (')[0]}, rename it to {suffix}.",
        )
    if fmt == "pdf" and Path(name).suffix.lower() in _TEXT_SUFFIXES:
        raise UnsupportedFormatError(
            name,
            f"is named {Path(name).suffix.lower()} but holds a PDF (it starts with %PDF-)",
            "Rename it to .pdf if it is the PDF you meant, or export the document as text again.",
        )
    if fmt == "pdf":
        return _read_pdf(data, name, password)
    if fmt == "html":
        return _read_html(data, name, encoding)
    return _read_text(data, name, fmt, encoding)


# --- format detection -------------------------------------------------------

_SAVE_AS = "open it in WPS or Word and save it as PDF or as UTF-8 text"
_OCR = "run OCR on it first, or supply the text as .txt"
_BINARY_SIGNATURES = (  # (how the file starts, what it is, what to do)
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office or WPS document (.doc, .wps, .xls)", _SAVE_AS),
    (b"{\\rtf", "an RTF document", _SAVE_AS),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", _OCR),
    (b"\xff\xd8\xff", "a JPEG image", _OCR),
    (b"GIF8", "a GIF image", _OCR),
    (b"II*\x00", "a TIFF image", _OCR),
    (b"MM\x00*", "a TIFF image", _OCR),
    (b"\x1f\x8b", "a gzip archive", "unpack it and ingest the documents inside"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it and ingest the documents inside"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and ingest the documents inside"),
)
_TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_HTML_MARKER = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def sniff_format(data: bytes, name: str) -> str:
    """``"pdf"``, ``"html"``, ``"txt"`` or ``"md"``, decided by the content;
    the name's extension only chooses between txt and md. Binary content that
    is none of these raises :class:`UnsupportedFormatError`."""
    head = data[:4096].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    binary = _describe_binary(data)
    if binary:
        what, remedy = binary
        raise UnsupportedFormatError(
            name, f"unsupported format: the content is {what}, not text, PDF or HTML", f"{_ACCEPTED}; {remedy}."
        )
    lowered = head.lower()
    if lowered.startswith(b"<") and (_HTML_MARKER.search(lowered) or Path(name).suffix.lower() in (".html", ".htm")):
        return "html"
    return "md" if Path(name).suffix.lower() in (".md", ".markdown") else "txt"


def _describe_binary(data: bytes) -> tuple[str, str] | None:
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _describe_zip(data)
    for signature, what, remedy in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return what, remedy
    if b"\x00" in data[:8192] and not data.startswith(_UTF16_BOMS):
        return "binary data (it contains NUL bytes)", "convert the document to one of these formats first"
    return None


def _describe_zip(data: bytes) -> tuple[str, str]:
    """Office files and OFD (the Chinese e-document format) are ZIP archives."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return (
            "a ZIP archive (a .zip, or an Office file such as .docx)",
            "unpack it, or save the document as PDF or UTF-8 text",
        )
    kinds = (
        ("word/", "a Word document (.docx)", _SAVE_AS),
        ("xl/", "an Excel workbook (.xlsx)", "save the sheet as PDF or as UTF-8 text"),
        ("ppt/", "a PowerPoint file (.pptx)", "save it as PDF"),
        ("ofd.xml", "an OFD document (.ofd)", "open it in an OFD reader and export it as PDF or text"),
    )
    for marker, what, remedy in kinds:
        if any(n.lower().startswith(marker) or n.lower().endswith("/" + marker) for n in names):
            return what, remedy
    return "a ZIP archive", "unpack it and ingest the documents inside"


# --- plain text -------------------------------------------------------------


def _read_text(data: bytes, name: str, fmt: str, encoding: str | None) -> SourceText:
    text = _decode_text(data, name, encoding)
    # Universal newlines, as open() would read the file; nothing else changes.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyFileError(
            name, "contains only whitespace", "Check that the file is the document you meant, with its text."
        )
    return SourceText(path=name, format=fmt, text=text)


def _decode_text(data: bytes, name: str, encoding: str | None) -> str:
    if encoding:
        return _decode_as(data, name, encoding)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    guess = _guess_encoding(data)
    codec = {"GBK/GB18030": "gb18030", "Big5": "big5", "UTF-16": "utf-16"}.get(guess)
    if codec is None:
        raise EncodingError(
            name,
            "is not UTF-8 text, and not GBK/GB18030, Big5 or UTF-16 either",
            "Check that it is a text file; if it is, convert it to UTF-8 or pass its encoding with --encoding.",
        )
    out = Path(name).with_name(Path(name).stem + ".utf8" + (Path(name).suffix or ".txt"))
    raise EncodingError(
        name,
        f"is not UTF-8 text: it looks like {guess}",
        f"Convert it (iconv -f {codec.upper()} -t UTF-8 {shlex.quote(name)} > {shlex.quote(str(out))}) "
        f"or pass --encoding {codec} to policybot ingest.",
    )


def _decode_as(data: bytes, name: str, encoding: str) -> str:
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except LookupError:
        raise EncodingError(
            name, f"unknown encoding {encoding!r}", "Use a Python codec name such as utf-8, gb18030, big5 or utf-16."
        ) from None
    except UnicodeDecodeError as e:
        raise EncodingError(
            name,
            f"cannot be decoded as {encoding} (invalid bytes at offset {e.start})",
            "Check the file's real encoding (the `file` command or an editor shows it) and pass that with --encoding.",
        ) from None


# Characters common in any Chinese text, in both simplified and traditional
# script: text decoded with the wrong legacy codec rarely contains them.
_COMMON_HANZI = frozenset("的一是不了在人有我他这中大来上国个到和地出也时年为以发展市工业政府进行")


def _guess_encoding(data: bytes) -> str | None:
    if data.startswith(_UTF16_BOMS):
        return "UTF-16"
    scores = {}
    for label, codec in (("GBK/GB18030", "gb18030"), ("Big5", "big5")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scores[label] = sum(ch in _COMMON_HANZI for ch in text)
    return max(scores, key=scores.get) if scores else None  # a tie keeps GBK, tried first


# --- PDF --------------------------------------------------------------------

_MIN_TEXT_CHARS = 20  # a page with fewer non-space characters has no real text layer
_EDGE_LINES = 2  # how far in from the top and the bottom of a page to look for furniture
_DASHES = "-—–‒―−－~～·•"
_PAGE_NUMBER = re.compile(
    rf"""^\s*(?:
        [{_DASHES}]+\s*\d{{1,4}}\s*[{_DASHES}]+                           # — 3 —, - 3 -, —3—
      | 第\s*\d{{1,4}}\s*页(?:\s*[,，、/]?\s*共\s*\d{{1,4}}\s*页)?          # 第 3 页, 第3页 共13页
      | 共\s*\d{{1,4}}\s*页\s*[,，、/]?\s*第\s*\d{{1,4}}\s*页               # 共13页 第3页
      | \d{{1,4}}\s*/\s*\d{{1,4}}                                          # 3 / 13
      | (?:page|p\.)\s*\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?               # Page 3 of 13
    )\s*$""",
    re.X | re.I,
)
_BARE_NUMBER = re.compile(r"^\s*(\d{1,4})\s*$")
_WORDY = re.compile(r"[^\W\d_]")  # a running header has words, not only a (masked) number
_JUNK_TITLE = re.compile(r"^\s*(?:microsoft\s+word\s*-\s*)?(.*?)(?:\.(?:docx?|wps|pdf|txt|tmp))?\s*$", re.I)


def _read_pdf(data: bytes, name: str, password: str | None) -> SourceText:
    reader = _open_pdf(data, name)
    if reader.is_encrypted:
        _decrypt(reader, name, password)
    try:
        raw_pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or ""
    except Exception as e:  # noqa: BLE001 - pypdf raises many types on damaged input
        raise _corrupt(name, e) from e
    if not raw_pages:
        raise CorruptFileError(name, "the PDF has no pages", "Download or export the PDF again.")
    pages = drop_page_furniture(raw_pages)
    sizes = [len("".join(p.split())) for p in pages]
    if max(sizes) < _MIN_TEXT_CHARS:
        raise ScannedPdfError(
            name,
            "no text layer (scanned image)",
            f"Run OCR first (e.g. `ocrmypdf --language chi_sim {shlex.quote(name)} out.pdf`) "
            "or supply the text as .txt.",
        )
    text, page_starts = join_pages(pages)
    hints = {}
    title = _JUNK_TITLE.match(str(title)).group(1).strip()
    if title:
        hints["title"] = title
    blank = [str(i + 1) for i, size in enumerate(sizes) if size == 0]
    if blank:  # pages that are images (or empty): say that their text is missing
        hints["pages_without_text"] = ", ".join(blank)
    return SourceText(path=name, format="pdf", text=text, page_starts=page_starts, hints=hints)


def _open_pdf(data: bytes, name: str) -> PdfReader:
    try:
        return PdfReader(io.BytesIO(data), strict=False)
    except Exception as e:  # noqa: BLE001 - pypdf raises many types on damaged input
        raise _corrupt(name, e) from e


def _decrypt(reader: PdfReader, name: str, password: str | None) -> None:
    try:
        # An owner-password-only PDF opens with the empty user password.
        opened = reader.decrypt(password if password is not None else "")
    except DependencyError as e:
        raise EncryptedPdfError(
            name, "is encrypted with AES, which needs the cryptography package", "Install it: pip install cryptography."
        ) from e
    except Exception as e:  # noqa: BLE001
        raise _corrupt(name, e) from e
    if opened:
        return
    if password is None:
        raise EncryptedPdfError(
            name,
            "is password-protected (encrypted PDF)",
            "Pass the password (--password PASSWORD, or password= in Python), "
            "or get an unprotected copy from the publisher.",
        )
    raise EncryptedPdfError(
        name,
        "is password-protected and the password given is wrong",
        "Check the password (it is case-sensitive) and try again.",
    )


def _corrupt(name: str, error: Exception) -> CorruptFileError:
    reason = " ".join(str(error).split())[:120] or type(error).__name__
    return CorruptFileError(
        name,
        f"the PDF is damaged or incomplete ({reason})",
        "Download or export it again; if it opens in a PDF viewer, print it to a new PDF and ingest that.",
    )


def drop_page_furniture(pages: Sequence[str]) -> list[str]:
    """Remove page numbers (``— 3 —``, ``第 3 页``, ``3 / 13``, a bare page
    number) and running headers/footers (a line at the top or bottom of at
    least 60% of the pages, and of 3 pages or more) from each page's text.
    Only lines at a page's edges are candidates; the rest stays verbatim."""
    lines = [page.split("\n") for page in pages]
    edges = [_edge_indexes(page_lines) for page_lines in lines]
    seen = Counter(
        key
        for page_lines, (top, bottom) in zip(lines, edges, strict=True)
        for key in {_line_key(page_lines[i]) for i in top + bottom}
    )
    running = {key for key, n in seen.items() if _WORDY.search(key) and n >= max(3, math.ceil(0.6 * len(pages)))}
    offset = _page_number_offset(lines, edges)

    def is_furniture(line: str, page_no: int) -> bool:
        if _PAGE_NUMBER.match(line) or _line_key(line) in running:
            return True
        bare = _BARE_NUMBER.match(line)
        return bool(bare) and offset is not None and int(bare.group(1)) - page_no == offset

    cleaned = []
    for page_no, (page_lines, (top, bottom)) in enumerate(zip(lines, edges, strict=True), start=1):
        drop = set()
        for side in (top, bottom):
            for i in side:  # from the edge inwards, up to the first line of content
                if not is_furniture(page_lines[i], page_no):
                    break
                drop.add(i)
        kept = [line for i, line in enumerate(page_lines) if i not in drop]
        while kept and not kept[0].strip():
            kept.pop(0)
        while kept and not kept[-1].strip():
            kept.pop()
        cleaned.append("\n".join(kept))
    return cleaned


def join_pages(pages: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """Pages joined with one "\\n", and the offset where each page starts."""
    starts, pos = [], 0
    for page in pages:
        starts.append(pos)
        pos += len(page) + 1
    return "\n".join(pages), tuple(starts)


def _edge_indexes(lines: list[str]) -> tuple[list[int], list[int]]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:_EDGE_LINES], filled[::-1][:_EDGE_LINES]


def _line_key(line: str) -> str:
    """A line compared across pages: numbers masked, whitespace ignored."""
    return re.sub(r"\d+", "#", "".join(line.split()))


def _page_number_offset(lines: list[list[str]], edges: list[tuple[list[int], list[int]]]) -> int | None:
    """How bare numbers at page edges relate to page positions, when they
    count pages (number = position + offset on enough pages); else None."""
    offsets = Counter()
    for page_no, (page_lines, (top, bottom)) in enumerate(zip(lines, edges, strict=True), start=1):
        found = {int(m.group(1)) - page_no for i in top + bottom if (m := _BARE_NUMBER.match(page_lines[i]))}
        offsets.update(found)
    if not offsets:
        return None
    offset, n = offsets.most_common(1)[0]
    return offset if n >= max(1, min(3, math.ceil(len(lines) / 2))) else None


# --- HTML -------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_GB_FAMILY = {"gb2312", "gbk", "x-gbk", "gb18030", "cp936", "euc-cn"}
_NOT_CONTENT_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "embed",
    "button",
    "select",
    "input",
    "textarea",
)
_CHROME_TAGS = ("nav", "header", "footer", "aside")
_CONTENT_HINT = re.compile(
    r"content|article|trs_editor|zoom|custom_unionstyle|main-?text|pages_content|detail|zhengwen|wenzhang", re.I
)
_CHROME_TOKENS = frozenset(
    "nav navbar menu breadcrumb crumb crumbs position location dqwz share bdshare fenxiang jiathis print close "
    "related relate xgwj xglj xgxw footer foot header head top topbar bottom copyright sidebar side banner search "
    "login toolbar ad ads comment pager prev next qrcode ewm erweima info".split()
)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody tfoot thead tr ul".split()
)
_CELL_TAGS = ("td", "th")
_DESCEND_INTO = frozenset("div section article main table tbody tr td center form".split())
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_DATE = re.compile(
    r"(成文日期|发文日期|发布日期|发布时间)\s*[:：]\s*(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"
)
_SOURCE = re.compile(r"(?:信息|文章)?来源\s*[:：]\s*([^\s|｜]+)")
_INFO_LABEL = re.compile(
    r"(?:成文日期|发文日期|发布日期|发布时间|(?:信息|文章)?来源|访问量?|浏览(?:次数)?|点击(?:数|量)?|字号|作者|责任编辑)\s*[:：]"
)
_CHROME_LINE = re.compile(
    r"分享到|分享|微信|微博|朋友圈|QQ空间|打印此页|打印本页|打印|关闭窗口|关闭本页|关闭|收藏|返回顶部|扫一扫在手机打开当前页|"
    r"上一篇|下一篇|相关文件|相关链接|相关阅读|相关新闻|[【】\[\]()（）:：|｜/·,，\s]"
)


def _read_html(data: bytes, name: str, encoding: str | None) -> SourceText:
    markup = _decode_as(data, name, encoding) if encoding else _decode_html(data, name)
    title, body, hints = extract_article(markup)
    if not body:
        raise EmptyFileError(
            name,
            "the web page has no article text",
            "If the document is an attachment of the page, download the attachment and ingest it; "
            "else supply the text as .txt.",
        )
    text = "\n".join(([title] if title else []) + body)
    return SourceText(path=name, format="html", text=text, hints=hints)


def _decode_html(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode_as(data, name, "utf-8-sig")
    found = _META_CHARSET.search(data[:4096])
    declared = found.group(1).decode("ascii").lower() if found else None
    order = [declared, "utf-8", "gb18030"]
    if declared and declared not in ("utf-8", "utf8") and _is_utf8_with_multibyte(data):
        order.insert(0, "utf-8")  # a mislabelled page: valid multibyte UTF-8 is never an accident
    for enc in dict.fromkeys(e for e in order if e):
        try:
            return data.decode("gb18030" if enc in _GB_FAMILY else enc)
        except (LookupError, UnicodeDecodeError):
            continue
    said = f"{declared} (as its <meta charset> says), " if declared else ""
    raise EncodingError(
        name,
        f"the page is neither {said}UTF-8 nor GB18030",
        "Save the page again from the browser, or pass its encoding with --encoding.",
    )


def _is_utf8_with_multibyte(data: bytes) -> bool:
    try:
        return len(data.decode("utf-8")) < len(data)
    except UnicodeDecodeError:
        return False


def extract_article(markup: str) -> tuple[str, list[str], dict[str, str]]:
    """The article of a government web page: its title, its body paragraphs
    (one per line) and the hints its page carries (title, date, source)."""
    soup = BeautifulSoup(markup, "lxml")
    for el in soup.find_all(_NOT_CONTENT_TAGS):
        el.decompose()
    for el in soup.find_all(string=lambda s: isinstance(s, Comment)):
        el.extract()
    hints = _page_hints(soup)
    heading = _title_element(soup, hints.get("title", ""))
    title = _one_line(heading.get_text()) if heading else hints.get("title", "")
    if heading:
        heading.decompose()
    if title:
        hints["title"] = title
    _drop_chrome(soup)
    body = [line for line in _lines(_article_container(soup)) if not _is_chrome_line(line)]
    if body and title and "".join(body[0].split()) == "".join(title.split()):
        body = body[1:]
    return title, body, hints


def _page_hints(soup: BeautifulSoup) -> dict[str, str]:
    meta = {m.get("name", "").lower(): m.get("content", "").strip() for m in soup.find_all("meta") if m.get("name")}
    page_title = _one_line(soup.title.get_text()) if soup.title else ""
    parts = [p for p in re.split(r"\s*[_|｜]\s*|\s+[-–—]\s+", page_title) if p]
    hints = {"title": meta.get("articletitle") or (max(parts, key=len) if parts else "")}
    text = soup.get_text(" ")
    dates = {label: _iso(y, m, d) for label, y, m, d in reversed(_DATE.findall(text))}
    pubdate = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", meta.get("pubdate", ""))
    date = dates.get("成文日期") or dates.get("发文日期") or dates.get("发布日期") or dates.get("发布时间")
    if not date and pubdate:
        date = _iso(*pubdate.groups())
    source = _SOURCE.search(text)
    source = (
        re.split(r"访问|浏览|点击|字号|作者|发布|【", source.group(1))[0] if source else meta.get("contentsource", "")
    )
    hints.update(date=date or "", source=source)
    return {k: v for k, v in hints.items() if v}


def _title_element(soup: BeautifulSoup, page_title: str) -> Tag | None:
    """The visible heading that is the page's title: the longest h1-h3 or
    *title* element that the <title> contains; else the first h1."""
    wanted = "".join(page_title.split())
    candidates = soup.find_all(["h1", "h2", "h3"]) + soup.find_all(class_=re.compile("title", re.I))
    matching = [el for el in candidates if (t := "".join(el.get_text().split())) and len(t) >= 4 and t in wanted]
    if matching:
        return max(matching, key=lambda el: len(el.get_text().strip()))
    return None if wanted else soup.find("h1")


def _drop_chrome(soup: BeautifulSoup) -> None:
    """Remove navigation, headers, footers, share and related-link blocks,
    never a block that holds most of the page's text."""
    total = _cjk_count(soup)
    chrome = soup.find_all(_CHROME_TAGS) + [el for el in soup.find_all(True) if _chrome_tokens(el)]
    for el in chrome:
        if not el.decomposed and _cjk_count(el) < 0.5 * total:
            el.decompose()


def _chrome_tokens(el: Tag) -> bool:
    names = " ".join(el.get("class") or []) + " " + str(el.get("id") or "")
    return any(token in _CHROME_TOKENS for token in re.split(r"[\s_-]+", names.lower()))


def _article_container(soup: BeautifulSoup) -> Tag:
    """The known content container with the most text (else <body>), then
    down into the child that holds nearly all of that text."""
    root = soup.body or soup
    total = _cjk_count(root)
    known = [
        el
        for el in root.find_all(True)
        if _CONTENT_HINT.search(" ".join(el.get("class") or []) + " " + str(el.get("id") or ""))
    ]
    best = max(known, key=_cjk_count, default=None)
    node = best if best is not None and _cjk_count(best) >= 0.3 * total else root
    while True:
        inner = max((c for c in node.find_all(_DESCEND_INTO, recursive=False)), key=_cjk_count, default=None)
        if inner is None or _cjk_count(inner) < 0.8 * _cjk_count(node):
            return node
        node = inner


def _cjk_count(el: Tag) -> int:
    """CJK characters of ``el`` outside links: link lists are navigation."""
    return sum(len(_CJK.findall(s)) for s in el.find_all(string=True) if s.find_parent("a") is None)


def _lines(root: Tag) -> list[str]:
    """Block elements and <br> end lines; table cells are joined by tabs."""
    lines: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        line = re.sub(r" *\t *", "\t", re.sub(r" {2,}", " ", "".join(parts))).strip()
        parts.clear()
        if line:
            lines.append(line)

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:  # not a Doctype, CData or processing instruction
                    parts.append(re.sub(r"[ \t\n\r\f]+", " ", str(child)))
            elif child.name == "br":
                flush()
            elif child.name == "pre":
                flush()
                lines.extend(line for line in child.get_text().split("\n") if line.strip())
            elif child.name in _CELL_TAGS:
                parts.append("\t")
                walk(child)
            elif child.name in _BLOCK_TAGS:
                flush()
                walk(child)
                flush()
            else:
                walk(child)

    walk(root)
    flush()
    return lines


def _is_chrome_line(line: str) -> bool:
    """Share/print/close links and the 发布日期/来源/访问/字号 info line."""
    if len(line) > 150:
        return False
    if not _CHROME_LINE.sub("", line):
        return True
    labels = _INFO_LABEL.findall(line)
    return len(labels) >= 2 or (bool(labels) and line.startswith(labels[0]) and len(line) < 60)


def _iso(year: str, month: str, day: str) -> str:
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
