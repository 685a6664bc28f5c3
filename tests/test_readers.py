"""The file readers: real fixtures (two PDFs, a government web page, a scan,
an encrypted PDF), bad inputs written to tmp_path, and hand-made pages for
the pure helpers. Fixtures live in tests/fixtures/ (about 1 MB, made from
the shipped corpus); $POLICYBOT_FIXTURES points elsewhere."""

from __future__ import annotations

import functools
import io
import os
import re
import zipfile
from pathlib import Path

import pypdf
import pytest

from policybot.errors import (
    CorruptFileError,
    EmptyFileError,
    EncodingError,
    EncryptedPdfError,
    ReadError,
    ScannedPdfError,
    UnsupportedFormatError,
)
from policybot.readers import SUPPORTED, drop_page_furniture, join_pages, read_bytes, read_file, sniff_format

FIXTURES = Path(os.environ.get("POLICYBOT_FIXTURES", Path(__file__).resolve().parent / "fixtures"))
SHIZHONG = "shizhong-2024-action-plan.pdf"
ZIBO = "zibo-2023-implementation-plan.pdf"
SCANNED = "scanned-no-text-layer.pdf"
ENCRYPTED = "encrypted-password-secret.pdf"
JINAN_HTML = "jinan-2025-evaluation-report.html"
PAGE_FOOTER = re.compile(r"^\s*[—-]\s*\d+\s*[—-]\s*$", re.M)


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.is_file():
        pytest.skip(f"fixture {path} not found (set POLICYBOT_FIXTURES to the fixtures folder)")
    return path


@functools.cache
def read_fixture(name: str, password: str | None = None):
    """Each fixture is read once per session: SourceText is frozen."""
    return read_file(fixture(name), password=password)


# --- the real PDFs ----------------------------------------------------------


@pytest.mark.parametrize("name", [SHIZHONG, ZIBO])
def test_pdf_has_all_pages_and_no_page_footers(name):
    raw = pypdf.PdfReader(fixture(name))
    assert any(PAGE_FOOTER.search(page.extract_text()) for page in raw.pages)  # the footers are there to remove

    source = read_fixture(name)

    assert source.format == "pdf"
    assert len(source.page_starts) == len(raw.pages) == 13
    assert source.page_starts[0] == 0
    assert list(source.page_starts) == sorted(set(source.page_starts))
    assert not PAGE_FOOTER.search(source.text)
    assert "— 3 —" not in source.text


@pytest.mark.parametrize("name", [SHIZHONG, ZIBO])
def test_pdf_pages_are_the_extracted_text_minus_the_footer_line(name):
    raw = [page.extract_text() for page in pypdf.PdfReader(fixture(name)).pages]
    source = read_fixture(name)
    ends = [start - 1 for start in source.page_starts[1:]] + [len(source.text)]

    for i, (start, end) in enumerate(zip(source.page_starts, ends, strict=True)):
        lines = raw[i].split("\n")
        assert lines[-1] == f"— {i + 1} —"
        assert source.text[start:end] == "\n".join(lines[:-1])


@pytest.mark.parametrize(
    "name, sentence, page",
    [
        (SHIZHONG, "市中政字〔2024〕29 号", 1),
        (SHIZHONG, "（此件公开发布）", 1),
        (SHIZHONG, "二、发展目标", 2),
        (SHIZHONG, "制造业占规模以上工业比重达到 50%以上", 2),
        (SHIZHONG, "2.提升企业创新能力", 3),
        (SHIZHONG, "14.建设高素质人才队伍", 10),
        (SHIZHONG, "16.加强组织领导", 12),
        (SHIZHONG, "抄送：区委各部门", 12),
        (SHIZHONG, "济南市市中区人民政府办公室 2024 年 10 月 24 日印发", 13),
        (ZIBO, "淄政字〔2023〕7号", 1),
        (ZIBO, "先进制造业强市实施方案（2023—2025年）\n为深入学习贯彻", 1),
        (ZIBO, "二、重点任务", 2),
        (ZIBO, "3.实施“四链”融合工程，塑强产业人才队伍。", 3),
        (ZIBO, "9.实施“亩均论英雄”，提高单位产出效益。", 7),
        (ZIBO, "15.实施产业集约集聚工程", 10),
        (ZIBO, "三、保障措施", 11),
        (ZIBO, "（五）严格安全管理", 12),
        (ZIBO, "采用先进工艺装备降低安全风险、消除事故隐患。", 13),
    ],
)
def test_pdf_sentence_is_on_its_page(name, sentence, page):
    source = read_fixture(name)
    assert source.text.count(sentence) == 1
    assert source.page_at(source.text.index(sentence)) == page


