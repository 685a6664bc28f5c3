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
from pathlib import Path
from statistics import median

from .evalset import SPLITS, TYPES, Item, assign_splits, load_set, resolve_gold, save_set, validate
from .index import IndexData
from .normalize import fold_text
from .types import Answer

__all__ = ["Item", "TYPES", "SPLITS", "load_set", "save_set", "assign_splits", "resolve_gold", "validate", "run", "compare",
           "markdown_report", "write_report", "run_cli"]
# How far an aggregate may fall below the baseline before the gate fails:
# one item in ~100 of noise, no more.
TOLERANCE = 0.015


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


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def fact_present(fact: str, text: str) -> bool:
    """The key fact, folded, is in the text; a date fact written 2025-08-29
    also counts as 2025年8月29日, the way documents and answers write it."""
    m = _ISO.match(fact.strip())
    if m:
        y, mo, d = m.groups()
        fact = f"{y}年{int(mo)}月{int(d)}日"
        return fold_text(fact) in fold_text(text) or fold_text(m.group(0)) in fold_text(text)
    return fold_text(fact) in fold_text(text)


def answer_metrics(item: Item, answer: Answer, gold: list[str], known_ids: set[str]) -> dict[str, float]:
    from .answer import MISSING_NOTE, names_missing, problems

    out: dict[str, float] = {"refused": float(answer.refused)}
    invalid = len(problems(answer)) + sum(1 for c in answer.citations if c.clause.clause_id not in known_ids)
    out["invalid_citations"] = float(invalid)
    if not item.answerable:
        out["refusal_correct"] = float(answer.refused)
        # refused, or answered in part with the part the documents do not answer named
        out["declined_or_named"] = float(answer.refused or names_missing(answer))
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
    # (a note of what the documents do not give names the asker's figure, 「听说的「60%」」, and claims none)
    body = "\n".join(ln for ln in answer.answer.split("\n") if not ln.startswith(("【", MISSING_NOTE)))
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


# Ranking metrics are read at this depth (recall@10, nDCG@10), from a
# retrieval beside the production one; answers come from the production chain.
RANK_DEPTH = 10


def summarize(rows: list[dict]) -> dict:
    """Aggregates overall and per type, item counts, failing must-pass items."""
    return {
        "overall": aggregate(rows),
        "by_type": {t: aggregate([r for r in rows if r["type"] == t]) for t in TYPES if any(r["type"] == t for r in rows)},
        "items": {"passed": sum(1 for r in rows if r["metrics"].get("pass") == 1.0),
                  "failed": sum(1 for r in rows if r["metrics"].get("pass") == 0.0)},
        "must_pass_failed": [r["id"] for r in rows if r["must_pass"] and r["metrics"].get("pass") == 0.0],
    }


def run(items: list[Item], index: IndexData, embeddings, *, answerer=None, k: int | None = None, settings=None,
        today=None, backend=None) -> RunResult:
    """Every item through the production chain (``chain.build_chain`` with the
    settings ``PolicyService.ask`` uses: same k, same path), the answer scored;
    ranking metrics from a retrieval of depth ``RANK_DEPTH`` on the same path.
    ``k`` overrides the chain's k for experiments only; ``backend`` is the
    search backend (default: the local one).

    The summary holds the whole set (``overall``, ``by_type``) and each part
    of the split under ``parts`` ({"dev": …, "test": …})."""
    from .chain import build_chain, retrieve
    from .query import analyze
    from .retrieve import Filters, SearchSettings

    settings = settings or SearchSettings()
    known = set(index.by_id)
    seen: dict = {}

    def capture(q, hits):
        seen["query"], seen["hits"] = q, hits
        if hasattr(answerer, "answer_with_outcome"):  # the LLM answerer: what became of the reply
            res = answerer.answer_with_outcome(q, hits)
            seen["llm"] = asdict(res.outcome)
            return res.answer
        return answerer(q, hits)

    chain = None
    if answerer is not None:
        chain = build_chain(index, embeddings, capture, today=today, settings=settings, backend=backend,
                            **({"k": k} if k else {}))
    rows = []
    for it in assign_splits(items):
        gold = list(it.gold_clause_ids) or resolve_gold(index, it)
        seen.clear()
        t0 = time.perf_counter()
        ans = None
        if chain is not None:
            ans = chain.invoke({"question": it.question, "history": list(it.history), "filters": Filters()})
        latency = time.perf_counter() - t0
        q = seen.get("query") or analyze(it.question, it.history, today=today)
        ranked = [h.clause.clause_id for h in retrieve(index, embeddings, q, k=RANK_DEPTH, settings=settings, backend=backend)]
        m = retrieval_metrics(ranked, gold) if it.answerable else {}
        if ans is not None:
            m.update(answer_metrics(it, ans, gold, known))
        rows.append({
            "id": it.id, "type": it.type, "split": it.split, "question": it.question, "history": list(it.history),
            "must_pass": it.must_pass, "answerable": it.answerable, "gold": gold, "key_facts": list(it.key_facts),
            "retrieved": ranked[:RANK_DEPTH], "answered_from": [h.clause.clause_id for h in seen.get("hits", [])],
            "standalone": q.standalone, "metrics": m, "latency": round(latency, 4),
            "answer": ans.to_json() if ans is not None else None,
            **({"llm": seen["llm"]} if "llm" in seen else {}),
        })
    summary = summarize(rows)
    summary["parts"] = {p: summarize([r for r in rows if r["split"] == p]) for p in SPLITS if any(r["split"] == p for r in rows)}
    return RunResult(summary, rows)


