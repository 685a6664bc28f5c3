"""``policybot eval --answerer llm``: the LLM answerer beside the extractive
one on the same fixed sample of eval items.

For each item: is the LLM asked at all (the extractive answerer refuses
first), is its reply kept, kept with a sentence left out (no marker), or
dropped for the extractive answer, and why (``llm.Outcome.reason``); key
facts and latency for both. Writes ``llm.md`` (the table), ``summary.json``
and ``items.jsonl`` for both answerers; ``--record DIR`` also writes each
request with its real reply and sources (what the replay fixtures in
``tests/fixtures/llm/`` are taken from).

With ``--ncp`` the same on corpus-ncp questions (``run_ncp``), scored with
that corpus's own metrics (``policybot.ncp``: covers, char recall, gold
document cited); ``ncp.md`` and ``ncp-outcomes.json``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path

from .evaluate import Item, RunResult, run, write_report
from .llm_protocol import response_format

REASONS = {
    "number_not_in_clause": "a number not in the cited clause",
    "unknown_marker": "a marker to an unknown source",
    "quote_not_verbatim": "a 「quote」 not verbatim in the cited clause",
    "unsupported_sentence": "a sentence the cited clause does not support",
    "number_of_another_place": "a number of another place's clause",
    "no_marker": "no marker at all (unquoted claims)",
    "unanswerable": "the model said 无法回答",
    "empty": "an empty reply",
    "inconsistent": "citations inconsistent after rendering",
    "call_failed": "the call failed (timeout, HTTP error)",
}


def sample(items: list[Item], n: int) -> list[Item]:
    """A fixed sample: every (len/n)-th item of the set, in order (no
    randomness, so two runs see the same questions)."""
    if n <= 0 or n >= len(items):
        return list(items)
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def pick(items: list, part: str, n: int) -> list:
    """The fixed sample of one part of the split ("all": of every item)."""
    return sample([it for it in items if part == "all" or it.split == part], n)


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "—"


def outcome_counts(rows: list[dict]) -> dict:
    """Counts over the rows of an LLM run (rows carry ``llm``: an Outcome)."""
    outs = [r["llm"] for r in rows if "llm" in r]
    asked = [o for o in outs if o["status"] != "not_asked"]
    kept = [o for o in asked if o["status"] == "kept"]
    return {
        "items": len(rows),
        "asked": len(asked),
        "kept": len(kept),
        "kept_with_dropped_sentence": sum(1 for o in kept if o["dropped"]),
        "fallback": len(asked) - len(kept),
        "reasons": dict(Counter(o["reason"] for o in asked if o["status"] == "fallback").most_common()),
        "model_seconds": sorted(round(o["seconds"], 2) for o in asked),
    }


def table(extractive: RunResult, llm: RunResult) -> str:
    """The Markdown comparison (README and report)."""
    c = outcome_counts(llm.rows)
    e, g = extractive.summary["overall"], llm.summary["overall"]

    def f(v):
        return "—" if v is None else f"{v:.3f}"

    lines = [
        "| answerer | items | LLM asked | reply kept | kept, a sentence dropped | fell back to the extract | key facts | all key facts | citation precision | invalid citations | latency p50 | latency p95 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        f"| extractive | {e['n']} | — | — | — | — | {f(e.get('key_facts'))} | {f(e.get('key_facts_all'))} | {f(e.get('citation_precision'))} "
        f"| {e.get('invalid_citations', 0):g} | {e.get('latency_p50', 0):.2f} s | {e.get('latency_p95', 0):.2f} s |",
        f"| local LLM | {g['n']} | {c['asked']} | {_pct(c['kept'], c['asked'])} | {_pct(c['kept_with_dropped_sentence'], c['asked'])} "
        f"| {_pct(c['fallback'], c['asked'])} | {f(g.get('key_facts'))} | {f(g.get('key_facts_all'))} | {f(g.get('citation_precision'))} "
        f"| {g.get('invalid_citations', 0):g} | {g.get('latency_p50', 0):.2f} s | {g.get('latency_p95', 0):.2f} s |",
        "",
        "Why the guards fell back: "
        + ("; ".join(f"{REASONS.get(k, k)} {v}" for k, v in c["reasons"].items()) or "never")
        + ".",
    ]
    return "\n".join(lines) + "\n"


def per_item(extractive: RunResult, llm: RunResult) -> str:
    lines = ["| item | type | LLM | reason | key facts extractive → LLM | model s |", "|---|---|---|---|---|---|"]
    for a, b in zip(extractive.rows, llm.rows):
        o = b.get("llm", {})
        kf = lambda r: r["metrics"].get("key_facts")  # noqa: E731
        show = "—" if kf(a) is None else f"{kf(a):.2f} → {kf(b):.2f}"
        status = o.get("status", "—") + (f" (−{o['dropped']})" if o.get("dropped") else "")
        lines.append(f"| {a['id']} | {a['type']} | {status} | {o.get('reason', '')} | {show} | {o.get('seconds', 0):.1f} |")
    return "\n".join(lines) + "\n"


class Recorder:
    """Wraps an LLMAnswerer; writes one JSON per asked question to ``folder``."""

    def __init__(self, inner, folder: Path, model: str, max_tokens: int | None = None):
        self.inner, self.folder, self.model, self.max_tokens, self.n = inner, folder, model, max_tokens, 0
        folder.mkdir(parents=True, exist_ok=True)

    def answer_with_outcome(self, query, hits):
        res = self.inner.answer_with_outcome(query, hits)
        if res.messages:
            self.n += 1
            n_hits = sum(1 for s in res.sources if s.clause.clause_id in {h.clause.clause_id for h in hits[: self.inner.max_sources]})
            record = {
                "model": self.model,
                "question": query.original,
                "standalone": query.standalone,
                "n_hits": n_hits,
                "max_clause_chars": self.inner.max_clause_chars,
                "sources": [{"clause": s.clause.to_json(), "document": s.document.to_json(), "score": s.score} for s in res.sources],
                "request": {
                    "model": self.model, "temperature": 0, "max_tokens": self.max_tokens, "messages": list(res.messages),
                    **({"response_format": fmt} if (fmt := response_format(self.inner.protocol, len(res.sources))) else {}),
                },
                "reply": res.outcome.reply,
                "outcome": {"status": res.outcome.status, "reason": res.outcome.reason, "dropped": res.outcome.dropped},
            }
            (self.folder / f"{self.n:03d}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return res


REWRITE_PROMPT = (
    "把用户的口语化问题改写成政策文件里的说法，便于检索条款：用文件常用的词（如奖补、给予、认定、最高不超过、牵头单位），"
    "保留地名、年份和对象。只输出改写后的一句问句，不回答问题，不加解释。"
)


def rewrite(chat_model, question: str) -> str:
    """The question in the documents' wording (one line), or "" when the
    model gives nothing usable."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from .llm import _content, clean_reply

    text = clean_reply(_content(chat_model.invoke([SystemMessage(REWRITE_PROMPT), HumanMessage(question)])))
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line[:200]


