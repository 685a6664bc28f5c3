"""``policybot eval --ncp``: the second, independent corpus (corpus-ncp).

corpus-ncp (../shared/corpus-ncp, never copied into the repository) holds
``docs/<doc>.txt`` without a catalog and ``qa.jsonl`` ({"id", "question",
"answer", "doc"}; the answer is a verbatim span of ``doc``). This module

- ingests ``docs/*.txt`` with no per-document set-up into an index of its
  own, cached under ``<state dir>/ncp-index`` and rebuilt when the files, the
  code that parses and indexes them, the embedding model or the tokenizer
  change (vectors of unchanged texts are reused);
- splits the questions into dev and test by DOCUMENT (a hash of the doc id):
  a test document's questions are never tuned on;
- runs every question through the production chain and scores it
  (``metrics``), part by part, with a Markdown report of the worst dev items.

Metrics, per question (means over a part; ``answer_chars`` is a median):

- ``doc_hit@1`` / ``doc_hit@5``: the gold document is the first / among the
  first five distinct documents of the retrieval (depth 10, production path);
- ``gold_doc_cited``: some citation of the answer is from the gold document;
- ``covers``: the folded answer body contains the folded gold span, where
  folding is ``fold_text`` (NFKC width, 繁->简) and then keeping letters and
  digits only (whitespace, punctuation and symbols dropped); the body is the
  answer text without its document header lines (【…】) and [n] markers;
- ``char_recall``: partial credit, the share of the folded gold span's
  characters matched in order in the folded body (difflib matching blocks);
- ``answer_chars``: characters of the distinct verbatim quotes cited (what a
  person reads, without headers and markers); 0 when refused;
- ``refused``: the answer was refused.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import median

from .errors import PolicybotError
from .evalset import SPLITS, hash_split
from .normalize import plain

METRICS = ("doc_hit@1", "doc_hit@5", "gold_doc_cited", "covers", "char_recall", "answer_chars", "refused")
# The modules whose code shapes what is indexed: a change to any of them
# rebuilds the cached corpus-ncp index.
_INDEX_CODE = ("readers.py", "normalize.py", "clauses.py", "documents.py", "regions.py", "chunking.py", "tokenize.py",
               "index.py", "indexbuild.py", "tokentable.py", "embeddings.py", "types.py")


@dataclass(frozen=True)
class NcpItem:
    id: str
    question: str
    answer: str  # the gold span, verbatim from ``doc``
    doc: str
    split: str


def default_dir() -> Path:
    from .settings import ROOT

    env = os.environ.get("POLICYBOT_NCP")
    return Path(env).expanduser() if env else ROOT.parent / "shared" / "corpus-ncp"


def check_dir(root: Path) -> Path:
    root = Path(root)
    if not (root / "qa.jsonl").exists() or not (root / "docs").is_dir():
        raise PolicybotError(
            f"corpus-ncp not found at {root} (expected qa.jsonl and docs/): give its folder with "
            "`policybot eval --ncp DIR` or set POLICYBOT_NCP."
        )
    return root


def load_items(root: Path) -> list[NcpItem]:
    """The questions, each with the part of its document (dev or test)."""
    root = check_dir(root)
    docs = {p.stem for p in (root / "docs").glob("*.txt")}
    items = []
    for n, line in enumerate((root / "qa.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            items.append(NcpItem(d["id"], d["question"], d["answer"], d["doc"], hash_split(d["doc"])))
        except (json.JSONDecodeError, KeyError) as e:
            raise PolicybotError(f"{root / 'qa.jsonl'}:{n}: not a question record ({e}).") from e
    missing = sorted({it.doc for it in items} - docs)
    if missing:
        raise PolicybotError(f"{len(missing)} gold documents of qa.jsonl are not in {root / 'docs'} (e.g. {missing[0]}).")
    return items


# ---------------------------------------------------------------- metrics (pure)

def fold_span(text: str) -> str:
    """The form spans are compared in: ``fold_text`` (width, 繁->简), then
    letters and digits only (``normalize.plain``)."""
    return plain(text)


_MARK = re.compile(r"\[\d+\]")


def answer_body(answer_text: str) -> str:
    """The answer without its document header lines (【…】) and [n] markers."""
    return _MARK.sub("", "\n".join(ln for ln in answer_text.split("\n") if not ln.lstrip().startswith("【")))


def char_recall(gold: str, text: str) -> float:
    """Share of the folded gold span matched, in order, in the folded text."""
    g, t = fold_span(gold), fold_span(text)
    if not g:
        return 0.0
    sm = difflib.SequenceMatcher(None, g, t, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks()) / len(g)


def doc_ranking(doc_ids: list[str]) -> list[str]:
    """Distinct documents in the order they first appear."""
    return list(dict.fromkeys(doc_ids))


def score(item: NcpItem, ranked_docs: list[str], *, body: str, cited_docs: list[str], quotes: list[str],
          refused: bool) -> dict[str, float]:
    covered = (not refused) and fold_span(item.answer) in fold_span(body)
    return {
        "doc_hit@1": float(ranked_docs[:1] == [item.doc]),
        "doc_hit@5": float(item.doc in ranked_docs[:5]),
        "gold_doc_cited": float(item.doc in cited_docs),
        "covers": float(covered),
        "char_recall": 0.0 if refused else round(char_recall(item.answer, body), 4),
        "answer_chars": float(0 if refused else sum(len(q) for q in dict.fromkeys(quotes))),
        "refused": float(refused),
    }


def aggregate(rows: list[dict]) -> dict:
    out: dict = {"n": len(rows)}
    for k in METRICS:
        vals = [r["metrics"][k] for r in rows if k in r["metrics"]]
        if vals:
            out[k] = round(median(vals), 1) if k == "answer_chars" else round(sum(vals) / len(vals), 4)
    lat = sorted(r["latency"] for r in rows if "latency" in r)
    if lat:
        out["latency_p50"] = round(median(lat), 3)
        out["latency_p95"] = round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 3)
    return out


def summarize(rows: list[dict]) -> dict:
    return {p: aggregate([r for r in rows if r["split"] == p]) for p in SPLITS if any(r["split"] == p for r in rows)}


# ---------------------------------------------------------------- the index (I/O)

def code_fingerprint() -> str:
    from . import index as ix

    here = Path(__file__).parent
    h = hashlib.sha256(f"format {ix.FORMAT_VERSION}".encode())
    for name in _INDEX_CODE:
        h.update(name.encode() + (here / name).read_bytes())
    data = here / "data"
    if data.is_dir():
        for p in sorted(data.iterdir()):
            if p.is_file():
                h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def index_key(files, settings) -> str:
    from .documents import corpus_fingerprint

    h = hashlib.sha256()
    for part in (corpus_fingerprint(files), code_fingerprint(), settings.embedding, settings.tokenizer, settings.embed_scheme):
        h.update(part.encode("utf-8") + b"\0")
    return "ncp:" + h.hexdigest()


def open_index(root: Path, settings, embeddings, *, progress=None, log=print):
    """The cached index of ``root/docs``, rebuilt when stale."""
    from . import index as ix
    from .documents import corpus_files, parse_file, slugify

    files = corpus_files(check_dir(root) / "docs")
    key = index_key(files, settings)
    where = settings.state_dir / "ncp-index"
    try:
        return ix.load(where, embeddings, expect_corpus=key)
    except PolicybotError:
        pass
    try:
        reuse = ix.load(where, embeddings, any_lexicon=True)  # its vectors: a lexicon change re-cuts tokens only
    except PolicybotError:
        reuse = None
    log(f"building the corpus-ncp index in {where} ({len(files)} files; vectors of unchanged texts are reused)")
    docs = [parse_file(p, doc_id=slugify(p.stem), overrides=entry, file=p.name) for p, entry in files]
    data = ix.build(docs, embeddings, tokenizer=settings.tokenizer, corpus_fingerprint=key,
                    embedding_spec=settings.embedding, progress=progress or (lambda it, total, desc: it), reuse=reuse,
                    scheme=settings.embed_scheme)
    ix.save(data, where)
    return ix.load(where, embeddings, expect_corpus=key)


# ---------------------------------------------------------------- running

def run(items: list[NcpItem], index, embeddings, settings, search=None, answerer=None) -> list[dict]:
    """Every question through the production chain; one row per question.
    ``search`` (SearchSettings) overrides the production retrieval mode for
    experiments only; ``answerer`` the production answerer (``eval
    --answerer llm``: the extractive and the LLM one in turn). A row of an
    LLM answerer also says what became of its reply (``llm``: an Outcome)."""
    from .chain import build_chain, retrieve
    from .evaluate import RANK_DEPTH
    from .retrieve import Filters, SearchSettings
    from .service import make_answerer

    search = search or SearchSettings()

    answerer = answerer or make_answerer(settings, index, embeddings)
    seen: dict = {}

    def capture(q, hits):
        seen["query"] = q
        if hasattr(answerer, "answer_with_outcome"):
            res = answerer.answer_with_outcome(q, hits)
            seen["llm"] = asdict(res.outcome)
            return res.answer
        return answerer(q, hits)

    chain = build_chain(index, embeddings, capture, today=settings.today, max_chars=settings.max_question_chars, settings=search)
    rows = []
    for it in items:
        seen.clear()
        t0 = time.perf_counter()
        ans = chain.invoke({"question": it.question, "history": [], "filters": Filters()})
        latency = time.perf_counter() - t0
        hits = retrieve(index, embeddings, seen["query"], k=RANK_DEPTH, settings=search) if "query" in seen else []
        ranked = doc_ranking([h.clause.doc_id for h in hits])
        body = answer_body(ans.answer)
        m = score(it, ranked, body=body, cited_docs=[c.clause.doc_id for c in ans.citations],
                  quotes=[c.quote for c in ans.citations], refused=ans.refused)
        rows.append({"id": it.id, "split": it.split, "doc": it.doc, "question": it.question, "gold": it.answer,
                     "answer": ans.answer, "refused": ans.refused, "ranked_docs": ranked[:5], "metrics": m,
                     "latency": round(latency, 4), **({"llm": seen["llm"]} if "llm" in seen else {})})
    return rows


def markdown(summaries: dict[str, dict], rows: list[dict], titles: dict[str, str], worst: int = 40) -> str:
    cols = ["n", *METRICS]
    lines = ["# corpus-ncp eval", "", "Questions split by document (a hash of the doc id); test documents are never tuned on.",
             "Definitions: `policybot.ncp` (covers = folded answer body contains the folded gold span).", "",
             "| system | part | " + " | ".join(cols) + " |", "|---" * (len(cols) + 2) + "|"]
    for system, summ in summaries.items():
        for p, agg in summ.items():
            lines.append(f"| {system} | {p} | " + " | ".join(
                "—" if agg.get(c) is None else (f"{agg[c]:.3f}" if isinstance(agg[c], float) and c != "answer_chars" else str(agg[c]))
                for c in cols) + " |")
    bad = sorted((r for r in rows if r["split"] == "dev" and not r["metrics"]["covers"]),
                 key=lambda r: (r["metrics"]["doc_hit@5"], r["metrics"]["gold_doc_cited"], r["metrics"]["char_recall"]))
    lines += ["", f"## Worst dev items ({min(worst, len(bad))} of {len(bad)} not covering the gold span; test items are not listed)", ""]
    for r in bad[:worst]:
        m = r["metrics"]
        what = []
        if not m["doc_hit@5"]:
            what.append("gold document not in the top 5")
        elif not m["gold_doc_cited"]:
            what.append("gold document retrieved but not cited")
        if r["refused"]:
            what.append("refused")
        ans = r["answer"].replace("\n", " ⏎ ")
        lines += [f"### {r['id']}", f"- question: {r['question']}",
                  f"- gold ({r['doc']} 《{titles.get(r['doc'], '?')}》): {r['gold']}",
                  f"- what went wrong: {'; '.join(what) or 'span not covered'} (char recall {m['char_recall']:.2f})",
                  f"- answer ({int(m['answer_chars'])} quoted chars): {ans[:300]}{'…' if len(ans) > 300 else ''}",
                  f"- top documents: {', '.join(r['ranked_docs'])}", ""]
    return "\n".join(lines) + "\n"


def run_ncp_cli(args, settings) -> int:
    import sys

    from .embeddings import make_embeddings
    from .settings import ROOT

    root = check_dir(Path(args.ncp) if args.ncp else default_dir())
    items = load_items(root)
    if args.part != "all":
        items = [it for it in items if it.split == args.part]
    if args.limit:  # the first N questions of each part
        items = [it for p in SPLITS for it in [i for i in items if i.split == p][: args.limit]]
    emb = make_embeddings(settings.embedding)

    def progress(it, total, desc):
        from tqdm import tqdm

        return tqdm(it, total=total, desc=desc, unit="batch", file=sys.stderr, disable=total == 0)

    index = open_index(root, settings, emb, progress=progress, log=lambda m: print(m, file=sys.stderr))
    if getattr(args, "answerer", "extractive") == "llm":
        from .llm_eval import run_ncp

        return run_ncp(args, settings, index, emb, items)
    from .retrieve import SearchSettings

    rows = run(items, index, emb, settings, SearchSettings(mode=args.mode, fusion=args.fusion))
    summaries = {"policybot": summarize(rows)}
    if getattr(args, "textbook", False):
        from .textbook import run_textbook

        summaries["textbook"] = summarize(run_textbook(root, items))
    folder = Path(args.report) if args.report else ROOT / "eval" / "reports" / "ncp"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "summary.json").write_text(json.dumps(summaries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    with open(folder / "items.jsonl", "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    titles = {d: m.title for d, m in index.documents.items()}
    (folder / "report.md").write_text(markdown(summaries, rows, titles), encoding="utf-8")
    for system, summ in summaries.items():
        for p, agg in summ.items():
            print(f"{system:>10} {p:>4}: " + "  ".join(f"{k} {agg[k]}" for k in ("n", *METRICS) if k in agg))
    print(f"report: {folder / 'report.md'}")
    return 0
