"""Whether a document's period still runs on a given day, said for a person.

Pure: metadata and a date in, a ``Validity`` out. Targets "到2022年" are a
document's targets for that year, not current facts; a document with no stated
end whose last target year has passed is flagged so the user checks with the
issuer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .types import DocumentMeta


@dataclass(frozen=True)
class Validity:
    status: str  # "in_force" | "expired" | "unstated"
    text: str

    @property
    def expired(self) -> bool:
        return self.status == "expired"


def cn_date(iso: str | None) -> str:
    """2020-07-09 -> 2020年7月9日."""
    if not iso:
        return ""
    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.year}年{d.month}月{d.day}日"


def validity(doc: DocumentMeta, today: dt.date) -> Validity:
    until = dt.date.fromisoformat(doc.valid_until) if doc.valid_until else None
    period = f"实施期{doc.period}" if doc.period else ""
    if doc.kind == "评估报告":
        if until and today > until:
            return Validity("expired", f"评估报告（{cn_date(doc.date)}发布）；所评估的计划{period}已于{cn_date(doc.valid_until)}结束")
        return Validity("in_force", f"评估报告（{cn_date(doc.date)}发布）" + (f"；所评估的计划{period}" if period else ""))
    if until:
        if today > until:
            return Validity("expired", f"已到期：{period or '有效期'}至{cn_date(doc.valid_until)}止，请向发文单位确认是否有后续政策")
        return Validity("in_force", f"有效：{period + '，' if period else ''}至{cn_date(doc.valid_until)}止")
    if doc.horizon and doc.horizon < today.year:
        return Validity(
            "unstated",
            f"未载明有效期；所定目标截至{doc.horizon}年，该年份已过，是否仍在执行请向发文单位确认",
        )
    return Validity("unstated", "未载明有效期" + (f"；所定目标截至{doc.horizon}年" if doc.horizon else ""))


def document_line(doc: DocumentMeta, today: dt.date) -> str:
    """The same identification and validity line the extractive answer gives
    a document."""
    ident = "，".join(x for x in (doc.issuer, doc.number or "", cn_date(doc.date)) if x)
    said = "；".join(x for x in (ident, validity(doc, today).text) if x)
    return f"【{doc.region or '地区未载明'}】《{doc.title}》（{said}）"


def past_target_note(text: str, today: dt.date) -> str | None:
    years = sorted({int(y) for y in re.findall(r"到\s*(20\d{2})\s*年", text) if int(y) < today.year})
    if not years:
        return None
    return f"注：「到{'、'.join(f'{y}年' for y in years)}」是文件当时设定的目标，不代表现在的实际情况。"
