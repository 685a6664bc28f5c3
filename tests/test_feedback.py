"""The feedback store: rows survive reopening the file, filters, CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
import threading

import pytest

from policybot.web.feedback import CSV_HEADER, FeedbackError, FeedbackStore, to_csv, write_csv

CITATIONS = [
    {
        "n": 1,
        "clause_id": "jinan:0001",
        "label": "二、（三）",
        "path": ["二、重点任务", "（三）实施智能化改造"],
        "quote": "按设备投资额的15%给予补助",
        "document": {"title": "济南市推进新型工业化三年行动计划"},
    }
]


def add(store: FeedbackStore, **kw):
    row = dict(
        question="整个车间改造能补多少？",
        history=["我们在济南"],
        answer="按设备投资额的15%给予补助[1]。",
        citations=CITATIONS,
        rating="up",
        comment="",
        index_version="v-1",
    )
    row.update(kw)
    return store.add(**row)


@pytest.fixture
def store(tmp_path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "state" / "feedback.sqlite3")


def test_nothing_touches_disk_until_used(tmp_path):
    FeedbackStore(tmp_path / "state" / "feedback.sqlite3")
    assert not (tmp_path / "state").exists()


def test_a_row_reads_back_after_reopening_the_file(store, tmp_path):
    when = dt.datetime(2025, 3, 1, 8, 30, tzinfo=dt.timezone.utc)
    written = add(store, rating="wrong_citation", comment="引用的是别的条款", now=when)
    reopened = FeedbackStore(store.path).list()
    assert reopened == [written]
    f = reopened[0]
    assert (f.created, f.question, f.history, f.rating, f.comment, f.index_version) == (
        "2025-03-01T08:30:00+00:00",
        "整个车间改造能补多少？",
        ("我们在济南",),
        "wrong_citation",
        "引用的是别的条款",
        "v-1",
    )
    assert f.citations[0]["quote"] == "按设备投资额的15%给予补助"
    assert f.citations_line() == "[1] 济南市推进新型工业化三年行动计划 › 二、重点任务 › （三）实施智能化改造"


def test_the_database_is_in_wal_mode(store):
    add(store)
    with sqlite3.connect(store.path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_filters_by_rating_and_text_newest_first(store):
    add(store, rating="up", question="淄博专精特新目标")
    add(store, rating="down", question="济宁新能源集群", comment="太笼统")
    add(store, rating="down", question="市中区计划有效吗")
    assert [f.question for f in store.list(rating="down")] == ["市中区计划有效吗", "济宁新能源集群"]
    assert [f.question for f in store.list(text="笼统")] == ["济宁新能源集群"]
    assert [f.question for f in store.list(rating="up", text="济宁")] == []
    assert len(store.list()) == 3


def test_text_filter_treats_wildcards_literally(store):
    add(store, comment="100%_正确")
    add(store, comment="完全正确")
    assert [f.comment for f in store.list(text="%_")] == ["100%_正确"]


@pytest.mark.parametrize("bad", ["love", "", "UP"])
def test_unknown_rating_is_refused(store, bad):
    with pytest.raises(FeedbackError, match="rating"):
        add(store, rating=bad)


def test_overlong_comment_is_refused_with_the_limit(store):
    with pytest.raises(FeedbackError, match="2000"):
        add(store, comment="很" * 2001)


def test_concurrent_writes_are_all_kept(store):
    start = threading.Barrier(4)

    def worker(i: int) -> None:
        start.wait()  # the first writes of all threads at once: the file is set up by one of them
        for j in range(10):
            add(store, question=f"q{i}-{j}")

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(store.list()) == 40


def test_csv_export_has_a_header_every_row_and_defused_formulas(store, tmp_path):
    add(store, comment="=HYPERLINK(\"http://evil\")", rating="down")
    add(store, comment="好", rating="up")
    text = to_csv(store.list())
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(CSV_HEADER)
    assert len(rows) == 3
    assert rows[2][7] == "'=HYPERLINK(\"http://evil\")"  # oldest last; a formula becomes text
    assert rows[1][2] == "👍 有帮助"

    path = write_csv(store.list(), tmp_path / "exports")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 Chinese with a BOM
    assert "整个车间改造能补多少" in raw.decode("utf-8-sig")