@pytest.mark.parametrize(
    "name, wrapped, page_of_second_part",
    [
        (SHIZHONG, "现将《济南市市中区推进新型工业化加快产业转型升级行动计\n划（2024—2026 年）》", 1),
        (SHIZHONG, "能源储\n运销、电力装备", 2),  # a sentence running over a page break
        (ZIBO, "聚力实施产\n业赋能", 2),
    ],
)
def test_pdf_keeps_hard_line_breaks(name, wrapped, page_of_second_part):
    source = read_fixture(name)
    at = source.text.index(wrapped) + wrapped.index("\n") + 1
    assert source.page_at(at) == page_of_second_part


def test_pdf_upload_reads_like_the_file():
    path = fixture(SHIZHONG)
    upload = read_bytes(path.read_bytes(), "upload.pdf")
    assert upload.text == read_fixture(SHIZHONG).text
    assert upload.page_starts == read_fixture(SHIZHONG).page_starts
    assert upload.path == "upload.pdf"


def test_encrypted_pdf_reads_with_its_password():
    source = read_fixture(ENCRYPTED, "secret")
    assert len(source.page_starts) == 2
    assert "二、发展目标" in source.text
    assert source.page_at(source.text.index("二、发展目标")) == 2
    assert not PAGE_FOOTER.search(source.text)


# --- the government web page ------------------------------------------------


def test_html_article_starts_with_its_title_and_has_one_paragraph_per_line():
    source = read_fixture(JINAN_HTML)
    lines = source.text.split("\n")
    assert source.format == "html"
    assert lines[0] == "《推进新型工业化加快建设工业强市三年行动计划(2023—2025年)》执行情况评估报告"
    assert lines[1].startswith("为深入贯彻党的二十大精神,认真落实全国新型工业化推进大会")
    assert lines[2] == "一、政策实施总体情况"
    assert lines[-1].endswith("开展融链固链行动,助力企业降本增效。")
    assert len(lines) == 12  # the title and the 11 <p> of the article


def test_html_hints_come_from_the_info_line():
    assert read_fixture(JINAN_HTML).hints == {
        "title": "《推进新型工业化加快建设工业强市三年行动计划(2023—2025年)》执行情况评估报告",
        "date": "2025-08-29",
        "source": "工业和信息化局",
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "(济发〔2023〕7号,以下简称《行动计划》)",
        "确定我市重点打造的13条标志性产业链和34条重点产业链",
        "(二)数字经济发展优势持续稳固。",
        "全市算力总规模达5290PFlops,其中智能算力4599PFlops。",
        "三、进一步推进政策落实的对策建议",
    ],
)
def test_html_keeps_the_body_verbatim(sentence):
    assert sentence in read_fixture(JINAN_HTML).text


@pytest.mark.parametrize(
    "chrome",
    [
        "无障碍浏览",
        "首页",
        "当前位置",
        "发布日期",
        "来源：",
        "访问",
        "字号",
        "超大",
        "分享",
        "微博",
        "打印此页",
        "关闭窗口",
        "相关文件",
        "主办单位",
        "网站标识码",
        "鲁ICP备",
        "_hmt",
        ".nav li",
    ],
)
def test_html_drops_page_chrome(chrome):
    assert chrome not in read_fixture(JINAN_HTML).text


