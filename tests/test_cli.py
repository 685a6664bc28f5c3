"""The command line, run in-process: ingest (good and bad files), search,
show, ask. Indexes built here use the ``hash`` embeddings
(POLICYBOT_EMBEDDING=hash) and live in temporary folders; ``ask`` on the
shipped index uses the real model."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from policybot.cli import main

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
TODAY = "2026-11-22"
ZIBO = "zibo-2023-advanced-manufacturing-plan"

ENV = {"POLICYBOT_EMBEDDING": "hash", "POLICYBOT_TODAY": TODAY}
UNSET = ("POLICYBOT_INDEX", "POLICYBOT_CORPUS", "POLICYBOT_TOKENIZER")


def _environment(m: pytest.MonkeyPatch, state: Path, **env: str) -> None:
    for name in UNSET:
        m.delenv(name, raising=False)
    m.setenv("POLICYBOT_STATE_DIR", str(state))  # never the repository's var/
    for name, value in env.items():
        m.setenv(name, value)


@pytest.fixture
def hash_env(monkeypatch, tmp_path):
    _environment(monkeypatch, tmp_path / "state", **ENV)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_quietly(*argv) -> tuple[int, str, str]:
    """For module fixtures, where capsys is not available."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


# --- ingest: a batch of good and bad files

BAD_FILES = {
    # file name -> words its error must carry (what is wrong, what to do)
    "scanned-no-text-layer.pdf": ["no text layer", "OCR"],
    "encrypted-password-secret.pdf": ["password", "--password"],
    "empty.txt": ["empty"],
    "gbk-notice.txt": ["GBK", "--encoding gb18030"],
    "truncated.pdf": ["damaged or incomplete"],
}
GOOD_FILE = "jinan-opinions.txt"


