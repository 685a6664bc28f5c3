"""The eval set and its runner: retrieval, citation and answer metrics,
overall and per question type, a JSON summary, per-item results, a Markdown
report (worst items first) and a comparison with the committed baseline.

Gold clauses are kept as verbatim quotes as well as ids, so an item survives
a change of clause ids: ``resolve_gold`` finds the clauses from the quotes.
"""

from __future__ import annotations

import json
import math
import re
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from statistics import median

from .index import IndexData
from .normalize import fold_text
from .types import HEADING, Answer

TYPES = ("fact", "number", "list", "department", "comparison", "followup", "paraphrase", "validity", "unanswerable", "adversarial")
# How far an aggregate may fall below the baseline before the gate fails:
# one item in ~100 of noise, no more.
TOLERANCE = 0.015


@dataclass(frozen=True)
class Item:
    id: str
    question: str
    type: str
    history: tuple[str, ...] = ()
    doc_ids: tuple[str, ...] = ()
    gold_quotes: tuple[str, ...] = ()
    gold_clause_ids: tuple[str, ...] = ()
    key_facts: tuple[str, ...] = ()
    answerable: bool = True
    must_pass: bool = False
    note: str = ""

    @classmethod
    def from_json(cls, d: dict) -> "Item":
        return cls(
            id=d["id"], question=d["question"], type=d["type"], history=tuple(d.get("history") or ()),
            doc_ids=tuple(d.get("doc_ids") or ()), gold_quotes=tuple(d.get("gold_quotes") or ()),
            gold_clause_ids=tuple(d.get("gold_clause_ids") or ()), key_facts=tuple(d.get("key_facts") or ()),
            answerable=bool(d.get("answerable", True)), must_pass=bool(d.get("must_pass", False)), note=d.get("note", ""),
        )

    def to_json(self) -> dict:
        d = asdict(self)
        for k in ("history", "doc_ids", "gold_quotes", "gold_clause_ids", "key_facts"):
            d[k] = list(d[k])
        return d


def load_set(path: Path) -> list[Item]:
    """The eval items of a JSONL file; a missing, non-UTF-8 or malformed file
    raises a ``PolicybotError`` naming the file (and line) and what to do."""
    from .errors import PolicybotError

    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PolicybotError(f"{path}: no such eval set. Check the path given to --set.") from None
    except UnicodeDecodeError as e:
        raise PolicybotError(f"{path}: not UTF-8 text (byte {e.start}). Save the eval set as UTF-8 JSONL.") from None
    except OSError as e:
        raise PolicybotError(f"{path}: cannot be read ({e.strerror}). Check the path given to --set.") from None
    items = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                items.append(Item.from_json(json.loads(line)))
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as e:
                raise PolicybotError(
                    f"{path}:{n}: not a valid eval item ({type(e).__name__}: {e}). Each line must be a JSON object "
                    'with "id", "question" and "type", like the lines of eval/questions.jsonl.'
                ) from None
    if not items:
        raise PolicybotError(f"{path}: the eval set is empty. Give a JSONL file with one item per line.")
    return items


# ---------------------------------------------------------------- gold

@lru_cache(maxsize=100_000)
def _fold(text: str) -> str:
    return fold_text(text)


def resolve_gold(index: IndexData, item: Item) -> list[str]:
    """Clause ids holding the item's gold quotes: the most specific clause
    containing each quote, or the one overlapping it most."""
    out: list[str] = []
    docs = item.doc_ids or tuple(index.documents)
    for quote in item.gold_quotes:
        q = _fold(quote)
        best = None
        for c in index.clauses:
            if c.doc_id in docs and c.kind != HEADING and q in _fold(c.text):
                if best is None or len(c.text) < len(best.text):
                    best = c
        if best is None:  # spans two nodes: the one holding most of it
            for d in docs:
                cl = [c for c in index.clauses if c.doc_id == d]
                joined, owners = "", []
                for c in cl:
                    f = _fold(c.text)
                    joined += f
                    owners += [c] * len(f)
                i = joined.find(q)
                if i >= 0:
                    counts: dict[str, int] = {}
                    for c in owners[i : i + len(q)]:
                        counts[c.clause_id] = counts.get(c.clause_id, 0) + 1
                    cid = max(counts, key=counts.get)
                    best = index.by_id[cid]
                    break
        if best is not None and best.clause_id not in out:
            out.append(best.clause_id)
    return out


