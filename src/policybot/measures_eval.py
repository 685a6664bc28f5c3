"""Field-level precision and recall of the measure extractor against the gold
set ``eval/measures.jsonl`` (``policybot eval --measures``).

Each gold line quotes a passage of one document (a corpus document id, or
``ncp:<file id>`` for a document of ``../shared/corpus-ncp``, read from there
and skipped with a message when absent) and lists the measures the passage
states, written from the text; an empty list says it states none (a target,
a statistic, a fund being set up). The extractor's measures whose value (or
kind word) lies in the quoted passage are aligned with the gold ones, and
each field is scored: kind, value (rate or amount), cap, base, conditions and
departments. Splits (dev/test) are by document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .measures import Measure, extract
from .normalize import find_folded, fold_text

FIELDS = ("kind", "value", "cap", "base", "conditions", "departments")


@dataclass(frozen=True)
class GoldItem:
    id: str
    split: str
    doc: str
    quote: str
    measures: tuple[dict, ...]

    @classmethod
    def from_json(cls, d: dict) -> "GoldItem":
        return cls(d["id"], d["split"], d["doc"], d["quote"], tuple(d.get("measures") or ()))


def load_gold(path: Path) -> list[GoldItem]:
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append(GoldItem.from_json(json.loads(line)))
            except (json.JSONDecodeError, KeyError) as e:
                raise ValueError(f"{path}:{n}: not a gold measure line ({e}); see the module docstring for the format") from e
    return items


def _norm(text: str | None) -> str:
    return fold_text(text or "").replace("％", "%")


def _same_text(a: str | None, b: str | None) -> bool:
    """Equal after folding, or one inside the other covering half of it
    (condition and base phrases have no crisp edges)."""
    x, y = _norm(a), _norm(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    return short in long and len(short) >= 0.5 * len(long)


def predicted_fields(m: Measure) -> dict:
    v = m.value
    return {
        "kind": m.kind,
        "value": v.text if v else None,
        "cap": m.cap.text if m.cap else None,
        "base": m.base.text if m.base else None,
        "conditions": [c.text for c in m.conditions],
        "departments": [d.text for d in m.departments],
    }


def gold_fields(g: dict) -> dict:
    return {
        "kind": g["kind"],
        "value": g.get("rate") or g.get("amount"),
        "cap": g.get("cap"),
        "base": g.get("base"),
        "conditions": list(g.get("conditions") or ()),
        "departments": list(g.get("departments") or ()),
    }


def _align(pred: list[dict], gold: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pairs (pred, gold): same value first, then same kind, then in order."""
    pairs, left = [], list(range(len(pred)))
    for g in gold:
        pick = next((i for i in left if g["value"] and _norm(pred[i]["value"]) == _norm(g["value"])), None)
        if pick is None:
            pick = next((i for i in left if g["cap"] and _norm(pred[i]["cap"]) == _norm(g["cap"]) and not pred[i]["value"]), None)
        if pick is None:
            pick = next((i for i in left if pred[i]["kind"] == g["kind"]), None)
        if pick is None and left:
            pick = left[0]
        if pick is not None:
            left.remove(pick)
            pairs.append((pred[pick], g))
        else:
            pairs.append((None, g))
    pairs.extend((pred[i], None) for i in left)
    return pairs


def score_pairs(pairs) -> dict[str, list[int]]:
    """field -> [true positives, predicted, gold]."""
    c = {f: [0, 0, 0] for f in FIELDS}
    for p, g in pairs:
        for f in FIELDS:
            if f in ("conditions", "departments"):
                pv = list(p[f]) if p else []
                gv = list(g[f]) if g else []
                c[f][1] += len(pv)
                c[f][2] += len(gv)
                used: set[int] = set()
                for x in gv:
                    j = next((j for j, y in enumerate(pv) if j not in used and _same_text(x, y)), None)
                    if j is not None:
                        used.add(j)
                        c[f][0] += 1
                continue
            pv = p[f] if p else None
            gv = g[f] if g else None
            c[f][1] += pv is not None
            c[f][2] += gv is not None
            if pv is not None and gv is not None:
                c[f][0] += (pv == gv) if f == "kind" else (_norm(pv) == _norm(gv) if f in ("value", "cap") else _same_text(pv, gv))
    return c