# Metrics where lower is better.
LOWER_IS_BETTER = {"false_refusal", "invalid_citations", "refused", "latency_p50", "latency_p95"}
GATED = ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "key_facts", "key_facts_all", "citation_precision",
         "citation_recall", "refusal_correct", "declined_or_named", "false_refusal", "numeric_fidelity", "pass")


def _compare_overall(new_o: dict, old_o: dict, label: str, tolerance: float) -> tuple[list[str], list[str]]:
    diffs, regressions = [], []
    for key in GATED:
        new, old = new_o.get(key), old_o.get(key)
        if new is None or old is None:
            continue
        delta = new - old
        worse = delta > tolerance if key in LOWER_IS_BETTER else delta < -tolerance
        if abs(delta) > 1e-9:
            diffs.append(f"{label}{key}: {old:.4f} -> {new:.4f} ({delta:+.4f}){'  REGRESSION' if worse else ''}")
        if worse:
            regressions.append(f"{label}{key} fell from {old:.4f} to {new:.4f} (tolerance {tolerance})")
    return diffs, regressions


def read_baseline(path: Path | None) -> dict | None:
    """The baseline summary to compare with: ``path`` (it must exist), else
    eval/baseline.json if there is one."""
    from .errors import PolicybotError
    from .settings import ROOT

    if path is None:
        path = ROOT / "eval" / "baseline.json"
        if not path.exists():
            return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PolicybotError(f"{path}: no such baseline. Give the summary.json of an earlier run to --baseline.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise PolicybotError(f"{path}: not a baseline summary ({type(e).__name__}: {e}). Give the summary.json "
                             "an earlier `policybot eval --report DIR` wrote.") from None
    if not isinstance(data, dict) or not ("parts" in data or "overall" in data):
        raise PolicybotError(f"{path}: not a baseline summary (no \"parts\" or \"overall\"). Give the summary.json "
                             "an earlier `policybot eval --report DIR` wrote.")
    return data


def compare(summary: dict, baseline: dict, tolerance: float = TOLERANCE) -> tuple[list[str], list[str]]:
    """(differences to print, regressions beyond the tolerance). A baseline
    with parts is compared part by part (a regression on dev or on test
    fails); an older baseline without parts, on the whole set."""
    diffs, regressions = [], []
    parts = baseline.get("parts")
    if parts:
        for p, old in parts.items():
            new = summary.get("parts", {}).get(p)
            if new is None:
                regressions.append(f"the run has no {p} part (the baseline has): is the eval set split?")
                continue
            d, r = _compare_overall(new["overall"], old["overall"], f"{p} ", tolerance)
            diffs += d
            regressions += r
    else:
        diffs, regressions = _compare_overall(summary["overall"], baseline["overall"], "", tolerance)
    inv = summary["overall"].get("invalid_citations")
    if inv:
        regressions.append(f"invalid citations: {inv} (must be 0)")
    return diffs, regressions