def gov_page(
    body: str, *, head: str = "<title>关于加快建设工业强市的实施意见_某某市人民政府</title>", charset: str = "utf-8"
) -> str:
    return f'<html><head><meta charset="{charset}">{head}</head><body>{body}</body></html>'


def test_html_trs_page_in_gbk_with_breaks_and_a_table():
    page = gov_page(
        '<div class="top">某某市人民政府</div>'
        '<table><tr><td class="title">关于加快建设工业强市的实施意见</td></tr>'
        "<tr><td>发布时间：2023年2月6日 信息来源：市政府办公室 【字体：大 中 小】</td></tr>"
        '<tr><td><div class="TRS_Editor"><p>\u3000\u3000一、总体要求</p><p>坚持创新驱动，<br>加快建设工业强市。</p>'
        "<table><tr><td>指标</td><td>2025年目标</td></tr><tr><td>工业增加值</td><td>1000 亿元</td></tr></table>"
        "</div></td></tr></table>"
        '<div class="share">【打印本页】【关闭窗口】</div>',
        charset="gb2312",
    )
    source = read_bytes(page.encode("gbk"), "page.htm")
    assert source.text.split("\n") == [
        "关于加快建设工业强市的实施意见",
        "一、总体要求",
        "坚持创新驱动，",
        "加快建设工业强市。",
        "指标\t2025年目标",
        "工业增加值\t1000 亿元",
    ]
    assert source.hints == {"title": "关于加快建设工业强市的实施意见", "date": "2023-02-06", "source": "市政府办公室"}


def test_html_without_a_known_container_takes_the_block_with_the_most_text():
    paragraphs = "".join(f"<p>第{n}条 企业开展技术改造的，按照设备投资额给予补助。</p>" for n in range(1, 6))
    page = gov_page(
        '<ul id="menu"><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li></ul>'
        f'<div id="a1"><div id="a2">{paragraphs}</div><div>扫一扫在手机打开当前页</div></div>'
        '<div id="ft">主办单位：某某市人民政府办公室 地址：某某路1号 联系电话：0000</div>'
    )
    lines = read_bytes(page.encode(), "p.html").text.split("\n")
    assert lines[0] == "关于加快建设工业强市的实施意见"  # from <title>, its site name cut off
    assert lines[1:] == [f"第{n}条 企业开展技术改造的，按照设备投资额给予补助。" for n in range(1, 6)]


def test_html_title_inside_the_body_is_not_repeated():
    page = gov_page(
        '<div class="content"><h2>关于加快建设工业强市的实施意见</h2>'
        "<p>各区县人民政府：</p><p>现将有关事项通知如下。</p></div>"
    )
    assert (
        read_bytes(page.encode(), "p.html").text
        == "关于加快建设工业强市的实施意见\n各区县人民政府：\n现将有关事项通知如下。"
    )


def test_html_chrome_inside_the_article_is_dropped():
    page = gov_page(
        '<div class="article"><h1>关于加快建设工业强市的实施意见</h1>'
        '<div class="info">发布日期：2024-10-24 来源：市政府办公室 访问：12 字号：默认 超大</div>'
        "<p>一、总体要求</p><p>坚持创新驱动，加快建设工业强市。</p>"
        "<p>分享：微信 微博 【打印此页】【关闭窗口】</p>"
        "<p>发布时间：2024年10月24日　来源：某某市人民政府</p>"
        '<div class="xgwj"><h3>相关文件</h3>'
        '<ul><li><a href="#">某某市人民政府关于印发某某方案的通知</a></li></ul></div>'
        "</div>"
    )
    source = read_bytes(page.encode(), "p.html")
    assert source.text == "关于加快建设工业强市的实施意见\n一、总体要求\n坚持创新驱动，加快建设工业强市。"
    assert source.hints["date"] == "2024-10-24"


