"""Run the fresh question batches (eval/batches/) through the production chain.

Each batch is 36 questions (31 answerable, 5 near misses) written from the
five texts alone by a writer who saw neither the eval sets nor the code
(see eval/HISTORY.md). ``read/`` holds the batches whose failures were read
and fixed, ``held-out/`` those run only at the start and end of the round
they were written in. One process answers all of them:

    python scripts/batches.py --out DIR                 # a table, and every answer in DIR/answers.jsonl
    python scripts/batches.py --out NEW --against OLD   # ... and every item whose verdict moved since OLD

An answerable item is right when it passes (``evaluate.answer_metrics``: key
facts, citations, not refused); a near miss when it is declined. The date
validity is judged on is ``POLICYBOT_TODAY`` (the eval sets use 2026-11-22).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATCHES = ROOT / "eval" / "batches"


def verdict(row: dict) -> bool:
    m = row["metrics"]
    return m.get("pass") == 1.0 if row["answerable"] else m.get("refused") == 1.0


def answer_text(row: dict) -> str:
    a = row["answer"]
    return a["answer"] if isinstance(a, dict) else str(a)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="folder for answers.jsonl and table.md")
    ap.add_argument("--against", type=Path, help="an earlier --out folder: list the items whose verdict moved")
    ap.add_argument("--only", nargs="*", default=[], help="batch names (p233 …); default: all")
    args = ap.parse_args(argv)

    from policybot import index as ix
    from policybot.backends import make_backend
    from policybot.embeddings import make_embeddings
    from policybot.evalset import load_set
    from policybot.evaluate import run
    from policybot.service import make_answerer
    from policybot.settings import Settings

    settings = Settings.from_env()
    emb = make_embeddings(settings.embedding)
    data = ix.load(settings.index_dir, emb)
    answerer = make_answerer(settings, data, emb)
    backend = make_backend(settings, data)
    files = sorted(BATCHES.glob("*/*.jsonl"), key=lambda p: p.stem)
    if args.only:
        files = [f for f in files if f.stem in args.only]
    if not files:
        print(f"no batches under {BATCHES}", file=sys.stderr)
        return 1

    args.out.mkdir(parents=True, exist_ok=True)
    rows_out, table = [], ["| batch | part | answerable right | near misses declined |", "|---|---|---|---|"]
    totals = {"read": [0, 0, 0, 0], "held-out": [0, 0, 0, 0]}
    for f in files:
        rows = run(load_set(f), data, emb, answerer=answerer, today=settings.today, backend=backend).rows
        part = f.parent.name
        ans = [r for r in rows if r["answerable"]]
        near = [r for r in rows if not r["answerable"]]
        counts = [sum(map(verdict, ans)), len(ans), sum(map(verdict, near)), len(near)]
        totals.setdefault(part, [0, 0, 0, 0])
        totals[part] = [a + b for a, b in zip(totals[part], counts)]
        table.append(f"| {f.stem} | {part} | {counts[0]}/{counts[1]} | {counts[2]}/{counts[3]} |")
        print(table[-1], flush=True)
        rows_out += [{"batch": f.stem, "id": r["id"], "ok": verdict(r), "answer": answer_text(r)} for r in rows]
    for part, (a, n, d, m) in totals.items():
        if n or m:
            table.append(f"| all | {part} | {a}/{n} | {d}/{m} |")
            print(table[-1])
    (args.out / "table.md").write_text("\n".join(table) + "\n", encoding="utf-8")
    with (args.out / "answers.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows_out:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    if args.against:
        old = {}
        for line in (args.against / "answers.jsonl").read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            old[r["id"]] = r
        moved = [(r["id"], old[r["id"]]["ok"], r["ok"]) for r in rows_out if r["id"] in old and old[r["id"]]["ok"] != r["ok"]]
        reworded = sum(1 for r in rows_out if r["id"] in old and old[r["id"]]["answer"] != r["answer"])
        print(f"against {args.against}: {len(moved)} verdicts moved, {reworded} answers reworded")
        for i, was, now in moved:
            print(f"  {i}: {'right' if was else 'wrong'} -> {'right' if now else 'wrong'}")
        return 1 if any(was and not now for _, was, now in moved) else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
