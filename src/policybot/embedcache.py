"""A content-addressed cache of passage vectors, so a text is never embedded
twice by the same model: not across rebuilds, not when a document is
replaced, not when an interrupted ingest is run again.

The key of a vector is a hash of the model id and the exact text. Vectors
are kept in shards of two files each: ``<name>.npy`` (float32 rows) and
``<name>.json`` (the keys, in row order); no pickle. A shard is written
under a temporary name and renamed, so a crash leaves whole shards only; a
shard that does not read back is ignored (it is a cache).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import numpy as np

MAX_SHARDS = 16  # merged into one when there are more


def text_key(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode("utf-8")).hexdigest()[:32]


class EmbeddingCache:
    """Passage vectors of one model under ``folder/<model>/``."""

    def __init__(self, folder: Path, model: str):
        self.model = model
        self.folder = Path(folder) / (re.sub(r"[^A-Za-z0-9._-]+", "_", model)[:80] or "model")
        self._rows: dict[str, np.ndarray] = {}
        self._new: dict[str, np.ndarray] = {}
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        if not self.folder.is_dir():
            return
        for keys_file in sorted(self.folder.glob("shard-*.json")):
            try:
                keys = json.loads(keys_file.read_text("utf-8"))
                vecs = np.load(keys_file.with_suffix(".npy"), allow_pickle=False)
            except (OSError, ValueError):
                continue
            if not isinstance(keys, list) or vecs.ndim != 2 or len(keys) != len(vecs):
                continue
            for k, v in zip(keys, vecs):
                self._rows[str(k)] = v

    def __len__(self) -> int:
        self._load()
        return len(self._rows) + len(self._new)

    def get(self, texts: list[str]) -> list[np.ndarray | None]:
        self._load()
        out = []
        for t in texts:
            k = text_key(self.model, t)
            out.append(self._new.get(k, self._rows.get(k)))
        return out

    def put(self, texts: list[str], vectors: np.ndarray) -> None:
        self._load()
        for t, v in zip(texts, np.asarray(vectors, dtype=np.float32)):
            self._new[text_key(self.model, t)] = v

    def flush(self) -> None:
        """Write the vectors added since the last flush as one shard."""
        if not self._new:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        shards = sorted(self.folder.glob("shard-*.json"))
        if len(shards) >= MAX_SHARDS:  # compact: everything into one shard
            self._rows.update(self._new)
            self._new = dict(self._rows)
            self._rows = {}
        keys = sorted(self._new)
        name = "shard-" + hashlib.sha256("".join(keys).encode()).hexdigest()[:16]
        mat = np.vstack([self._new[k] for k in keys]).astype(np.float32)
        tmp_npy, tmp_json = self.folder / f".{name}.npy.tmp", self.folder / f".{name}.json.tmp"
        with open(tmp_npy, "wb") as fh:
            np.save(fh, mat, allow_pickle=False)
        tmp_json.write_text(json.dumps(keys), encoding="utf-8")
        os.replace(tmp_npy, self.folder / f"{name}.npy")
        os.replace(tmp_json, self.folder / f"{name}.json")  # the keys last: the shard is whole
        if len(shards) >= MAX_SHARDS:
            for old in shards:
                if old.stem != name:
                    old.unlink(missing_ok=True)
                    old.with_suffix(".npy").unlink(missing_ok=True)
        self._rows.update(self._new)
        self._new = {}
