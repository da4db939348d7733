import numpy as np

import podium.engine.embed as embed_module
from podium.engine.embed import DIMENSIONS, clear_memo, embed, get_embedder


def test_embeddings_are_unit_vectors_and_rank_paraphrase_above_unrelated():
    vectors = embed(
        [
            "North Korea has an extremely low threshold for nuclear use.",
            "Pyongyang might use nuclear weapons very early in a conflict.",
            "Registration for the reception closes on Friday.",
        ]
    )
    assert vectors.shape == (3, DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    similarity = vectors @ vectors.T
    assert similarity[0, 1] > similarity[0, 2] + 0.2


def test_embedding_keeps_input_order_when_batching_by_length():
    sentences = [f"{'word ' * (i % 7)}sentence {i}" for i in range(100)]
    together = embed(sentences)
    alone = get_embedder().encode([sentences[42]])  # the model itself, not the memo
    assert np.allclose(together[42], alone[0], atol=1e-4)


def test_embed_remembers_each_text_once_and_keeps_order_with_repeats():
    clear_memo()
    first = embed(["The hearing began.", "Funding was cut.", "The hearing began."])
    assert sorted(embed_module._memo) == ["Funding was cut.", "The hearing began."]
    again = embed(["Funding was cut.", "A new sentence."])
    assert len(embed_module._memo) == 3
    assert list(embed_module._memo)[-2:] == ["Funding was cut.", "A new sentence."]  # recent last
    assert np.array_equal(again[0], first[1])  # served from the memo, same vector
    assert np.array_equal(first[0], first[2])
    assert np.allclose(first[1], get_embedder().encode(["Funding was cut."])[0], atol=1e-5)
    assert not np.allclose(first[0], first[1])
    clear_memo()
    assert not embed_module._memo


def test_batch_size_changes_nothing_but_the_batches():
    sentences = [f"{'word ' * (i % 9)}sentence number {i}." for i in range(40)]
    clear_memo()
    small = embed(sentences, batch_size=3)
    clear_memo()
    default = embed(sentences)
    clear_memo()
    assert np.allclose(small, default, atol=1e-4)
    assert not np.allclose(small[0], small[1])


def test_session_uses_basic_graph_optimisations_with_the_same_vectors_as_full_ones():
    """Basic optimisation builds and runs faster on this int8 model (docs/verification.md,
    "Speed"); the vectors must stay those of the fully optimised graph."""
    import onnxruntime

    levels = onnxruntime.GraphOptimizationLevel
    session = get_embedder()._session
    assert session.get_session_options().graph_optimization_level == levels.ORT_ENABLE_BASIC
    full = embed_module.Embedder(embed_module.model_path())
    full._session = onnxruntime.InferenceSession(
        str(embed_module.model_path()),
        sess_options=_options(levels.ORT_ENABLE_ALL),
        providers=["CPUExecutionProvider"],
    )
    texts = ["The council rejected the plan.", "Fees will not rise next year, the minister said."]
    assert np.allclose(get_embedder().encode(texts), full.encode(texts), atol=1e-5)


def _options(level):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = level
    return options