def make_batch(folder: Path, fixtures: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(fixtures / "scanned-no-text-layer.pdf", folder)
    shutil.copy(fixtures / "encrypted-password-secret.pdf", folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "gbk-notice.txt").write_bytes("关于加快建设工业强市的实施意见\n一、总体要求\n".encode("gbk"))
    (folder / "truncated.pdf").write_bytes((fixtures / "zibo-2023-implementation-plan.pdf").read_bytes()[:5000])
    shutil.copy(CORPUS / "jinan-2020-industrial-city-opinions.txt", folder / GOOD_FILE)
    return sorted(folder.iterdir())


@pytest.fixture(scope="module")
def batch(tmp_path_factory, fixtures):
    """One `policybot ingest --index IDX FILES...` over five bad files and a good one."""
    base = tmp_path_factory.mktemp("batch")
    files = make_batch(base / "files", fixtures)
    with pytest.MonkeyPatch.context() as m:
        _environment(m, base / "state", **ENV)
        code, out, err = run_quietly("ingest", "--index", base / "idx", *files)
    return {"code": code, "out": out, "err": err, "index": base / "idx", "files": base / "files"}


def test_a_batch_with_bad_files_exits_non_zero_with_one_error_per_bad_file(batch):
    assert batch["code"] != 0
    assert len(error_lines(batch["err"])) == len(BAD_FILES)
    assert "Traceback" not in batch["err"]
    assert "indexed 1 document(s)" in batch["err"]
    assert "5 file(s) failed" in batch["err"]


@pytest.mark.parametrize("name, words", BAD_FILES.items(), ids=list(BAD_FILES))
def test_each_bad_file_is_named_with_what_to_do(batch, name, words):
    lines = [line for line in error_lines(batch["err"]) if name in line]
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {batch['files'] / name}: ")
    for word in words:
        assert word in lines[0]


def test_the_good_file_of_the_batch_is_searchable(batch, hash_env, capsys):
    assert not [line for line in error_lines(batch["err"]) if GOOD_FILE in line]

    code, out, _ = run(
        capsys, "search", "整车间智能化改造奖补", "--index", batch["index"], "--json", "--k", "3", "--mode", "bm25"
    )

    assert code == 0
    hits = json.loads(out)
    assert len(hits) == 3
    assert {h["doc_id"] for h in hits} == {"jinan-opinions"}  # the id comes from the file name
    assert ["四、政策措施", "7. 加大投资支持力度"] in [h["path"] for h in hits]


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def test_a_batch_where_every_file_fails_leaves_the_index_untouched(batch, hash_env, capsys, tmp_path):
    index = tmp_path / "idx"
    shutil.copytree(batch["index"], index)
    before = _snapshot(index)
    bad = [batch["files"] / name for name in BAD_FILES]

    code, _, err = run(capsys, "ingest", "--index", index, *bad)

    assert code != 0
    assert len(error_lines(err)) == len(BAD_FILES)
    assert "left as it was" in err
    assert _snapshot(index) == before


def test_a_missing_file_is_reported_by_name(batch, hash_env, capsys, tmp_path):
    index = tmp_path / "idx"
    shutil.copytree(batch["index"], index)
    code, _, err = run(capsys, "ingest", "--index", index, tmp_path / "no-such-plan.pdf")
    assert code != 0
    assert error_lines(err) == [f"error: {tmp_path / 'no-such-plan.pdf'}: no such file. Check the path."]


def test_ask_works_on_an_index_built_from_files(batch, hash_env, capsys):
    code, out, err = run(capsys, "ask", "--index", batch["index"], "济南对整车间智能化改造最高补多少？")
    assert (code, err) == (0, "")
    assert out


# --- search and show on an index of the corpus


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    """`policybot ingest --corpus corpus/ --index IDX`, with the hash embeddings."""
    base = tmp_path_factory.mktemp("corpus-index")
    with pytest.MonkeyPatch.context() as m:
        _environment(m, base / "state", **ENV)
        code, _, err = run_quietly("ingest", "--corpus", CORPUS, "--index", base / "idx")
    assert code == 0, err
    assert "indexed 5 document(s)" in err
    return base / "idx"


def test_search_json_is_utf8_json_with_chinese_unescaped(corpus_index, hash_env, capsys):
    code, out, err = run(capsys, "search", "专精特新企业培育", "--index", corpus_index, "--json", "--k", "5")

    assert (code, err) == (0, "")
    assert "\\u" not in out
    assert out.endswith("\n") and out.count("\n") == 1
    hits = json.loads(out)
    assert [h["rank"] for h in hits] == [1, 2, 3, 4, 5]
    for h in hits:
        assert {"rank", "score", "clause_id", "label", "path", "doc_id", "text"} <= h.keys()
        assert isinstance(h["score"], float) and isinstance(h["path"], list)
    assert "专精特新" in out


def test_search_json_with_a_region(corpus_index, hash_env, capsys):
    code, out, _ = run(capsys, "search", "专精特新企业培育", "--index", corpus_index, "--json", "--region", "淄博市")
    assert code == 0
    assert {h["doc_id"] for h in json.loads(out)} == {ZIBO}


def test_search_text_output_and_no_hits(corpus_index, hash_env, capsys):
    code, out, _ = run(capsys, "search", "智能化改造", "--index", corpus_index, "--k", "2")
    assert code == 0
    assert out.splitlines()[0].startswith(" 1. ")
    assert " › " in out.splitlines()[1]

    code, out, _ = run(capsys, "search", "智能化改造", "--index", corpus_index, "--region", "青岛市")
    assert (code, out) == (0, "没有找到相关条款。\n")


def test_show_prints_the_clause_verbatim_with_its_document(corpus_index, hash_env, capsys, parsed_corpus):
    clause = next(c for c in parsed_corpus[ZIBO].clauses if c.label == "二、（二）6.")

    code, out, err = run(capsys, "show", clause.clause_id, "--index", corpus_index)

    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "《先进制造业强市实施方案（2023—2025年）》"
    assert "发文：淄博市人民政府" in lines[1]
    assert "文号：淄政字〔2023〕7号" in lines[1]
    assert "日期：2023-02-06" in lines[1]
    assert "地区：淄博市" in lines[1]
    assert f"条款：{clause.path_str}（二、（二）6.）" in out
    assert "牵头单位：市工业和信息化局" in out
    assert out.endswith(clause.text + "\n")  # verbatim, the last thing printed


def test_show_json(corpus_index, hash_env, capsys, parsed_corpus):
    clause = next(c for c in parsed_corpus[ZIBO].clauses if c.label == "二、（二）6.")
    code, out, _ = run(capsys, "show", clause.clause_id, "--index", corpus_index, "--json")
    shown = json.loads(out)
    assert code == 0
    assert shown["clause"] == clause.to_json()
    assert shown["document"]["number"] == "淄政字〔2023〕7号"
    assert shown["validity"]["status"]


def test_show_an_unknown_clause_says_how_to_find_one(corpus_index, hash_env, capsys):
    code, out, err = run(capsys, "show", "no-such-clause", "--index", corpus_index)
    assert code != 0 and out == ""
    assert error_lines(err) == [f"error: no clause 'no-such-clause' in {corpus_index}; find ids with `policybot search`."]


# --- ask


@pytest.mark.parametrize("question, words", [("", "needs a QUESTION"), ("   ", "问题是空的")], ids=["empty", "blank"])
def test_an_empty_question_is_a_clear_error(corpus_index, hash_env, capsys, question, words):
    code, out, err = run(capsys, "ask", "--index", corpus_index, question)
    assert code != 0
    assert out == ""
    assert len(error_lines(err)) == 1 and words in err
    assert "Traceback" not in err


@pytest.fixture
def real_env(monkeypatch, tmp_path):
    """The default index and the default (real) model."""
    _environment(monkeypatch, tmp_path / "state", POLICYBOT_TODAY=TODAY)
    monkeypatch.delenv("POLICYBOT_EMBEDDING", raising=False)


DOCUMENT_KEYS = {"id", "title", "number", "issuer", "date", "region", "valid_until", "source"}
CITATION_KEYS = {"n", "clause_id", "label", "path", "text", "quote", "page", "score", "document"}


def test_ask_json_on_the_shipped_index(real_env, capsys):
    code, out, err = run(capsys, "ask", "--json", "济南对整车间智能化改造最高补多少？")

    assert (code, err) == (0, "")
    assert "\\u" not in out
    answer = json.loads(out)
    assert {"question", "answer", "refused", "citations"} <= answer.keys()
    assert answer["question"] == "济南对整车间智能化改造最高补多少？"
    assert answer["refused"] is False
    assert answer["citations"]
    for n, c in enumerate(answer["citations"], start=1):
        assert CITATION_KEYS <= c.keys()
        assert DOCUMENT_KEYS <= c["document"].keys()
        assert c["n"] == n
        assert c["quote"] and c["quote"] in c["text"]
    first = answer["citations"][0]
    assert first["document"]["id"] == "jinan-2020-industrial-city-opinions"
    assert first["path"] == ["四、政策措施", "7. 加大投资支持力度"]
    assert "2000 万元" in first["quote"]


def test_ask_batch_prints_one_json_object_per_line_in_order(real_env, capsys, tmp_path):
    items = [
        {"question": "济南对整车间智能化改造最高补多少？"},
        {"question": "那淄博呢？", "history": ["济南对整车间智能化改造最高补多少？"]},
        {"question": ""},
        {"question": "济宁新能源产业集群由哪个部门牵头？"},
    ]
    batch = tmp_path / "questions.jsonl"
    batch.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items[:2]) + "\n\n"
                     + "\n".join(json.dumps(i, ensure_ascii=False) for i in items[2:]) + "\nnot json\n", "utf-8")

    code, out, err = run(capsys, "ask", "--batch", batch)

    assert code == 1  # two lines failed; the others were still answered
    assert error_lines(err) == ['error: 2 line(s) of the batch failed (see their "error"); the others were answered.']
    lines = out.splitlines()
    answers = [json.loads(line) for line in lines]
    assert len(answers) == len(items) + 1
    assert [a.get("question") for a in answers[:4]] == [i["question"] for i in items]
    assert "淄博" in answers[1]["standalone_question"]
    assert "问题是空的" in answers[2]["error"]
    assert answers[3]["citations"] and "市能源局" in answers[3]["answer"]
    assert answers[4]["error"].startswith("line 6: not JSON")