def test_html_mislabelled_utf8_page_is_read_as_utf8():
    page = gov_page('<div class="content"><p>加快建设工业强市。</p></div>', charset="gb2312")
    assert read_bytes(page.encode("utf-8"), "p.html").text.endswith("加快建设工业强市。")


# --- bad inputs -------------------------------------------------------------


def zip_bytes(*members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for member in members:
            z.writestr(member, "<xml/>")
    return buffer.getvalue()


BAD_INPUTS = {
    # id: (file name, content, password, exception, words the message must hold)
    "scanned": (
        "scan.pdf",
        lambda: fixture(SCANNED).read_bytes(),
        None,
        ScannedPdfError,
        ["no text layer", "ocrmypdf", ".txt"],
    ),
    "encrypted": (
        "locked.pdf",
        lambda: fixture(ENCRYPTED).read_bytes(),
        None,
        EncryptedPdfError,
        ["password-protected", "--password"],
    ),
    "wrong-password": (
        "locked.pdf",
        lambda: fixture(ENCRYPTED).read_bytes(),
        "nope",
        EncryptedPdfError,
        ["password given is wrong"],
    ),
    "truncated-pdf": (
        "cut.pdf",
        lambda: fixture(SHIZHONG).read_bytes()[:2048],
        None,
        CorruptFileError,
        ["damaged or incomplete", "again"],
    ),
    "text-named-pdf": (
        "notes.pdf",
        lambda: "一、总体要求\n".encode(),
        None,
        CorruptFileError,
        ["not a PDF", "plain text", ".txt"],
    ),
    "html-named-pdf": (
        "x.pdf",
        lambda: b"<!DOCTYPE html><html><body>404</body></html>",
        None,
        CorruptFileError,
        ["not a PDF", "web page"],
    ),
    "empty-txt": ("empty.txt", lambda: b"", None, EmptyFileError, ["empty", "original"]),
    "empty-pdf": ("empty.pdf", lambda: b"", None, EmptyFileError, ["empty", "original"]),
    "whitespace-txt": ("blank.txt", lambda: b"  \r\n\t\n", None, EmptyFileError, ["only whitespace"]),
    "ideographic-spaces": (
        "blank.md",
        lambda: "\ufeff\u3000\u3000\n".encode(),
        None,
        EmptyFileError,
        ["only whitespace"],
    ),
    "gbk-txt": (
        "gbk.txt",
        lambda: "关于加快建设工业强市的实施意见".encode("gbk"),
        None,
        EncodingError,
        ["not UTF-8", "looks like GBK/GB18030", "iconv -f GB18030 -t UTF-8", "gbk.utf8.txt", "--encoding gb18030"],
    ),
    "big5-txt": (
        "big5.txt",
        lambda: "關於加快建設工業強市的實施意見".encode("big5"),
        None,
        EncodingError,
        ["not UTF-8", "looks like Big5", "--encoding big5"],
    ),
    "utf16-txt": (
        "win.txt",
        lambda: "实施意见".encode("utf-16"),
        None,
        EncodingError,
        ["looks like UTF-16", "--encoding utf-16"],
    ),
    "zip-named-txt": (
        "a.txt",
        lambda: zip_bytes("a.txt"),
        None,
        UnsupportedFormatError,
        ["ZIP archive", ".pdf", ".txt", ".html"],
    ),
    "zip-named-pdf": ("a.pdf", lambda: zip_bytes("a.txt"), None, UnsupportedFormatError, ["ZIP archive", "unpack"]),
    "docx": (
        "a.docx",
        lambda: zip_bytes("[Content_Types].xml", "word/document.xml"),
        None,
        UnsupportedFormatError,
        ["Word document", "save it as PDF"],
    ),
    "png-named-txt": (
        "a.txt",
        lambda: b"\x89PNG\r\n\x1a\n" + bytes(64),
        None,
        UnsupportedFormatError,
        ["PNG image", "OCR"],
    ),
    "pdf-named-txt": ("notes.txt", lambda: b"%PDF-1.4\n%%EOF\n", None, UnsupportedFormatError, ["holds a PDF", "Rename it to .pdf"]),
    "nul-bytes": ("a.md", lambda: b"abc\x00\x01\x02def", None, UnsupportedFormatError, ["NUL bytes"]),
}


@pytest.mark.parametrize("case", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_raises_an_error_a_person_can_act_on(case, tmp_path):
    name, content, password, error, words = case
    path = tmp_path / name
    path.write_bytes(content())

    with pytest.raises(error) as caught:
        read_file(path, password=password)

    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert caught.value.remedy
    for word in words:
        assert word in message


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda d: read_file(d / "missing.txt"), ReadError, ["no such file"]),
        (lambda d: read_file(d), ReadError, ["is a folder"]),
        (
            lambda d: read_bytes("实施意见".encode(), "a.txt", encoding="no-such-codec"),
            EncodingError,
            ["unknown encoding"],
        ),
        (
            lambda d: read_bytes("实施意见".encode("gbk"), "a.txt", encoding="utf-8"),
            EncodingError,
            ["cannot be decoded as utf-8"],
        ),
        (lambda d: read_bytes(b"<html><body><div></div></body></html>", "a.html"), EmptyFileError, ["no article text"]),
    ],
)
def test_other_read_errors(call, error, words, tmp_path):
    with pytest.raises(error) as caught:
        call(tmp_path)
    for word in words:
        assert word in str(caught.value)


