"""What users said about the answers: a small SQLite store.

One row per rating (👍, 👎, 引用有误) with the question, the conversation
before it, the answer text, its citations as JSON, an optional comment and
the index version that produced the answer. The database is a file in the
state folder, in WAL mode; every operation opens and closes its own
connection, so several threads (and a restart) never lose a row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import threading
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import PolicybotError

RATINGS = {"up": "👍 有帮助", "down": "👎 没帮助", "wrong_citation": "引用有误", "wrong_measure": "措施有误"}
MAX_COMMENT_CHARS = 2000
MAX_TEXT_CHARS = 20000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    question TEXT NOT NULL,
    history TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    rating TEXT NOT NULL,
    comment TEXT NOT NULL,
    index_version TEXT NOT NULL
)
"""
_COLUMNS = ("id", "created", "question", "history", "answer", "citations", "rating", "comment", "index_version")
CSV_HEADER = ("id", "时间", "评价", "问题", "之前的问题", "回答", "引用", "评论", "索引版本")


class FeedbackError(PolicybotError):
    """A rating that cannot be stored as given."""


@dataclass(frozen=True)
class Feedback:
    id: int
    created: str  # ISO 8601, UTC
    question: str
    history: tuple[str, ...]
    answer: str
    citations: tuple[dict[str, Any], ...]
    rating: str  # a key of RATINGS
    comment: str
    index_version: str

    @property
    def rating_label(self) -> str:
        return RATINGS.get(self.rating, self.rating)

    def citations_line(self) -> str:
        """The citations as one line a person can read: [1] 标题 › 路径."""
        parts = []
        for c in self.citations:
            title = (c.get("document") or {}).get("title", "")
            parts.append(f"[{c.get('n', '?')}] {title} › {' › '.join(c.get('path', []))}")
        return "；".join(parts)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit]


def _csv_cell(value: str) -> str:
    # A cell that starts like a formula would run in a spreadsheet.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class FeedbackStore:
    """The feedback table in one SQLite file. Nothing touches the disk until
    the first read or write."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._ready = False
        self._setup = threading.Lock()  # the first connections of several threads set the file up once

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(self.path, timeout=10)
        except (OSError, sqlite3.Error) as e:
            raise PolicybotError(
                f"{self.path}: the feedback database cannot be opened ({e}). "
                "Check that POLICYBOT_STATE_DIR points to a folder you may write to."
            ) from e
        if not self._ready:
            # switching to WAL takes the file for itself and does not wait for
            # a busy one: only one thread does it, the others wait for it here
            with self._setup:
                if not self._ready:
                    con.execute("PRAGMA journal_mode=WAL")
                    con.execute(_SCHEMA)
                    con.commit()
                    self._ready = True
        return con

    def add(
        self,
        *,
        question: str,
        history: Sequence[str],
        answer: str,
        citations: Sequence[dict[str, Any]],
        rating: str,
        comment: str = "",
        index_version: str = "",
        now: dt.datetime | None = None,
    ) -> Feedback:
        if rating not in RATINGS:
            raise FeedbackError(f"unknown rating {rating!r}; use one of: {', '.join(RATINGS)}.")
        if len(comment) > MAX_COMMENT_CHARS:
            raise FeedbackError(f"评论太长（{len(comment)} 字），请缩短到 {MAX_COMMENT_CHARS} 字以内。")
        created = (now or dt.datetime.now(dt.timezone.utc)).isoformat(timespec="seconds")
        row = (
            created,
            _clip(question, MAX_TEXT_CHARS),
            json.dumps(list(history), ensure_ascii=False),
            _clip(answer, MAX_TEXT_CHARS),
            json.dumps(list(citations), ensure_ascii=False),
            rating,
            comment.strip(),
            index_version,
        )
        with closing(self._connect()) as con, con:
            cur = con.execute(
                "INSERT INTO feedback (created, question, history, answer, citations, rating, comment, index_version)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            new_id = cur.lastrowid
        return self._from_row((new_id, *row))

    def list(self, *, rating: str = "", text: str = "", limit: int = 1000) -> list[Feedback]:
        """Newest first; ``rating`` keeps one kind, ``text`` keeps rows whose
        question, answer or comment contains it."""
        where, args = [], []
        if rating:
            if rating not in RATINGS:
                raise FeedbackError(f"unknown rating {rating!r}; use one of: {', '.join(RATINGS)}.")
            where.append("rating = ?")
            args.append(rating)
        if text.strip():
            needle = "%" + text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(question LIKE ? ESCAPE '\\' OR answer LIKE ? ESCAPE '\\' OR comment LIKE ? ESCAPE '\\')")
            args += [needle, needle, needle]
        sql = f"SELECT {', '.join(_COLUMNS)} FROM feedback"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC LIMIT ?"
        with closing(self._connect()) as con:
            rows = con.execute(sql, (*args, int(limit))).fetchall()
        return [self._from_row(r) for r in rows]

    @staticmethod
    def _from_row(r: Sequence[Any]) -> Feedback:
        return Feedback(
            id=int(r[0]),
            created=r[1],
            question=r[2],
            history=tuple(json.loads(r[3])),
            answer=r[4],
            citations=tuple(json.loads(r[5])),
            rating=r[6],
            comment=r[7],
            index_version=r[8],
        )


def to_csv(rows: Sequence[Feedback]) -> str:
    """The rows as CSV text (a spreadsheet opens it; formulas are defused)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_HEADER)
    for f in rows:
        cells = (
            str(f.id),
            f.created,
            f.rating_label,
            f.question,
            " / ".join(f.history),
            f.answer,
            f.citations_line(),
            f.comment,
            f.index_version,
        )
        w.writerow([_csv_cell(c) for c in cells])
    return buf.getvalue()


def write_csv(rows: Sequence[Feedback], folder: Path, *, now: dt.datetime | None = None, keep_hours: float = 1.0) -> Path:
    """Write the CSV (UTF-8 with BOM, so spreadsheet programs read Chinese) and
    return its path. Earlier exports older than ``keep_hours`` are removed."""
    folder.mkdir(parents=True, exist_ok=True)
    now = now or dt.datetime.now()
    cutoff = now.timestamp() - keep_hours * 3600
    for old in folder.glob("policybot-feedback-*.csv"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass  # another export is cleaning up too
    stamp = now.strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"policybot-feedback-{stamp}.csv"
    path.write_text(to_csv(rows), encoding="utf-8-sig")
    return path
