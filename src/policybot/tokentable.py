"""Token lists of many texts kept as one flat int32 array over a shared
vocabulary: what BM25 is rebuilt from when documents are added or removed,
and what sentence scoring reads instead of re-tokenising on every question.
Saved as ``.npy`` + a JSON vocabulary (no pickle)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TokenTable:
    ids: np.ndarray  # int32, every row's token ids one after another
    offsets: np.ndarray  # int64, len(rows) + 1

    @classmethod
    def from_lists(cls, rows: list[list[str]], vocab: dict[str, int]) -> "TokenTable":
        """Encode ``rows``; tokens new to ``vocab`` are appended to it."""
        flat: list[int] = []
        offsets = [0]
        for row in rows:
            for tok in row:
                i = vocab.get(tok)
                if i is None:
                    i = vocab[tok] = len(vocab)
                flat.append(i)
            offsets.append(len(flat))
        return cls(np.asarray(flat, dtype=np.int32), np.asarray(offsets, dtype=np.int64))

    @classmethod
    def empty(cls) -> "TokenTable":
        return cls(np.zeros(0, np.int32), np.zeros(1, np.int64))

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def row(self, i: int) -> np.ndarray:
        return self.ids[self.offsets[i] : self.offsets[i + 1]]

    def take(self, rows) -> "TokenTable":
        rows = np.asarray(rows, dtype=np.int64)
        parts = [self.row(int(i)) for i in rows]
        lengths = np.array([len(p) for p in parts], dtype=np.int64)
        offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        ids = np.concatenate(parts).astype(np.int32) if parts else np.zeros(0, np.int32)
        return TokenTable(ids, offsets)

    def concat(self, other: "TokenTable") -> "TokenTable":
        """Rows of ``self`` then of ``other`` (both over the same vocabulary)."""
        return TokenTable(
            np.concatenate([self.ids, other.ids]).astype(np.int32),
            np.concatenate([self.offsets, other.offsets[1:] + self.offsets[-1]]).astype(np.int64),
        )

    def document_frequency(self, vocab_size: int) -> np.ndarray:
        """For every token id, the number of rows that hold it."""
        if not len(self.ids):
            return np.zeros(vocab_size, np.int64)
        row_of = np.repeat(np.arange(len(self), dtype=np.int64), np.diff(self.offsets))
        pairs = np.unique(row_of * vocab_size + self.ids.astype(np.int64))
        return np.bincount(pairs % vocab_size, minlength=vocab_size)

    def check(self, vocab_size: int) -> str | None:
        """What is wrong with the arrays, or None."""
        o = self.offsets
        if self.ids.ndim != 1 or o.ndim != 1 or len(o) < 1 or o[0] != 0 or o[-1] != len(self.ids):
            return f"offsets do not match the token array (ids {self.ids.shape}, offsets {o.shape})"
        if np.any(np.diff(o) < 0):
            return "offsets are not increasing"
        if len(self.ids) and (self.ids.min() < 0 or self.ids.max() >= vocab_size):
            return f"token ids outside the vocabulary of {vocab_size}"
        return None


def compact(vocab: list[str], tables: list[TokenTable]) -> tuple[list[str], list[TokenTable]]:
    """Keep only the tokens the tables use, in sorted order, so the same
    texts give the same arrays however the index was put together."""
    used = np.unique(np.concatenate([t.ids for t in tables])) if tables else np.zeros(0, np.int32)
    order = sorted(used.tolist(), key=lambda i: vocab[i])
    remap = np.zeros(max(len(vocab), 1), dtype=np.int32)
    remap[np.asarray(order, dtype=np.int64)] = np.arange(len(order), dtype=np.int32)
    return [vocab[i] for i in order], [TokenTable(remap[t.ids].astype(np.int32), t.offsets) for t in tables]