def test_gbk_text_reads_with_the_encoding_given(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("关于加快建设工业强市的实施意见\r\n一、总体要求".encode("gbk"))
    source = read_file(path, encoding="gb18030")
    assert source.text == "关于加快建设工业强市的实施意见\n一、总体要求"
    assert source.format == "txt"


# --- text files -------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, fmt, text",
    [
        ("a.txt", "\ufeff一、总体要求\r\n**坚持**  创新。\r\n".encode(), "txt", "一、总体要求\n**坚持**  创新。\n"),
        ("a.md", "# 标题\n\n正文 2 %\n".encode(), "md", "# 标题\n\n正文 2 %\n"),
        ("a.markdown", b"text", "md", "text"),
    ],
)
def test_text_is_kept_verbatim_but_for_bom_and_line_endings(name, data, fmt, text):
    source = read_bytes(data, name)
    assert (source.format, source.text, source.page_starts, source.hints) == (fmt, text, None, {})


# --- format detection -------------------------------------------------------


@pytest.mark.parametrize(
    "data, name, fmt",
    [
        (b"%PDF-1.7\n...", "report.txt", "pdf"),
        (b"\xef\xbb\xbf  %PDF-1.4", "x", "pdf"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "page.txt", "html"),
        (b"\n  <HTML lang=zh><BODY>x", "page.md", "html"),
        (b"<div>x</div>", "page.htm", "html"),
        (b"<div>x</div>", "page.txt", "txt"),
        ("一、总体要求".encode(), "notes.pdf", "txt"),
        ("一、总体要求".encode(), "notes.md", "md"),
        (b"<!-- note -->\n# Title", "notes.md", "md"),
        ("一、总体要求".encode("gbk"), "notes.html", "txt"),
    ],
)
def test_sniff_format_by_content(data, name, fmt):
    assert sniff_format(data, name) == fmt


def test_sniff_format_refuses_binary_and_says_what_is_accepted():
    with pytest.raises(UnsupportedFormatError) as caught:
        sniff_format(zip_bytes("OFD.xml", "Doc_0/Document.xml"), "gov.ofd")
    message = str(caught.value)
    assert message.startswith("gov.ofd: ")
    assert "OFD document" in message
    assert all(ext in message for ext in SUPPORTED)


