"""The eval set: items, their frozen dev/test split, gold clauses, validation.

Every item carries ``split`` ("dev" or "test"). Tuning (rules, thresholds,
dictionary entries) may look at dev items only; test items are reported
beside them every time and never tuned on. The split is stored in the set so
it stays frozen when items are added; ``assign_splits`` gives new items one,
balanced within their type, deterministic (a hash of the id).

Gold clauses are kept as verbatim quotes as well as ids, so an item survives
a change of clause ids: ``resolve_gold`` finds the clauses from the quotes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path

from .index import IndexData
from .normalize import fold_text
from .types import HEADING

TYPES = ("fact", "number", "list", "department", "comparison", "followup", "paraphrase", "validity", "unanswerable", "adversarial")
SPLITS = ("dev", "test")


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
    split: str = ""

    @classmethod
    def from_json(cls, d: dict) -> "Item":
        return cls(
            id=d["id"], question=d["question"], type=d["type"], history=_user_turns(d.get("history") or ()),
            doc_ids=tuple(d.get("doc_ids") or ()), gold_quotes=tuple(d.get("gold_quotes") or ()),
            gold_clause_ids=tuple(d.get("gold_clause_ids") or ()), key_facts=tuple(d.get("key_facts") or ()),
            answerable=bool(d.get("answerable", True)), must_pass=bool(d.get("must_pass", False)), note=d.get("note", ""),
            split=d.get("split", ""),
        )

    def to_json(self) -> dict:
        d = asdict(self)
        for k in ("history", "doc_ids", "gold_quotes", "gold_clause_ids", "key_facts"):
            d[k] = list(d[k])
        return d


def _user_turns(history) -> tuple[str, ...]:
    """The earlier questions of a conversation: plain strings, or chat turns
    ``{"role": "user", "content": ...}`` of which the user's are kept (the
    answerer reads earlier questions, not earlier answers)."""
    out = []
    for turn in history:
        if isinstance(turn, str):
            out.append(turn)
        elif isinstance(turn, dict) and isinstance(turn.get("content"), str) and turn.get("role") in ("user", "assistant"):
            if turn["role"] == "user":
                out.append(turn["content"])
        else:
            raise TypeError(f'a history turn must be a string or {{"role": "user"|"assistant", "content": "..."}}, not {turn!r:.60}')
    return tuple(out)


def load_set(path: Path) -> list[Item]:
    """The items of a JSONL set; items without a stored split get one
    (``assign_splits``), so every loaded item has a part."""
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
    return assign_splits(items)


def save_set(items: list[Item], path: Path) -> None:
    Path(path).write_text("".join(json.dumps(it.to_json(), ensure_ascii=False) + "\n" for it in items), encoding="utf-8")


# ---------------------------------------------------------------- the split

def id_hash(key: str) -> int:
    """A stable number for a key (not Python's salted ``hash``)."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")


def hash_split(key: str) -> str:
    """dev or test from a hash of the key: about half each."""
    return SPLITS[id_hash(key) % 2]


def assign_splits(items: list[Item]) -> list[Item]:
    """Every item with a split. Items that have one keep it; the others, in
    the order of their id hash, go to whichever part has fewer items of their
    type so far (ties: the hash decides), so each type stays about half and
    half and no stored assignment ever moves."""
    count: dict[tuple[str, str], int] = {}
    for it in items:
        if it.split in SPLITS:
            count[(it.type, it.split)] = count.get((it.type, it.split), 0) + 1
    new: dict[str, str] = {}
    for it in sorted((i for i in items if i.split not in SPLITS), key=lambda i: (id_hash(i.id), i.id)):
        dev, test = count.get((it.type, "dev"), 0), count.get((it.type, "test"), 0)
        part = hash_split(it.id) if dev == test else ("dev" if dev < test else "test")
        count[(it.type, part)] = count.get((it.type, part), 0) + 1
        new[it.id] = part
    return [it if it.split in SPLITS else replace(it, split=new[it.id]) for it in items]


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
    stored clause ids agree with the quotes, ids unique, types and splits
    known."""
    problems = []
    seen = set()
    text_of = {d: fold_text("\n".join(c.text for c in index.clauses if c.doc_id == d)) for d in index.documents}
    for it in items:
        if it.id in seen:
            problems.append(f"{it.id}: duplicate id")
        seen.add(it.id)
        if it.type not in TYPES:
            problems.append(f"{it.id}: unknown type {it.type!r}")
        if it.split not in SPLITS:
            problems.append(f"{it.id}: split {it.split!r} is not dev or test (run `policybot eval --validate --fix`)")
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
