"""The persistent embedding cache: a second run encodes nothing and gets the same vectors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from bag_encoder import BagEncoder

import translate_eval.embed as embed
from translate_eval.embed import CachedEncoder, EmbeddingStore, cached_encoder
from translate_eval.embed.store import EMBED_CACHE_NAME, open_embedding_store
from translate_eval.errors import CacheError
from translate_eval.pipeline import compare

SEED = Path(__file__).resolve().parent.parent / "corpus" / "jisr-al-shughour"


class Counting(BagEncoder):
    """A bag-of-words encoder that counts the texts it encodes."""

    def __init__(self, signature: str = "bag-store") -> None:
        super().__init__(32, signature)
        self.texts = 0

    def encode(self, sentences: list[str]) -> np.ndarray:
        self.texts += len(sentences)
        return super().encode(sentences)


def test_a_second_encoder_on_the_same_file_encodes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "embed.sqlite"
    texts = ["a b.", "c d.", "a b.", "e f g."]
    first_inner = Counting()
    first = CachedEncoder(first_inner, store=EmbeddingStore(path)).encode(texts)
    assert first_inner.texts == 3
    second_inner = Counting()
    second = CachedEncoder(second_inner, store=EmbeddingStore(path))
    np.testing.assert_array_equal(second.encode(texts), first)
    assert second_inner.texts == 0 and second.encoded == 0
    other = Counting("bag-other")  # another signature shares nothing
    CachedEncoder(other, store=EmbeddingStore(path)).encode(texts)
    assert other.texts == 3


def test_encoder_objects_are_not_persisted_unless_given_a_store(tmp_path: Path) -> None:
    assert cached_encoder(Counting(), tmp_path / "mt.sqlite").store is None
    store = EmbeddingStore(tmp_path / "e.sqlite")
    assert cached_encoder(Counting(), store).store is store
    assert cached_encoder("none", True) is None
    assert open_embedding_store(False) is None
    named = open_embedding_store(tmp_path / "mt.sqlite")
    assert named is not None and named.path == tmp_path / EMBED_CACHE_NAME


def test_a_file_of_another_layout_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "embed.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (title TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(CacheError, match="not an embedding cache") as error:
        EmbeddingStore(path)
    assert "\n" not in str(error.value)


def test_compare_reuses_the_vectors_of_an_earlier_run(tmp_path: Path, monkeypatch) -> None:
    made: list[Counting] = []

    def fake_usem(*args: object, **kwargs: object) -> Counting:
        made.append(Counting("usem3-fake"))
        return made[-1]

    monkeypatch.setattr(embed, "UsemEncoder", fake_usem)
    cache = tmp_path / "mt.sqlite"
    first = compare(SEED, mt="none", encoder="usem3", cache=cache)
    second = compare(SEED, mt="none", encoder="usem3", cache=cache)
    assert made[0].texts > 0 and made[1].texts == 0
    assert (tmp_path / EMBED_CACHE_NAME).is_file()
    np.testing.assert_array_equal(first.links["similarity"], second.links["similarity"])
    compare(SEED, mt="none", encoder="usem3", cache=False)
    assert made[2].texts == made[0].texts  # --no-cache: everything encoded again


def test_corpus_workers_share_the_embedding_cache(tmp_path: Path, monkeypatch) -> None:
    from translate_eval.scale.runner import CorpusSettings, PairWorker

    made: list[Counting] = []
    monkeypatch.setattr(embed, "UsemEncoder", lambda *a, **k: made.append(Counting()) or made[-1])
    settings = CorpusSettings(mt=("none",), encoder="usem3", cache=str(tmp_path / "mt.sqlite"))
    record = {"pair_id": "seed", "kind": "folder", "location": str(SEED), "offset": 0, "error": ""}
    for _ in range(2):
        worker = PairWorker(settings)
        assert worker.process(record).status == "ok"
        worker.close()
    assert made[0].texts > 0 and made[1].texts == 0
    assert (tmp_path / EMBED_CACHE_NAME).is_file()
