"""Near-duplicate detection: shingles, signatures, banding, verification and the keep rule."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dechaff import ConfigError, Document, InputError
from dechaff.dedup import (
    DedupConfig,
    DedupIndex,
    Deduplicator,
    Permutations,
    as_set,
    band_keys,
    choose_banding,
    deduplicate,
    jaccard,
    keep_rule,
    shingle_batch,
    shingle_hashes,
    sign,
    sign_one,
    signature_hashes,
)
from dechaff.dedup.table import KeyTable

WORDS = (
    "harbour", "council", "plans", "approved", "river", "bridge", "town", "market", "school",
    "water", "night", "street", "museum", "winter", "summer", "station", "train", "north",
    "south", "east", "west",
)
words = st.lists(st.sampled_from(WORDS), min_size=0, max_size=60).map(" ".join)
texts = st.one_of(words, st.text(max_size=200))


def article(seed: int, length: int = 120) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(1000)) for _ in range(length))


# --- shingles ---------------------------------------------------------------------------------


def test_case_whitespace_and_punctuation_do_not_matter() -> None:
    first = shingle_hashes("The council, at last, approved the harbour plans.")
    second = shingle_hashes("THE COUNCIL -- at last --\n approved   the harbour plans")
    assert first.tolist() == second.tolist()
    assert first.size == 4


def test_a_short_text_is_one_shingle_and_no_word_is_none() -> None:
    assert shingle_hashes("two words").size == 1
    assert shingle_hashes("two words").tolist() != shingle_hashes("two words more").tolist()
    assert shingle_hashes("... -- !!").size == 0
    assert shingle_hashes("").size == 0


def test_text_without_spaces_is_shingled_by_characters() -> None:
    # Seven Han characters: three character 5-grams.
    assert shingle_hashes("北京大学的学生").size == 3
    assert shingle_hashes("ภาษาไทย").size == len("ภาษาไทย") - 4
    # Words around them stay words.
    assert shingle_hashes("hello 北京 world").size == 1


def test_combining_marks_stay_inside_words() -> None:
    # Devanagari vowel signs are marks: the text is three words, one shingle.
    assert shingle_hashes("नमस्ते दुनिया भारत").size == 1


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, max_size=8))
def test_shingles_of_a_batch_are_those_of_each_text(batch: list[str]) -> None:
    together = shingle_batch(batch)
    for i, text in enumerate(batch):
        alone = shingle_batch([text])
        assert together.of(i).tolist() == alone.of(0).tolist()
        assert together.exact_keys[i] == alone.exact_keys[0]


def test_long_batches_are_cut_into_chunks_without_changing_anything() -> None:
    batch = [article(seed, 4000) for seed in range(12)] + ["北京大学的学生们在这里学习"]
    together = shingle_batch(batch)
    for i, text in enumerate(batch):
        assert together.of(i).tolist() == shingle_batch([text]).of(0).tolist()


def test_exact_keys_tell_token_sequences_apart() -> None:
    batch = shingle_batch(["a b c", "A, b. C!", "a c b", "", "a b c d"])
    keys = batch.exact_keys.tolist()
    assert keys[0] == keys[1]
    assert len({keys[0], keys[2], keys[4]}) == 3
    assert keys[3] == 0


# --- signatures: datasketch compatibility -----------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(texts, st.sampled_from([16, 128]), st.integers(0, 2**16))
def test_signature_equals_datasketch_hashvalues(text: str, num_perm: int, seed: int) -> None:
    datasketch = pytest.importorskip("datasketch")
    minhash = datasketch.MinHash(
        num_perm=num_perm, seed=seed, hashfunc=lambda value: value, scheme="affine32"
    )
    shingles = shingle_batch([text]).of(0)
    minhash.update_batch(signature_hashes(shingles).tolist())
    ours = sign_one(shingles, Permutations.datasketch(num_perm, seed))
    assert ours.dtype == minhash.hashvalues.dtype
    assert ours.tolist() == minhash.hashvalues.tolist()


def test_signing_many_sets_is_signing_each() -> None:
    batch = shingle_batch([article(1), "", article(2, 3), "北京大学的学生们"])
    permutations = Permutations.datasketch(64)
    together = sign(signature_hashes(batch.hashes), batch.offsets, permutations)
    for i in range(len(batch)):
        assert together[i].tolist() == sign_one(batch.of(i), permutations).tolist()


# --- banding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.8, 128), (0.5, 128), (0.9, 64), (1.0, 16)])
def test_a_pair_at_the_threshold_is_a_candidate_with_probability_099(
    threshold: float, num_perm: int
) -> None:
    banding = choose_banding(threshold, num_perm)
    assert banding.bands * banding.rows <= num_perm
    assert banding.probability(threshold) >= 0.99
    assert banding.lsh_threshold() < threshold or threshold == 1.0


def test_default_banding_and_its_reasons() -> None:
    banding = DedupConfig().banding
    assert (banding.bands, banding.rows) == (16, 6)
    assert banding.probability(0.5) < 0.25
    assert banding.probability(0.3) < 0.02


def test_too_few_permutations_say_how_many_are_needed() -> None:
    with pytest.raises(ConfigError, match="use at least"):
        choose_banding(0.3, 2)


def test_band_keys_differ_between_bands_for_equal_values() -> None:
    signatures = np.zeros((1, 128), dtype=np.uint32)
    keys = band_keys(signatures, choose_banding(0.8, 128))
    assert len(set(keys[0].tolist())) == keys.shape[1]


# --- verification and the table ---------------------------------------------------------------


@given(st.sets(st.integers(0, 50)), st.sets(st.integers(0, 50)))
def test_jaccard_is_that_of_the_sets(first: set[int], second: set[int]) -> None:
    expected = len(first & second) / len(first | second) if first and second else 0.0
    a = as_set(np.array(sorted(first), dtype=np.uint64))
    b = as_set(np.array(sorted(second), dtype=np.uint64))
    assert jaccard(a, b) == pytest.approx(expected)


@given(st.lists(st.lists(st.integers(0, 40), max_size=30), max_size=6))
def test_key_table_behaves_like_a_dict_of_lists(batches: list[list[int]]) -> None:
    table = KeyTable(capacity=4)
    model: dict[int, list[int]] = {}
    value = 0
    for batch in batches:
        values = list(range(value, value + len(batch)))
        value += len(batch)
        table.insert(np.array(batch, dtype=np.uint64), np.array(values, dtype=np.int64))
        for key, item in zip(batch, values, strict=True):
            model.setdefault(max(key, 1), []).append(item)
    for key in range(41):
        assert table.values_of(key) == model.get(max(key, 1), [])


# --- the keep rule and the engine -------------------------------------------------------------


def test_no_chaining() -> None:
    # B repeats A, C repeats B but not A: C is kept.
    assert keep_rule(3, [(0, 1, 0.85), (1, 2, 0.85), (0, 2, 0.7)], 0.8) == [None, (0, 0.85), None]


def near_copy(text: str, seed: int, changes: int = 1) -> str:
    rng = random.Random(seed)
    tokens = text.split()
    for _ in range(changes if tokens else 0):
        tokens[rng.randrange(len(tokens))] = "changed"
    return " ".join(tokens)


def corpus(seed: int, size: int = 40) -> list[Document]:
    """Articles, exact copies (other case and punctuation), near copies, and short texts."""
    rng = random.Random(seed)
    documents: list[Document] = []
    for number in range(size):
        roll = rng.random()
        if documents and roll < 0.2:
            text = rng.choice(documents).text.upper() + " !"
        elif documents and roll < 0.45:
            text = near_copy(rng.choice(documents).text, number, rng.randrange(0, 4))
        elif roll < 0.5:
            text = rng.choice(["", "...", "two words", "北京大学的学生们"])
        else:
            text = article(rng.randrange(10**6), rng.randrange(10, 150))
        documents.append(Document(f"d{number}", text))
    return documents


def brute_force(documents: list[Document], threshold: float = 0.8) -> list[tuple[str, float]]:
    sets = [shingle_hashes(document.text) for document in documents]
    edges = [(i, j, jaccard(sets[i], sets[j]))
             for i, j in itertools.combinations(range(len(documents)), 2)]
    targets = keep_rule(len(documents), edges, threshold)
    return [("" if target is None else documents[target[0]].id,
             1.0 if target is None else target[1]) for target in targets]


def summary(decisions: list) -> list[tuple[str, float]]:  # type: ignore[type-arg]
    return [(d.duplicate_of or "", d.similarity or 1.0) for d in decisions]


@pytest.mark.parametrize("seed", range(6))
def test_the_engine_follows_the_keep_rule_over_verified_edges(seed: int) -> None:
    documents = corpus(seed)
    decisions = list(deduplicate(documents))
    assert [(a, pytest.approx(b)) for a, b in summary(decisions)] == brute_force(documents)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(words, st.text(max_size=80)), max_size=12), st.data())
def test_dedup_invariants(base: list[str], data: st.DataObject) -> None:
    copies = data.draw(st.lists(st.integers(0, max(len(base) - 1, 0)), max_size=6))
    text_list = base + [base[i].upper() for i in copies if base]
    order = data.draw(st.permutations(range(len(text_list))))
    documents = [Document(f"d{i}", text_list[k]) for i, k in enumerate(order)]
    decisions = list(deduplicate(documents))
    # Every input is accounted for, in order.
    assert [d.position for d in decisions] == list(range(len(documents)))
    assert [d.id for d in decisions] == [doc.id for doc in documents]
    ids = {doc.id: doc for doc in documents}
    kept: set[str] = set()
    for document, decision in zip(documents, decisions, strict=True):
        # Never its own duplicate; only ever a duplicate of an earlier kept document.
        assert decision.duplicate_of != decision.id
        if decision.duplicate_of is not None:
            assert decision.duplicate_of in kept
            assert decision.similarity is not None
            assert decision.similarity >= 0.8
        else:
            kept.add(decision.id)
        # An exact copy (after case, whitespace and punctuation) of an earlier text is found.
        normal = shingle_batch([document.text]).exact_keys[0]
        earlier = [other for other in documents[: decision.position]
                   if shingle_batch([other.text]).exact_keys[0] == normal]
        if normal != 0 and earlier:
            assert decision.status == "duplicate"
            # The first kept document that matches wins: the copy itself when it was kept,
            # or the document that it too duplicates (near, not exact).
            target = ids[decision.duplicate_of or ""]
            if shingle_batch([target.text]).exact_keys[0] == normal:
                assert decision.similarity == 1.0
    # Deterministic, and independent of how the input is cut into batches.
    for batch_size in (1, 3):
        again = list(Deduplicator(batch_size=batch_size).decide(documents))
        assert again == decisions


def test_a_copy_of_a_near_duplicate_goes_to_the_first_kept_match() -> None:
    """A copy of a document that was itself a near duplicate (0.8) of a kept one is a
    duplicate of that kept one, at 0.8: the keep rule looks only at kept documents."""
    kept = "harbour council harbour harbour harbour harbour harbour council"
    near = kept + " harbour"
    documents = [Document("a", kept), Document("b", near), Document("c", near.upper())]
    decisions = list(deduplicate(documents))
    assert [(d.duplicate_of, d.similarity) for d in decisions] == [
        (None, None), ("a", pytest.approx(0.8)), ("a", pytest.approx(0.8))
    ]


def test_an_index_saved_and_loaded_decides_as_one_run(tmp_path: Path) -> None:
    documents = corpus(7, 60) + corpus(7, 30)
    documents = [Document(f"n{i}", doc.text) for i, doc in enumerate(documents)]
    whole = list(Deduplicator(batch_size=8).decide(documents))
    path = tmp_path / "index.dchf"
    first = Deduplicator.load(path, batch_size=5)
    part_one = list(first.decide(documents[:45]))
    first.save(path)
    second = Deduplicator.load(path, batch_size=64)
    part_two = list(second.decide(documents[45:]))
    second.save(path)
    assert [(d.id, d.duplicate_of, d.similarity) for d in part_one + part_two] == \
        [(d.id, d.duplicate_of, d.similarity) for d in whole]
    third = Deduplicator.load(path)
    # Kept documents with words are stored; a text without a word has nothing to compare.
    assert len(third.index) == sum(
        d.status == "kept" and shingle_hashes(doc.text).size > 0
        for d, doc in zip(whole, documents, strict=True)
    )
    assert third.index.documents_seen == len(documents)
    # A document of an earlier run is only ever named as the one a new document repeats.
    first_kept = next(d for d, doc in zip(whole, documents, strict=True)
                      if shingle_hashes(doc.text).size > 0)
    again = list(third.decide([Document("new", documents[first_kept.position].text)]))
    assert (again[0].id, again[0].duplicate_of) == ("new", first_kept.id)


def test_an_index_refuses_other_settings_and_other_files(tmp_path: Path) -> None:
    path = tmp_path / "index.dchf"
    engine = Deduplicator()
    list(engine.decide([Document("a", article(1))]))
    engine.save(path)
    with pytest.raises(ConfigError, match="num_perm 128"):
        Deduplicator.load(path, DedupConfig(num_perm=64))
    # Another threshold only changes the bands, which are rebuilt.
    loose = Deduplicator.load(path, DedupConfig(threshold=0.5))
    assert next(iter(loose.decide([Document("b", article(1))]))).duplicate_of == "a"
    (tmp_path / "junk").write_bytes(b"not an index")
    with pytest.raises(InputError, match="not a dechaff index"):
        DedupIndex.load(tmp_path / "junk")


def test_config_is_validated() -> None:
    with pytest.raises(ConfigError, match="threshold"):
        DedupConfig(threshold=1.5)
    with pytest.raises(ConfigError, match="num_perm"):
        DedupConfig(num_perm=0)


def test_index_bytes_per_document_are_bytes_not_objects() -> None:
    engine = Deduplicator()
    list(engine.decide([Document(str(i), article(i, 400)) for i in range(100)]))
    per_document = engine.index.nbytes / len(engine.index)
    # 128 four-byte signature values and 396 eight-byte shingle hashes, plus offsets, id and
    # the exact-key table (whose smallest size weighs on a small index).
    assert 4 * 128 + 8 * 396 <= per_document < 4 * 128 + 8 * 396 + 200