def run_rewrite(args, settings, data, emb, items: list[Item]) -> int:
    """The optional stage measured: the extractive answerer on a fixed sample
    of colloquial (paraphrase) questions, as asked vs with the model's
    rewrite appended before retrieval."""
    from dataclasses import replace

    from .answer import ExtractiveAnswerer
    from .llm import _chat_openai
    from .retrieve import SearchSettings
    from .settings import ROOT

    chosen = sample([it for it in items if it.type == "paraphrase" and not it.history], args.sample)
    chat = _chat_openai(settings, 600, 0, 60)
    rewritten, seconds = [], []
    for it in chosen:
        t0 = time.perf_counter()
        extra = rewrite(chat, it.question)
        seconds.append(round(time.perf_counter() - t0, 2))
        rewritten.append(replace(it, question=f"{it.question} {extra}".strip()))
    search = SearchSettings(mode=args.mode, fusion=args.fusion)
    extractive = ExtractiveAnswerer(data, emb, today=settings.today)
    base = run(chosen, data, emb, answerer=extractive, k=args.k, settings=search, today=settings.today)
    new = run(rewritten, data, emb, answerer=extractive, k=args.k, settings=search, today=settings.today)
    cols = ("recall@1", "recall@5", "mrr", "key_facts", "key_facts_all")
    lines = ["| questions | items | " + " | ".join(cols) + " | model s p50 |", "|---" * (len(cols) + 3) + "|"]
    for name, r, sec in (("as asked", base, None), ("+ model rewrite", new, sorted(seconds))):
        o = r.summary["overall"]
        lines.append(f"| {name} | {o['n']} | " + " | ".join(f"{o.get(c) or 0:.3f}" for c in cols) + f" | {sec[len(sec) // 2] if sec else 0} |")
    lines += ["", "| item | rewrite | recall@5 before → after | key facts before → after |", "|---|---|---|---|"]
    for a, b, it in zip(base.rows, new.rows, rewritten):
        ma, mb = a["metrics"], b["metrics"]
        lines.append(f"| {a['id']} | {it.question[len(a['question']):].strip()} | {ma.get('recall@5', 0):.2f} → {mb.get('recall@5', 0):.2f} "
                     f"| {ma.get('key_facts', 0):.2f} → {mb.get('key_facts', 0):.2f} |")
    folder = Path(args.report) if args.report else ROOT / "eval" / "reports" / "llm"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rewrite.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