# --- bad input: one line saying what is wrong and what to do, nothing of a batch lost


def one_error(code: int, out: str, err: str) -> str:
    assert code != 0
    assert "Traceback" not in err
    lines = error_lines(err)
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("command", ["ask", "search"])
def test_bytes_that_are_not_utf8_in_a_question_are_one_line(corpus_index, hash_env, capsys, command):
    question = b"\xff\xfeabc".decode("utf-8", "surrogateescape")  # what Python makes of such argv bytes
    line = one_error(*run(capsys, command, "--index", corpus_index, question))
    assert "UTF-8" in line


def test_a_question_of_zero_width_characters_is_empty(corpus_index, hash_env, capsys):
    line = one_error(*run(capsys, "ask", "--index", corpus_index, "\u200b\u200c\ufeff"))
    assert "问题是空的" in line


def test_a_missing_batch_file_is_one_line(corpus_index, hash_env, capsys, tmp_path):
    line = one_error(*run(capsys, "ask", "--index", corpus_index, "--batch", tmp_path / "nope.jsonl"))
    assert "no such batch file" in line and "--batch" in line


def test_a_batch_with_bad_lines_answers_the_others_and_exits_non_zero(corpus_index, hash_env, capsys, tmp_path):
    good = json.dumps({"question": "淄博对专精特新企业有什么培育目标？"}, ensure_ascii=False).encode()
    lines = [
        good,
        b'{"question": "\\ud800"}',  # a lone surrogate, escaped in the JSON
        "一、总体要求".encode("gbk"),  # not UTF-8
        b'{"question": 12345}',
        b'{"question": "\xe9\x82\xa3\xe5\x91\xa2", "history": "abc"}',
        good,
    ]
    batch = tmp_path / "b.jsonl"
    batch.write_bytes(b"\n".join(lines) + b"\n")

    code, out, err = run(capsys, "ask", "--index", corpus_index, "--batch", batch)

    assert code == 1 and "Traceback" not in err
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 6
    assert "error" not in rows[0] and "error" not in rows[5]
    assert "UTF-8" in rows[1]["error"] and rows[1]["line"] == 2
    assert "not UTF-8" in rows[2]["error"] and rows[2]["line"] == 3
    assert "必须是文字" in rows[3]["error"]
    assert "history" in rows[4]["error"] and "列表" in rows[4]["error"]
    assert error_lines(err) == ['error: 4 line(s) of the batch failed (see their "error"); the others were answered.']