def validate(items: list[Item], index: IndexData) -> list[str]:
    """Every gold quote is in the corpus, every key fact in its documents,
    stored clause ids agree with the quotes, ids unique, types known."""
    problems = []
    seen = set()
    text_of = {d: fold_text("\n".join(c.text for c in index.clauses if c.doc_id == d)) for d in index.documents}
    for it in items:
        if it.id in seen:
            problems.append(f"{it.id}: duplicate id")
        seen.add(it.id)
        if it.type not in TYPES:
            problems.append(f"{it.id}: unknown type {it.type!r}")
        for d in it.doc_ids:
            if d not in index.documents:
                problems.append(f"{it.id}: unknown document {d}")
        docs = [text_of[d] for d in it.doc_ids if d in text_of]
        for q in it.gold_quotes:
            if not any(fold_text(q) in t for t in docs):
                problems.append(f"{it.id}: gold quote not in its documents: {q[:40]}")
        for f in it.key_facts:
            if not any(fold_text(f) in t for t in docs) and it.type != "validity":
                problems.append(f"{it.id}: key fact not in its documents: {f}")
        if it.answerable and not it.gold_quotes:
            problems.append(f"{it.id}: answerable item without gold quotes")
        if it.gold_clause_ids and list(it.gold_clause_ids) != resolve_gold(index, it):
            problems.append(f"{it.id}: stored gold_clause_ids differ from the quotes (run `policybot eval --validate --fix`)")
    return problems


# ---------------------------------------------------------------- metrics

_NUM = re.compile(r"\d+(?:\.\d+)?")


def retrieval_metrics(ranked: list[str], gold: list[str]) -> dict[str, float]:
    if not gold:
        return {}
    g = set(gold)
    out = {f"recall@{k}": len(g & set(ranked[:k])) / len(g) for k in (1, 5, 10)}
    first = next((i for i, c in enumerate(ranked, 1) if c in g), None)
    out["mrr"] = 1.0 / first if first else 0.0
    dcg = sum(1.0 / math.log2(i + 1) for i, c in enumerate(ranked[:10], 1) if c in g)
    idcg = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(g), 10) + 1))
    out["ndcg@10"] = dcg / idcg
    return out


def fact_present(fact: str, text: str) -> bool:
    return fold_text(fact) in fold_text(text)


def answer_metrics(item: Item, answer: Answer, gold: list[str], known_ids: set[str]) -> dict[str, float]:
    from .answer import problems

    out: dict[str, float] = {"refused": float(answer.refused)}
    invalid = len(problems(answer)) + sum(1 for c in answer.citations if c.clause.clause_id not in known_ids)
    out["invalid_citations"] = float(invalid)
    if not item.answerable:
        out["refusal_correct"] = float(answer.refused)
        out["pass"] = float(answer.refused and invalid == 0)
        return out
    out["false_refusal"] = float(answer.refused)
    facts = [fact_present(f, answer.answer) for f in item.key_facts]
    out["key_facts"] = sum(facts) / len(facts) if facts else 1.0
    out["key_facts_all"] = float(all(facts))
    cited = [c.clause.clause_id for c in answer.citations]
    if cited:
        good = [c for c in answer.citations if c.clause.clause_id in gold or any(fact_present(f, c.clause.text) for f in item.key_facts)]
        out["citation_precision"] = len(good) / len(cited)
    if gold:
        out["citation_recall"] = len(set(gold) & set(cited)) / len(set(gold))
        out["gold_cited"] = float(bool(set(gold) & set(cited)))
    body = "\n".join(ln for ln in answer.answer.split("\n") if not ln.startswith("【"))
    nums = _NUM.findall(re.sub(r"\[\d+\]", "", body).replace(" ", ""))
    if nums:
        support = fold_text("\n".join(c.clause.text for c in answer.citations))
        out["numeric_fidelity"] = sum(1 for n in nums if n in support) / len(nums)
    out["pass"] = float(not answer.refused and all(facts) and invalid == 0)
    return out