# --- page furniture (pure) --------------------------------------------------


@pytest.mark.parametrize(
    "footer",
    ["— {n} —", "- {n} -", "—{n}—", "－{n}－", "第 {n} 页", "第{n}页 共4页", "{n} / 4", "{n}", "Page {n} of 4"],
)
def test_page_numbers_at_the_bottom_are_dropped(footer):
    body = ["加快建设工业强市，\n推进新型工业化。", "（一）优化产业布局。\n", "2.提升创新能力。", "抄送：各部门。\n\n"]
    pages = [f"{text}\n{footer.format(n=n)}" for n, text in enumerate(body, start=1)]
    assert drop_page_furniture(pages) == [text.strip("\n") for text in body]


def test_running_header_and_page_number_at_the_top_are_dropped():
    body = ["一、总体要求", "二、发展目标\n到2026年", "三、重点任务", "（一）实施行动。\n1.优化布局。", "四、保障措施"]
    pages = [
        f"某某市人民政府公报 2024年第{n}期\n{n}\n{text}\n  \n" for n, text in enumerate(body, start=3)
    ]  # numbered from 3
    assert drop_page_furniture(pages) == body


def test_numbers_that_do_not_count_pages_are_kept():
    pages = ["表1\n2025", "目标\n1200", "合计\n35"]
    assert drop_page_furniture(pages) == pages


def test_a_line_repeated_on_two_pages_is_not_a_running_header():
    pages = ["（责任单位：市工业和信息化局）\n正文一", "（责任单位：市工业和信息化局）\n正文二", "正文三\n结尾"]
    assert drop_page_furniture(pages) == pages


def test_page_number_in_the_middle_of_a_page_is_kept():
    pages = [
        f"{head}\n— {n} —\n{tail}" for n, (head, tail) in enumerate([("一、", "甲"), ("二、", "乙"), ("三、", "丙")], 1)
    ]
    assert drop_page_furniture(pages) == pages


def test_join_pages_records_where_each_page_starts():
    assert join_pages(["ab", "", "cde"]) == ("ab\n\ncde", (0, 3, 4))


# --- PDF metadata and partly scanned PDFs (written to tmp_path) --------------


def rewrite_pdf(tmp_path: Path, *, title: str | None = None, blank_page_at: int | None = None) -> Path:
    writer = pypdf.PdfWriter(clone_from=fixture(SHIZHONG))
    if title is not None:
        writer.add_metadata({"/Title": title})
    if blank_page_at is not None:
        writer.insert_blank_page(index=blank_page_at)
    path = tmp_path / "rewritten.pdf"
    with path.open("wb") as f:
        writer.write(f)
    return path


@pytest.mark.parametrize(
    "title, hint",
    [
        ("济南市市中区推进新型工业化加快产业转型升级行动计划", "济南市市中区推进新型工业化加快产业转型升级行动计划"),
        ("Microsoft Word - 市中政字〔2024〕29号.docx", "市中政字〔2024〕29号"),
        ("   ", None),
    ],
)
def test_pdf_title_hint_comes_from_the_metadata(tmp_path, title, hint):
    assert read_file(rewrite_pdf(tmp_path, title=title)).hints.get("title") == hint


def test_pdf_with_a_page_without_text_says_so_and_keeps_page_numbers(tmp_path):
    source = read_file(rewrite_pdf(tmp_path, blank_page_at=2))
    assert len(source.page_starts) == 14
    assert source.hints == {"pages_without_text": "3"}
    assert source.page_at(source.text.index("2.提升企业创新能力")) == 4


def test_the_fixtures_ship_with_the_repository():
    """A fresh clone runs every reader test: nothing is looked up beside it."""
    here = Path(__file__).resolve().parent / "fixtures"
    for name in (SHIZHONG, ZIBO, SCANNED, ENCRYPTED, JINAN_HTML):
        assert (here / name).is_file(), f"tests/fixtures/{name} is missing"
