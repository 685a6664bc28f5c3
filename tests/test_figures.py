"""The figure line of an amount answer (figures.py), fed by hand."""

from __future__ import annotations

from policybot.figures import figure_lines
from policybot.types import Citation, Clause, DocumentMeta

TEXT = "对整生产线、整车间和整工厂的智能化改造项目，分别给予设备投资（含软件）12%、15% 和 20% 的奖补，单个企业最高不超过 2000 万元。"
DOC = DocumentMeta("d", "t", "i", "2020-07-09", "济南市", "市")


def cite(text: str, quote: str | None = None, n: int = 1) -> Citation:
    c = Clause("d:1", "d", 0, "clause", ("7.",), "7.", text, 0, len(text), 0, len(text))
    return Citation(n, c, DOC, quote or text, 1.0)


def test_the_case_asked_about():
    assert figure_lines("我们在济南搞智能化改造，整个车间改造能补多少？", [cite(TEXT)]) == [
        "整车间智能化改造：设备投资（含软件）的15%，单个企业最高2000万元 [1]"
    ]
    assert figure_lines("整工厂改造补多少", [cite(TEXT, n=2)]) == ["整工厂智能化改造：设备投资（含软件）的20%，单个企业最高2000万元 [2]"]


def test_cases_side_by_side_when_the_question_does_not_say():
    (line,) = figure_lines("济南智能化改造能补多少？", [cite(TEXT)])
    assert line == "按情形：整生产线 12%；整车间 15%；整工厂 20%（设备投资（含软件）），单个企业最高2000万元 [1]"


def test_one_figure_with_who_it_is_for():
    t = "新获批省级研发机构的企业，给予最高 100 万元扶持。"
    assert figure_lines("省级研发机构给多少", [cite(t)]) == ["新获批省级研发机构的企业：最高100万元 [1]"]


def test_nothing_when_the_quote_grants_no_figure():
    t = "到 2022 年，全市省级以上创新平台达到 1000 家。对经市级以上认定的给予一次性奖补。"
    assert figure_lines("能补多少", [cite(t)]) == []
    # only measures inside the quoted part count
    assert figure_lines("能补多少", [cite(TEXT + "到 2022 年，投资翻番。", quote="到 2022 年，投资翻番。")]) == []


def test_a_document_line_says_what_is_not_known_rather_than_leaving_it_blank():
    import datetime as dt

    from policybot.validity import document_line

    bare = DocumentMeta("d", "新冠肺炎疫情防控税收优惠政策指引", "", "", "", "")  # no issuer, date or region read
    assert document_line(bare, dt.date(2026, 11, 22)) == "【地区未载明】《新冠肺炎疫情防控税收优惠政策指引》（未载明有效期）"
    assert document_line(DOC, dt.date(2026, 11, 22)).startswith("【济南市】《t》（i，2020年7月9日；")