def _mean(vals: list[float]) -> float | None:
    return round(sum(vals) / len(vals), 4) if vals else None


def aggregate(rows: list[dict]) -> dict:
    keys = sorted({k for r in rows for k in r["metrics"]})
    out = {k: _mean([r["metrics"][k] for r in rows if k in r["metrics"]]) for k in keys}
    out["n"] = len(rows)
    lat = sorted(r["latency"] for r in rows)
    if lat:
        out["latency_p50"] = round(median(lat), 3)
        out["latency_p95"] = round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 3)
    return out


# ---------------------------------------------------------------- run

@dataclass
class RunResult:
    summary: dict
    rows: list[dict] = field(default_factory=list)


def run(items: list[Item], index: IndexData, embeddings, *, answerer=None, k: int = 5, settings=None, today=None,
        backend=None) -> RunResult:
    """Retrieval and answers for every item (one chain, one loaded index;
    ``backend``: the search backend, default the local one)."""
    from .chain import retrieve
    from .query import analyze
    from .retrieve import SearchSettings

    settings = settings or SearchSettings()
    known = set(index.by_id)
    rows = []
    for it in items:
        gold = list(it.gold_clause_ids) or resolve_gold(index, it)
        t0 = time.perf_counter()
        q = analyze(it.question, it.history, today=today)
        hits = retrieve(index, embeddings, q, k=max(10, k), settings=settings, backend=backend)
        ranked = [h.clause.clause_id for h in hits]
        m = retrieval_metrics(ranked, gold) if it.answerable else {}
        ans, extra = None, {}
        if answerer is not None:
            shown = hits[:k] if k < len(hits) else hits
            if hasattr(answerer, "answer_with_outcome"):  # the LLM answerer: what became of the reply
                res = answerer.answer_with_outcome(q, shown)
                ans, extra["llm"] = res.answer, asdict(res.outcome)
            else:
                ans = answerer(q, shown)
            m.update(answer_metrics(it, ans, gold, known))
        rows.append({
            "id": it.id, "type": it.type, "question": it.question, "history": list(it.history),
            "must_pass": it.must_pass, "answerable": it.answerable, "gold": gold, "key_facts": list(it.key_facts),
            "retrieved": ranked[:10], "standalone": q.standalone, "metrics": m,
            "latency": round(time.perf_counter() - t0, 4),
            "answer": ans.to_json() if ans is not None else None,
            **extra,
        })
    summary = {"overall": aggregate(rows), "by_type": {t: aggregate([r for r in rows if r["type"] == t]) for t in TYPES if any(r["type"] == t for r in rows)}}
    summary["items"] = {"passed": sum(1 for r in rows if r["metrics"].get("pass") == 1.0), "failed": sum(1 for r in rows if r["metrics"].get("pass") == 0.0)}
    summary["must_pass_failed"] = [r["id"] for r in rows if r["must_pass"] and r["metrics"].get("pass") == 0.0]
    return RunResult(summary, rows)


# Metrics where lower is better.
LOWER_IS_BETTER = {"false_refusal", "invalid_citations", "refused", "latency_p50", "latency_p95"}
GATED = ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "key_facts", "key_facts_all", "citation_precision",
         "citation_recall", "refusal_correct", "false_refusal", "numeric_fidelity", "pass")


def compare(summary: dict, baseline: dict, tolerance: float = TOLERANCE) -> tuple[list[str], list[str]]:
    """(differences to print, regressions beyond the tolerance)."""
    diffs, regressions = [], []
    for key in GATED:
        new, old = summary["overall"].get(key), baseline["overall"].get(key)
        if new is None or old is None:
            continue
        delta = new - old
        worse = delta > tolerance if key in LOWER_IS_BETTER else delta < -tolerance
        if abs(delta) > 1e-9:
            diffs.append(f"{key}: {old:.4f} -> {new:.4f} ({delta:+.4f}){'  REGRESSION' if worse else ''}")
        if worse:
            regressions.append(f"{key} fell from {old:.4f} to {new:.4f} (tolerance {tolerance})")
    inv = summary["overall"].get("invalid_citations")
    if inv:
        regressions.append(f"invalid citations: {inv} (must be 0)")
    return diffs, regressions