def test_ingest_refuses_a_file_over_the_size_limit_and_names_the_flag(hash_env, capsys, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes((CORPUS / "jinan-2020-industrial-city-opinions.txt").read_bytes() * 60)  # about 1.3 MB
    code, out, err = run(capsys, "ingest", "--index", tmp_path / "idx", "--max-mb", "1", big)
    assert code != 0
    assert any("file too large" in line and "--max-mb" in line for line in error_lines(err))
    assert not (tmp_path / "idx" / "CURRENT").exists()


def test_ingest_stops_at_its_time_limit_and_leaves_the_index(hash_env, capsys, tmp_path, monkeypatch):
    import policybot.ingest as ingest_mod

    ticks = iter(range(0, 10_000, 100))  # each look at the clock is 100 s later
    # the ingest's own clock, not time.monotonic, which other threads (a test server) read too
    monkeypatch.setattr(ingest_mod._Clock, "now", staticmethod(lambda: float(next(ticks))))
    line = one_error(*run(capsys, "ingest", "--index", tmp_path / "idx", "--max-seconds", "150",
                          CORPUS / "jinan-2020-industrial-city-opinions.txt", CORPUS / "zibo-2023-advanced-manufacturing-plan.txt"))
    assert "time limit" in line and "--max-seconds" in line
    assert not (tmp_path / "idx" / "CURRENT").exists()


@pytest.mark.parametrize(
    ("argv", "words"),
    [(["eval", "--tokenizer", "foo"], "unknown tokenizer"), (["eval", "--set", "{bad}"], "not a valid eval item"),
     (["eval", "--set", "{missing}"], "no such eval set"), (["eval", "--baseline", "{empty}"], "not a baseline summary"),
     (["eval", "--baseline", "{missing}"], "no such baseline")],
    ids=["tokenizer", "bad-set", "missing-set", "empty-baseline", "missing-baseline"],
)
def test_eval_bad_arguments_are_one_line(corpus_index, hash_env, capsys, tmp_path, argv, words):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"x": 1}\n', "utf-8")
    (tmp_path / "empty.json").write_text("", "utf-8")
    argv = [a.format(bad=bad, missing=tmp_path / "missing.jsonl", empty=tmp_path / "empty.json") for a in argv]
    line = one_error(*run(capsys, *argv, "--index", corpus_index))
    assert words in line


# --- match: the eligibility check


def test_match_prints_the_amount_with_its_working(corpus_index, hash_env, capsys, tmp_path):
    profile = tmp_path / "p.json"
    profile.write_text('{"region": "济南市", "projects": [{"kind": "整车间智能化改造", "investment": "3000万元"}]}', encoding="utf-8")
    code, out, err = run(capsys, "match", "--index", corpus_index, "--profile", profile)
    assert (code, err) == (0, "")
    assert "计算：设备投资（含软件）3000万元 × 15% = 450万元，未超过单个企业2000万元上限" in out
    code, out, _ = run(capsys, "match", "--index", corpus_index, "--profile", profile, "--json")
    first = json.loads(out)[0]
    assert (first["status"], first["amount"]) == ("适用", "450万元")


def test_match_with_a_bad_profile_is_one_line(corpus_index, hash_env, capsys, tmp_path):
    profile = tmp_path / "p.json"
    profile.write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, "match", "--index", corpus_index, "--profile", profile)
    assert code == 2 and "profile" in err and "Traceback" not in err



def test_eval_reads_the_default_baseline_when_none_is_given(monkeypatch, tmp_path):
    from policybot import evaluate, settings

    assert evaluate.read_baseline(None) == json.loads((settings.ROOT / "eval" / "baseline.json").read_text("utf-8"))
    monkeypatch.setattr(settings, "ROOT", tmp_path)  # no eval/baseline.json there: nothing to compare with
    assert evaluate.read_baseline(None) is None