def fmt(v) -> str:
    return "—" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v))


REPORT_COLS = ["n", "recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "key_facts", "citation_precision",
               "citation_recall", "refusal_correct", "declined_or_named", "false_refusal", "pass"]


def parts_table(summary: dict, cols: list[str] = REPORT_COLS) -> list[str]:
    """Markdown rows: the whole set, then each type, dev and test side by side."""
    parts = summary.get("parts") or {}
    lines = ["| type | part | " + " | ".join(cols) + " |", "|---" * (len(cols) + 2) + "|"]

    def rows_for(label: str, pick) -> None:
        for p in (*parts, "all") if parts else ("all",):
            agg = pick(summary if p == "all" else parts[p])
            if agg:
                lines.append(f"| {label} | {p} | " + " | ".join(fmt(agg.get(c)) for c in cols) + " |")

    rows_for("**all**", lambda s: s["overall"])
    for t in summary["by_type"]:
        rows_for(t, lambda s, t=t: s["by_type"].get(t))
    return lines


def markdown_report(result: RunResult, diffs: list[str] | None = None) -> str:
    s = result.summary
    o = s["overall"]
    counts = " · ".join(f"{p}: {ps['items']['passed']} passed, {ps['items']['failed']} failed" for p, ps in s.get("parts", {}).items())
    lines = ["# policybot eval report", "", f"{s['items']['passed']} passed, {s['items']['failed']} failed ({counts})", ""]
    lines += parts_table(s)
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
        lines.append(f"### {r['id']} ({r['type']}, {r.get('split', '?')}{', must-pass' if r['must_pass'] else ''})")
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
    from .embeddings import make_embeddings
    from .retrieve import SearchSettings
    from .service import make_answerer
    from .settings import ROOT

    from .tokenize import check_tokenizer

    if args.tokenizer:
        check_tokenizer(args.tokenizer)

    if getattr(args, "ncp", None) is not None:
        from .ncp import run_ncp_cli

        return run_ncp_cli(args, settings)

    emb = make_embeddings(settings.embedding)
    data = ix.load(settings.index_dir, emb)
    path = Path(args.eval_set) if args.eval_set else ROOT / "eval" / "questions.jsonl"
    items = load_set(path)
    if args.limit:
        items = items[: args.limit]
    if args.tokenizer:
        data = with_tokenizer(data, args.tokenizer)
    if args.validate:
        if getattr(args, "fix", False):  # gold ids from the quotes; a split for items without one
            fixed = [Item(**{**it.__dict__, "gold_clause_ids": tuple(resolve_gold(data, it))}) for it in items]
            save_set(fixed, path)
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

    baseline = read_baseline(Path(args.baseline) if args.baseline else None)  # before the run: a bad file loses nothing
    answerer = make_answerer(settings, data, emb)
    result = run(items, data, emb, answerer=answerer, k=args.k, settings=SearchSettings(mode=args.mode, fusion=args.fusion),
                 today=settings.today, backend=make_backend(settings, data))
    diffs: list[str] = []
    regressions: list[str] = []
    if baseline is not None:
        diffs, regressions = compare(result.summary, baseline)
    report = Path(args.report) if args.report else ROOT / "eval" / "reports" / "latest"
    write_report(result, report, diffs)
    parts = result.summary["parts"]
    print(f"{'':>20}  " + "  ".join(f"{p:>8}" for p in (*parts, "all")))
    for key in ("n", "recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "key_facts", "key_facts_all", "citation_precision",
                "citation_recall", "invalid_citations", "numeric_fidelity", "refusal_correct", "declined_or_named", "false_refusal", "latency_p50", "latency_p95"):
        vals = [parts[p]["overall"].get(key) for p in parts] + [result.summary["overall"].get(key)]
        print(f"{key:>20}: " + "  ".join(f"{fmt(v):>8}" for v in vals))
    if diffs:
        print("against the baseline:")
        for d in diffs:
            print("  " + d)
    if result.summary["must_pass_failed"]:
        print("must-pass items failing: " + ", ".join(result.summary["must_pass_failed"]))
    print(f"report: {report / 'report.md'}")
    print(f"{result.summary['items']['passed']} passed, {result.summary['items']['failed']} failed")
    return 1 if regressions or result.summary["must_pass_failed"] else 0