def markdown_report(result: RunResult, diffs: list[str] | None = None) -> str:
    s = result.summary
    o = s["overall"]

    def fmt(v):
        return "—" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))

    cols = ["n", "recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "key_facts", "citation_precision", "citation_recall", "refusal_correct", "false_refusal", "pass"]
    lines = ["# policybot eval report", "", f"{s['items']['passed']} passed, {s['items']['failed']} failed", ""]
    lines += ["| type | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    lines.append("| **all** | " + " | ".join(fmt(o.get(c)) for c in cols) + " |")
    for t, agg in s["by_type"].items():
        lines.append(f"| {t} | " + " | ".join(fmt(agg.get(c)) for c in cols) + " |")
    lines += ["", f"invalid citations: {fmt(o.get('invalid_citations'))} · numeric fidelity: {fmt(o.get('numeric_fidelity'))} · "
              f"latency p50 {fmt(o.get('latency_p50'))} s, p95 {fmt(o.get('latency_p95'))} s", ""]
    if s.get("must_pass_failed"):
        lines += ["**must-pass items failing:** " + ", ".join(s["must_pass_failed"]), ""]
    if diffs:
        lines += ["## Against the baseline", ""] + [f"- {d}" for d in diffs] + [""]
    lines += ["## Items that failed (worst first)", ""]

    def badness(r):
        m = r["metrics"]
        return (m.get("pass", 1.0), m.get("key_facts", 1.0), m.get("mrr", 1.0))

    for r in sorted([r for r in result.rows if r["metrics"].get("pass") == 0.0], key=badness):
        m = r["metrics"]
        what = []
        if not r["answerable"]:
            what.append("answered a question the corpus does not answer")
        elif m.get("false_refusal"):
            what.append("refused an answerable question")
        else:
            missing = [f for f in r["key_facts"] if r["answer"] and not fact_present(f, r["answer"]["answer"])]
            if missing:
                what.append("missing key facts: " + "、".join(missing))
        if r["answerable"] and m.get("recall@10", 1.0) == 0:
            what.append("gold clause not retrieved in the top 10")
        lines.append(f"### {r['id']} ({r['type']}{', must-pass' if r['must_pass'] else ''})")
        if r["history"]:
            lines.append(f"- history: {' / '.join(r['history'])}")
        lines.append(f"- question: {r['question']}")
        if r["standalone"] != r["question"]:
            lines.append(f"- understood as: {r['standalone']}")
        lines.append(f"- what went wrong: {'; '.join(what) or 'see metrics'}")
        if r["answer"]:
            ans = r["answer"]["answer"].replace("\n", " ⏎ ")
            lines.append(f"- answer: {ans[:300]}{'…' if len(ans) > 300 else ''}")
        lines.append(f"- gold: {', '.join(r['gold']) or '—'}; retrieved: {', '.join(r['retrieved'][:5])}")
        lines.append("")
    return "\n".join(lines) + "\n"


def write_report(result: RunResult, folder: Path, diffs: list[str] | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "summary.json").write_text(json.dumps(result.summary, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with open(folder / "items.jsonl", "w", encoding="utf-8") as fh:
        for r in result.rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    (folder / "report.md").write_text(markdown_report(result, diffs), encoding="utf-8")


# ---------------------------------------------------------------- CLI

def with_tokenizer(index: IndexData, tokenizer: str) -> IndexData:
    """The same index with its BM25 side rebuilt for another tokenizer."""
    from dataclasses import replace

    # the stored token tables and IDF are the index's tokenizer's: dropped, rebuilt from the texts
    return replace(index, tokenizer=tokenizer, _bm25=None, vocab=[], chunk_tokens=None, segment_tokens=None,
                   _token_df=None, _df_array=None)


def ablation(items: list[Item], index: IndexData, embeddings, today=None) -> list[dict]:
    from .retrieve import SearchSettings
    from .tokenize import TOKENIZERS

    rows = []
    configs = [("dense", index.tokenizer, "rrf")]
    configs += [("bm25", t, "rrf") for t in TOKENIZERS]
    configs += [("hybrid", t, "weighted") for t in TOKENIZERS]
    configs += [("hybrid", index.tokenizer, "rrf")]
    for mode, tok, fusion in configs:
        idx = index if tok == index.tokenizer else with_tokenizer(index, tok)
        res = run([i for i in items if i.answerable], idx, embeddings, settings=SearchSettings(mode=mode, fusion=fusion), today=today)
        o = res.summary["overall"]
        rows.append({"mode": mode, "tokenizer": tok if mode != "dense" else "—", "fusion": fusion if mode == "hybrid" else "—",
                     **{k: o.get(k) for k in ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "latency_p50")}})
    return rows


def ablation_markdown(rows: list[dict]) -> str:
    cols = ["mode", "tokenizer", "fusion", "recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "latency_p50"]
    out = ["| " + " | ".join(cols) + " |", "|---" * len(cols) + "|"]
    for r in rows:
        out.append("| " + " | ".join(f"{r[c]:.3f}" if isinstance(r[c], float) else str(r[c]) for c in cols) + " |")
    return "\n".join(out) + "\n"


def run_cli(args, settings) -> int:
    from . import index as ix
    from .answer import ExtractiveAnswerer
    from .embeddings import make_embeddings
    from .retrieve import SearchSettings
    from .settings import ROOT

    from .tokenize import check_tokenizer

    if args.tokenizer:
        check_tokenizer(args.tokenizer)
    emb = make_embeddings(settings.embedding)
    data = ix.load(settings.index_dir, emb)
    path = Path(args.eval_set) if args.eval_set else ROOT / "eval" / "questions.jsonl"
    items = load_set(path)
    if args.limit:
        items = items[: args.limit]
    if args.tokenizer:
        data = with_tokenizer(data, args.tokenizer)
    if args.validate:
        if getattr(args, "fix", False):
            fixed = [Item(**{**it.__dict__, "gold_clause_ids": tuple(resolve_gold(data, it))}) for it in items]
            path.write_text("".join(json.dumps(it.to_json(), ensure_ascii=False) + "\n" for it in fixed), encoding="utf-8")
            items = fixed
        problems = validate(items, data)
        for p in problems:
            print(p)
        print(f"{len(items)} items, {len(problems)} problems")
        return 1 if problems else 0
    if args.ablation:
        rows = ablation(items, data, emb, today=settings.today)
        md = ablation_markdown(rows)
        print(md)
        if args.report:
            Path(args.report).mkdir(parents=True, exist_ok=True)
            (Path(args.report) / "ablation.md").write_text(md, encoding="utf-8")
        return 0
    if getattr(args, "answerer", "extractive") == "llm":
        from .llm_eval import run_cli as llm_run_cli

        return llm_run_cli(args, settings, data, emb, items)
    from .backends import make_backend

    answerer = ExtractiveAnswerer(data, emb, today=settings.today)
    result = run(items, data, emb, answerer=answerer, k=args.k, settings=SearchSettings(mode=args.mode, fusion=args.fusion),
                 today=settings.today, backend=make_backend(settings, data))
    base_path = Path(args.baseline) if args.baseline else ROOT / "eval" / "baseline.json"
    diffs: list[str] = []
    regressions: list[str] = []
    if base_path.exists():
        diffs, regressions = compare(result.summary, json.loads(base_path.read_text("utf-8")))
    report = Path(args.report) if args.report else ROOT / "eval" / "reports" / "latest"
    write_report(result, report, diffs)
    o = result.summary["overall"]
    for key in ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "key_facts", "key_facts_all", "citation_precision",
                "citation_recall", "invalid_citations", "numeric_fidelity", "refusal_correct", "false_refusal", "latency_p50", "latency_p95"):
        print(f"{key:>20}: {o.get(key)}")
    if diffs:
        print("against the baseline:")
        for d in diffs:
            print("  " + d)
    if result.summary["must_pass_failed"]:
        print("must-pass items failing: " + ", ".join(result.summary["must_pass_failed"]))
    print(f"report: {report / 'report.md'}")
    print(f"{result.summary['items']['passed']} passed, {result.summary['items']['failed']} failed")
    return 1 if regressions or result.summary["must_pass_failed"] else 0
