"""Stand-in text for the benchmarks: real text with another place, year and
figures substituted, so a copy is new text (embedded, not found in a cache)
of the same kind and length as the original."""

from __future__ import annotations

import re

PLACES = ["济南", "淄博", "济宁", "青岛", "烟台", "潍坊", "临沂", "德州", "聊城", "滨州", "菏泽", "泰安", "威海", "日照",
          "枣庄", "东营", "郑州", "合肥", "南京", "杭州", "福州", "南昌", "长沙", "武汉", "成都", "西安", "太原", "石家庄",
          "北京", "上海", "天津", "重庆", "广州", "深圳", "宁波", "苏州", "无锡", "泰州", "绍兴", "温州", "厦门", "昆明"]
_PLACE = re.compile("|".join(sorted(PLACES, key=len, reverse=True)))
_YEAR = re.compile(r"20[12]\d")
_FIGURE = re.compile(r"(?<![\d.])(\d{1,4})(?![\d年])")


def substitute(text: str, k: int) -> str:
    """Another place, year and figures (copy ``k``; 0 is the original)."""
    if k == 0:
        return text
    text = _PLACE.sub(lambda m: PLACES[(PLACES.index(m.group(0)) + k) % len(PLACES)], text)
    text = _YEAR.sub(lambda m: str(2015 + (int(m.group(0)) - 2015 + k) % 15), text)
    return _FIGURE.sub(lambda m: str(int(m.group(1)) + k % 97), text)