def _need_endpoint(settings) -> None:
    from .errors import ConfigError

    if not settings.llm_base_url:
        raise ConfigError(
            "eval --answerer llm needs POLICYBOT_LLM_BASE_URL and POLICYBOT_LLM_MODEL; for the local model start "
            "`policybot llm serve` and use POLICYBOT_LLM_BASE_URL=http://127.0.0.1:8081/v1."
        )


def _answerers(args, settings, index, emb):
    """The extractive answerer and the LLM one wrapping it (recording each
    request with ``--record``), as ``eval --answerer llm`` sets them."""
    from .answer import ExtractiveAnswerer
    from .llm import LLMAnswerer

    _need_endpoint(settings)
    extractive = ExtractiveAnswerer(index, emb, today=settings.today)
    llm = LLMAnswerer(
        settings, fallback=extractive, timeout=600, max_retries=0, max_sources=args.llm_sources,
        max_clause_chars=args.llm_clause_chars, max_tokens=args.llm_max_tokens
    )
    return extractive, Recorder(llm, Path(args.record), settings.llm_model, args.llm_max_tokens) if args.record else llm


def _folder(args) -> Path:
    from .settings import ROOT

    return Path(args.report) if args.report else ROOT / "eval" / "reports" / "llm"


def run_cli(args, settings, data, emb, items: list[Item]) -> int:
    from .retrieve import SearchSettings

    if getattr(args, "stage", None) == "rewrite":
        _need_endpoint(settings)
        return run_rewrite(args, settings, data, emb, items)
    part = getattr(args, "part", "all")
    chosen = pick(items, part, args.sample)
    search = SearchSettings(mode=args.mode, fusion=args.fusion)
    extractive, answerer = _answerers(args, settings, data, emb)
    base = run(chosen, data, emb, answerer=extractive, k=args.k, settings=search, today=settings.today)
    res = run(chosen, data, emb, answerer=answerer, k=args.k, settings=search, today=settings.today)
    folder = _folder(args)
    write_report(base, folder / "extractive")
    write_report(res, folder / "llm")
    md = (
        f"# Extractive vs LLM answerer ({settings.llm_model}), {len(chosen)} items (a fixed sample of part {part})\n\n"
        + table(base, res) + "\n" + per_item(base, res)
    )
    (folder / "llm.md").write_text(md, encoding="utf-8")
    (folder / "outcomes.json").write_text(json.dumps(outcome_counts(res.rows), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(table(base, res))
    print(f"report: {folder / 'llm.md'}")
    return 0


# ---------------------------------------------------------------- corpus-ncp

NCP_COLS = ("covers", "char_recall", "gold_doc_cited", "refused", "answer_chars")


def ncp_table(extractive: list[dict], llm: list[dict]) -> str:
    """The corpus-ncp comparison: rows of ``ncp.run`` for both answerers on
    the same items (its metrics, means; answer_chars a median)."""
    from .ncp import aggregate

    c = outcome_counts(llm)
    e, g = aggregate(extractive), aggregate(llm)

    def f(agg, k):
        v = agg.get(k)
        return "—" if v is None else (f"{v:.0f}" if k == "answer_chars" else f"{v:.3f}")

    def lat(agg):
        return f"{agg.get('latency_p50', 0):.2f} s | {agg.get('latency_p95', 0):.2f} s"

    head = "| answerer | items | LLM asked | reply kept | kept, a sentence dropped | fell back to the extract | " + " | ".join(NCP_COLS)
    lines = [
        head + " | latency p50 | latency p95 |",
        "|---" * (len(NCP_COLS) + 8) + "|",
        f"| extractive | {e['n']} | — | — | — | — | " + " | ".join(f(e, k) for k in NCP_COLS) + f" | {lat(e)} |",
        f"| local LLM | {g['n']} | {c['asked']} | {_pct(c['kept'], c['asked'])} | {_pct(c['kept_with_dropped_sentence'], c['asked'])} "
        f"| {_pct(c['fallback'], c['asked'])} | " + " | ".join(f(g, k) for k in NCP_COLS) + f" | {lat(g)} |",
        "",
        "Why the guards fell back: "
        + ("; ".join(f"{REASONS.get(k, k)} {v}" for k, v in c["reasons"].items()) or "never")
        + ".",
    ]
    return "\n".join(lines) + "\n"


def ncp_per_item(extractive: list[dict], llm: list[dict]) -> str:
    lines = ["| item | LLM | reason | covers extractive → LLM | char recall extractive → LLM | model s |", "|---|---|---|---|---|---|"]
    for a, b in zip(extractive, llm):
        o = b.get("llm", {})
        status = o.get("status", "—") + (f" (−{o['dropped']})" if o.get("dropped") else "")
        ma, mb = a["metrics"], b["metrics"]
        lines.append(f"| {a['id']} | {status} | {o.get('reason', '')} | {ma['covers']:.0f} → {mb['covers']:.0f} "
                     f"| {ma['char_recall']:.2f} → {mb['char_recall']:.2f} | {o.get('seconds', 0):.1f} |")
    return "\n".join(lines) + "\n"


def run_ncp(args, settings, index, emb, items) -> int:
    """``eval --ncp --answerer llm``: both answerers on a fixed sample of the
    corpus-ncp questions given (``--part dev`` for the dev part)."""
    from . import ncp
    from .retrieve import SearchSettings

    part = getattr(args, "part", "all")
    chosen = pick(items, part, args.sample)
    search = SearchSettings(mode=args.mode, fusion=args.fusion)
    extractive, answerer = _answerers(args, settings, index, emb)
    base = ncp.run(chosen, index, emb, settings, search, answerer=extractive)
    res = ncp.run(chosen, index, emb, settings, search, answerer=answerer)
    folder = _folder(args)
    (folder / "ncp").mkdir(parents=True, exist_ok=True)
    for name, rows in (("extractive", base), ("llm", res)):
        with open(folder / "ncp" / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    md = (
        f"# corpus-ncp: extractive vs LLM answerer ({settings.llm_model}), {len(chosen)} items "
        f"(a fixed sample of part {part})\n\n"
        "Metrics as in `policybot.ncp` (covers = the folded answer body contains the folded gold span).\n\n"
        + ncp_table(base, res) + "\n" + ncp_per_item(base, res)
    )
    (folder / "ncp.md").write_text(md, encoding="utf-8")
    (folder / "ncp-outcomes.json").write_text(json.dumps(outcome_counts(res), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(ncp_table(base, res))
    print(f"report: {folder / 'ncp.md'}")
    return 0
