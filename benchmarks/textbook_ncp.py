"""The textbook pipeline of issue 8 on corpus-ncp, per part (dev/test split by
document, as `policybot eval --ncp`), without building policybot's index:

    python benchmarks/textbook_ncp.py [NCP_DIR]

RecursiveCharacterTextSplitter 500/50, BM25 over jieba, the top chunk as the
answer; metrics as defined in policybot.ncp. Needs `pip install '.[bench]'`.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from policybot.ncp import METRICS, default_dir, load_items, summarize  # noqa: E402
from policybot.textbook import run_textbook  # noqa: E402


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else default_dir()
    items = load_items(root)
    for part, agg in summarize(run_textbook(root, items)).items():
        print(f"textbook {part:>4}: " + "  ".join(f"{k} {agg[k]}" for k in ("n", *METRICS) if k in agg))


if __name__ == "__main__":
    main()
