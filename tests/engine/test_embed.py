import numpy as np

from podium.engine.embed import DIMENSIONS, embed


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
    alone = embed([sentences[42]])
    assert np.allclose(together[42], alone[0], atol=1e-4)