def _documents(item: GoldItem, corpus_dir: Path, ncp_dir: Path, cache: dict):
    from .documents import corpus_files, parse_file

    if item.doc in cache:
        return cache[item.doc]
    if item.doc.startswith("ncp:"):
        p = ncp_dir / f"{item.doc[4:]}.txt"
        parsed = parse_file(p, doc_id=item.doc[4:]) if p.exists() else None
    else:
        entry = next(((p, e) for p, e in corpus_files(corpus_dir) if e.get("id") == item.doc), None)
        parsed = parse_file(entry[0], doc_id=item.doc, overrides=entry[1]) if entry else None
    cache[item.doc] = parsed
    return parsed


def predicted_for(item: GoldItem, parsed) -> list[Measure] | None:
    """The extractor's measures inside the quoted passage (None: quote not found)."""
    for clause in parsed.clauses:
        span = find_folded(clause.text, item.quote)
        if span is None:
            continue
        a, b = span
        out = []
        for m in extract(clause, parsed.meta)[0]:
            anchor = m.value or m.cap or m.kind_span
            if a <= anchor.start and anchor.end <= b:
                out.append(m)
        return out
    return None


def run(items: list[GoldItem], corpus_dir: Path, ncp_dir: Path) -> dict:
    cache: dict = {}
    per_split: dict[str, dict[str, list[int]]] = {}
    notes: list[str] = []
    rows = []
    counted = {}
    for it in items:
        parsed = _documents(it, corpus_dir, ncp_dir, cache)
        if parsed is None:
            notes.append(f"{it.id}: document {it.doc} not found (looked in {ncp_dir if it.doc.startswith('ncp:') else corpus_dir}); skipped")
            continue
        pred = predicted_for(it, parsed)
        if pred is None:
            notes.append(f"{it.id}: quote not found in {it.doc}: {it.quote[:30]}…")
            continue
        pairs = _align([predicted_fields(m) for m in pred], [gold_fields(g) for g in it.measures])
        c = score_pairs(pairs)
        counted[it.split] = counted.get(it.split, 0) + len(it.measures)
        acc = per_split.setdefault(it.split, {f: [0, 0, 0] for f in FIELDS})
        for f in FIELDS:
            for k in range(3):
                acc[f][k] += c[f][k]
        rows.append({"id": it.id, "split": it.split, "doc": it.doc, "pairs": pairs, "counts": c})
    summary = {}
    for split, acc in sorted(per_split.items()):
        summary[split] = {"measures": counted.get(split, 0), **{
            f: {"precision": round(tp / p, 3) if p else None, "recall": round(tp / g, 3) if g else None, "tp": tp, "predicted": p, "gold": g}
            for f, (tp, p, g) in acc.items()
        }}
    return {"summary": summary, "notes": notes, "rows": rows}


def markdown(result: dict) -> str:
    lines = ["| split | measures | " + " | ".join(f"{f} P / R" for f in FIELDS) + " |", "|---|---|" + "---|" * len(FIELDS)]
    for split, s in result["summary"].items():
        cells = []
        for f in FIELDS:
            p, r = s[f]["precision"], s[f]["recall"]
            cells.append(f"{'—' if p is None else f'{p:.2f}'} / {'—' if r is None else f'{r:.2f}'}")
        lines.append(f"| {split} | {s['measures']} | " + " | ".join(cells) + " |")
    lines += [f"- {n}" for n in result["notes"]]
    return "\n".join(lines)


def mistakes(result: dict, split: str | None = None) -> list[str]:
    out = []
    for row in result["rows"]:
        if split and row["split"] != split:
            continue
        for p, g in row["pairs"]:
            bad = [f for f in FIELDS if score_pairs([(p, g)])[f][0] < max(score_pairs([(p, g)])[f][1:])]
            if bad:
                out.append(f"{row['id']} {row['doc'][:16]} {bad}\n   pred={p}\n   gold={g}")
    return out


def run_cli(args, settings) -> int:
    root = Path(__file__).resolve().parents[2]
    gold = Path(args.eval_set) if args.eval_set else root / "eval" / "measures.jsonl"
    ncp = Path(args.ncp) if getattr(args, "ncp", None) else root.parent / "shared" / "corpus-ncp" / "docs"
    result = run(load_gold(gold), settings.corpus_dir, ncp)
    print(markdown(result))
    return 0
