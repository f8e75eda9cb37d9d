"""The learned comment scorer: linear models on hashed word and character n-grams and lexicon
cues, for sentiment, stance and sarcasm.

Features (:func:`featurise_texts`), the same for training and scoring, computed for a whole
batch at once on its UTF-8 bytes (Arrow's buffer, numpy):

1. **Text**: ASCII letters lower-cased; other ASCII characters but digits become spaces; the
   bytes of other characters (accented letters, emoji) are kept. Texts are not scrubbed here:
   scores keep no text (:func:`asnresearch.comments.score_frame` scrubs the text it stores).
2. **Hashed n-grams**: character n-grams of the orders ``CHAR_ORDERS`` within each text,
   words (runs of non-spaces) and pairs of neighbouring words. An n-gram's hash is the
   polynomial ``h(s) = sum_j s_j P^(len-1-j) mod 2^64`` of its bytes, got for every position
   at once from one prefix sum (``G_k = sum_{j<k} b_j P^-j``, so ``h(b_i..b_{e-1}) =
   P^(e-1) (G_e - G_i)``; ``P`` is odd, hence invertible mod 2^64); Fibonacci hashing with a
   multiplier per kind of n-gram maps it to one of ``2^BITS`` buckets (n-grams that collide
   share a weight). Counts are scaled by ``1/sqrt(n-grams of the text)``, so long and short
   comments weigh alike.
3. **Lexicon cues** (:func:`cue_names`): each word or word pair of ``data/lexicon`` found in
   the text (affixed forms and informal spellings included, as
   :mod:`asnresearch.comments` reads them) adds its values: praise and blame (polarity),
   negations, mockery cues (not praise: praise is ironic only beside another cue) and the
   seven stance cue weights.

Models: per task, an L2 logistic regression per class against the rest (scikit-learn's
liblinear), trained by :func:`train_models` on the real labelled reaction texts of
``scripts/labelling`` and, for sentiment, the public SmSA and NusaX-senti training splits
(``make train-scorer``). The weights ship as ``asnresearch/weights/comment_scorer.npz``
(float16, no pickle, fixed zip timestamps) with a card ``comment_scorer.json`` (data and
their checksums, sizes, settings, library versions). :func:`score_arrays` scores with one
sparse product per kind of n-gram (numpy, scipy and pyarrow; scikit-learn is needed only to
train): a class's score is ``x @ w + b``, the chosen class the highest, and its probability
the softmax of the class scores (one-vs-rest scores are not calibrated probabilities: use
them to rank, not as frequencies). :func:`explain_comment` lists the features that moved a
score most.

Examples
--------
>>> import pandas as pd
>>> out = predict_comments(pd.Series(["Mantap pak, terima kasih sudah bertindak cepat",
...                                   "pecat saja, memalukan!"]))
>>> out["sentiment"].tolist(), out["sarcasm"].tolist()
(['positive', 'negative'], [False, False])
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

    import numpy as np
    import pandas as pd

__all__ = ["BITS", "CHAR_ORDERS", "TASKS", "CUE_COLUMNS", "WEIGHTS_FILE", "CARD_FILE",
           "featurise_texts", "cue_names", "Models", "load_models", "score_arrays",
           "predict_comments", "explain_comment", "train_models", "write_models"]

BITS = 17  # 2^17 hashed buckets: weights of 11 classes in about 2.9 MB of float16
CHAR_ORDERS = (3,)  # with words and word pairs; 2-5 scored no better in cross-validation
TASKS = ("sentiment", "stance", "sarcasm")
CUE_COLUMNS = ("praise", "blame", "negation", "mockery")  # + one per stance
WEIGHTS_FILE = resources.files("asnresearch").joinpath("weights/comment_scorer.npz")
CARD_FILE = resources.files("asnresearch").joinpath("weights/comment_scorer.json")

_P = 1_099_511_628_211  # odd multiplier of the polynomial hash (FNV's 64-bit prime)
_MIX = 0x9E3779B97F4A7C15  # Fibonacci hashing: bucket = (h * _MIX) >> (64 - BITS)
_SPACE = 32
_WORD, _PAIR = 101, 102  # kind salts: 100 + words in a run; character orders: their length


@functools.cache
def _byte_table() -> np.ndarray:
    """Byte -> byte: ASCII letters lower-cased, other ASCII but digits made a space, the
    bytes of non-ASCII characters (accented letters, emoji) kept."""
    import numpy as np

    table = np.arange(256, dtype=np.uint8)
    table[:128] = _SPACE
    for char in "abcdefghijklmnopqrstuvwxyz0123456789":
        table[ord(char)] = table[ord(char.upper())] = ord(char)
    return table


def _texts_bytes(texts: Any) -> tuple[np.ndarray, np.ndarray]:
    """The normalised UTF-8 bytes of all texts, one after another, and each text's offsets.
    Texts are not scrubbed here: features leave no text behind (:func:`score_frame
    <asnresearch.comments.score_frame>` scrubs the texts it stores)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    values = texts
    if not isinstance(values, (pa.Array, pa.ChunkedArray)):
        try:
            values = pa.array(texts, type=pa.large_string(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # numbers or objects among the texts
            values = pa.array([None if t is None or t != t else str(t) for t in texts],
                              type=pa.large_string())
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    values = pc.fill_null(values.cast(pa.large_string()), "")
    _, offsets, data = values.buffers()
    offsets = np.frombuffer(offsets, np.int64, len(values) + 1, values.offset * 8)
    raw = np.frombuffer(data, np.uint8) if data is not None else np.zeros(0, np.uint8)
    first = int(offsets[0])
    return _byte_table()[raw[first:int(offsets[-1])]], offsets - first


@functools.cache
def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P^k and P^-k mod 2^64 for k < n (sizes are powers of two: cached few times)."""
    import numpy as np

    up = np.full(n, _P, np.uint64)
    down = np.full(n, pow(_P, -1, 2**64), np.uint64)
    up[0] = down[0] = 1
    with np.errstate(over="ignore"):
        return np.cumprod(up, dtype=np.uint64), np.cumprod(down, dtype=np.uint64)


def _prefix(data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """G (length n+1) of the byte string ``data`` and P^k (see the module)."""
    import numpy as np

    up, down = _powers(1 << max(int(len(data) + 1).bit_length(), 10))
    g = np.zeros(len(data) + 1, np.uint64)
    with np.errstate(over="ignore"):
        np.cumsum(data * down[:len(data)], out=g[1:])
    return g, up


def _bucket(h: np.ndarray, kind: int, *, overwrite: bool = False) -> np.ndarray:
    """Bucket of each hash (as int64), by Fibonacci hashing with a multiplier of its own
    for each ``kind``; ``overwrite`` reuses ``h``'s memory."""
    import numpy as np

    out = h if overwrite else h.copy()
    with np.errstate(over="ignore"):
        np.multiply(out, np.uint64((_MIX + 2 * kind) % 2**64), out=out)
    np.right_shift(out, np.uint64(64 - BITS), out=out)
    return out.view(np.int64)


def _word_bounds(data: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, ...]:
    """Start and end (exclusive) of every word (a run of non-spaces within one text), and
    the number of words of each text."""
    import numpy as np

    word = data != _SPACE
    first, last = word.copy(), word.copy()
    first[1:] &= ~word[:-1]
    last[:-1] &= ~word[1:]
    inner = offsets[1:-1]  # text boundaries inside the buffer end and begin words too
    begins = inner[inner < len(data)]
    first[begins] = word[begins]
    ends_before = inner[inner > 0] - 1
    last[ends_before] = word[ends_before]
    starts, ends = np.flatnonzero(first), np.flatnonzero(last) + 1
    cumulative = np.zeros(len(data) + 1, np.int64)
    np.cumsum(first, out=cumulative[1:])
    return starts, ends, np.diff(cumulative[offsets])


def _featurise(texts: Any) -> tuple[list[Any], np.ndarray, Any]:
    """The n-gram counts as one sparse matrix per kind (built from the offsets without
    sorting; an n-gram that would cross into the next text counts 0), each text's
    1/sqrt(number of n-grams), and the cue columns."""
    import numpy as np
    import scipy.sparse as sp

    data, offsets = _texts_bytes(texts)
    n, size = len(offsets) - 1, len(data)
    g, up = _prefix(np.concatenate([data, np.full(max(CHAR_ORDERS), _SPACE, np.uint8)]))
    lengths = np.diff(offsets)
    parts, total = [], np.zeros(n, np.int64)
    with np.errstate(over="ignore"):
        for order in CHAR_ORDERS:
            h = up[order - 1:size + order - 1] * (g[order:size + order] - g[:size])
            weight = np.ones(size, np.float32)
            tail = offsets[1:, None] - np.arange(1, order)  # the last order-1 positions
            weight[tail[tail >= offsets[:-1, None]]] = 0.0
            parts.append(sp.csr_matrix((weight, _bucket(h, order, overwrite=True), offsets),
                                       shape=(n, 2**BITS)))
            total += np.maximum(lengths - order + 1, 0)
        starts, ends, words = _word_bounds(data, offsets)
        word_hash = up[ends - 1] * (g[ends] - g[starts])
        # runs of k words of one text, hashed as if one space stood between the words (as
        # the lexicon's phrases are written): H_k = H_(k-1) P^(len_k + 1) + 32 P^len_k + h_k
        owner = np.repeat(np.arange(n), words)
        size_of = ends - starts
        runs = {1: (word_hash, owner)}
        run_hash = word_hash
        for k in range(2, max(2, _cue_table()[3]) + 1):
            m = len(word_hash) - k + 1
            if m <= 0:
                break
            tail_len = size_of[k - 1:]
            run_hash = (run_hash[:m] * up[tail_len + 1] + np.uint64(_SPACE) * up[tail_len]
                        + word_hash[k - 1:])
            same = owner[:m] == owner[k - 1:]
            runs[k] = (run_hash[same], owner[:m][same])
    pair_hash, pair_owner = runs.get(2, (np.zeros(0, np.uint64), np.zeros(0, np.int64)))
    for hashes, kind, owners in [(word_hash, _WORD, owner), (pair_hash, _PAIR, pair_owner)]:
        count = np.bincount(owners, minlength=n)
        indptr = np.zeros(n + 1, np.int64)
        np.cumsum(count, out=indptr[1:])
        parts.append(sp.csr_matrix((np.ones(len(hashes), np.float32), _bucket(hashes, kind),
                                    indptr), shape=(n, 2**BITS)))
        total += count
    cues = _cue_matrix(np.concatenate([h for h, _ in runs.values()]),
                       np.concatenate([o for _, o in runs.values()]), n)
    return parts, (1.0 / np.sqrt(np.maximum(total, 1))).astype(np.float32), cues


def featurise_texts(texts: Any) -> Any:
    """The model's features of ``texts`` as a sparse matrix (texts x features).

    Parameters
    ----------
    texts : pandas.Series or pyarrow.Array
        Comment texts, as they are (not scrubbed here: the features keep no text).

    Returns
    -------
    scipy.sparse.csr_matrix
        ``2**BITS`` hashed n-gram columns (count / sqrt(n-grams of the text)), then the cue
        columns of :func:`cue_names`.

    Examples
    --------
    >>> import pandas as pd
    >>> x = featurise_texts(pd.Series(["pecat!", "gak malu"]))
    >>> x.shape == (2, 2**BITS + len(cue_names())), bool(x[1, 2**BITS + 1] < 0)
    (True, True)
    """
    import numpy as np
    import scipy.sparse as sp

    parts, scale, cues = _featurise(texts)
    grams = sp.csr_matrix(sp.diags(scale) @ sum(parts[1:], parts[0]))
    return sp.hstack([grams, cues], format="csr", dtype=np.float32)


def cue_names() -> tuple[str, ...]:
    """Names of the lexicon cue columns: :data:`CUE_COLUMNS`, then ``stance:<code>``."""
    from asnresearch.codebook import load_codebook

    return CUE_COLUMNS + tuple(f"stance:{s}" for s in load_codebook().order("stance"))


@functools.cache
def _cue_table() -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Sorted hashes of every surface form (a word or a run of words, as
    :func:`featurise_texts` hashes them) of the bundled lexicon, their cue rows, a sieve
    (which slots of :func:`_sieve` hold a form), and the longest form in words. A generated
    form (affixed or informal) never adds to a form that is itself an entry of the lists."""
    import numpy as np

    from asnresearch.comments import affixed_forms, load_lexicon

    lex = load_lexicon()
    names = cue_names()
    column = {name: i for i, name in enumerate(names)}
    rows: dict[str, np.ndarray] = {}

    def add(form: str, name: str, value: float) -> None:
        rows.setdefault(form, np.zeros(len(names), np.float32))[column[name]] += value

    def forms(word: str) -> set[str]:
        return {word} | affixed_forms(word) if word.isalpha() else {word}

    variants: dict[str, set[str]] = {}
    for variant, standard in lex.normalise.items():
        variants.setdefault(standard, set()).add(variant)
    for form, root in lex.lemma.items():
        variants.setdefault(root, set()).add(form)

    explicit = (set(lex.polarity) | set(lex.stance_words) | set(lex.stance_phrases)
                | set(lex.sarcasm_words) | set(lex.sarcasm_phrases) | set(lex.modifiers))

    def spellings(cue: str) -> set[str]:
        words = cue.split()
        if len(words) == 1:
            found = forms(cue) | variants.get(cue, set())
        else:  # every spelling of one word at a time (all combinations would explode)
            found = {cue} | {" ".join(words[:i] + [v] + words[i + 1:])
                             for i, w in enumerate(words) for v in variants.get(w, set())}
        return {cue} | (found - explicit)

    for term, value in lex.polarity.items():
        for form in spellings(term):
            add(form, "praise" if value > 0 else "blame", value)
    for table in (lex.stance_words, lex.stance_phrases):
        for cue, stances in table.items():
            for form in spellings(cue):
                for stance, weight in stances:
                    add(form, f"stance:{stance}", weight)
    mocking = {**lex.sarcasm_words, **lex.sarcasm_phrases}
    for cue, kind in mocking.items():
        if kind == "ironic_praise":  # praise is ironic only beside another cue, as there
            continue
        for form in spellings(cue):
            add(form, "mockery", 1.0)
    for term, (kind, _) in lex.modifiers.items():
        if kind == "negation":
            for form in spellings(term):
                add(form, "negation", 1.0)
    hashed: dict[int, np.ndarray] = {}
    longest = 1
    for form in sorted(rows):
        found = _hash_form(form)
        if found is not None:
            h, kind = found
            hashed[h] = hashed.get(h, 0) + rows[form]
            longest = max(longest, kind - _WORD + 1)
    keys = np.array(sorted(hashed), np.uint64)
    sieve = np.zeros(1 << _SIEVE_BITS, bool)
    sieve[_sieve(keys)] = True
    return keys, np.stack([hashed[int(k)] for k in keys]), sieve, longest


_SIEVE_BITS = 22  # a bit per 2^22 hash slots: about 1 word in 150 passes on to the lookup


def _sieve(hashes: np.ndarray) -> np.ndarray:
    import numpy as np

    with np.errstate(over="ignore"):
        return ((hashes * np.uint64(_MIX)) >> np.uint64(64 - _SIEVE_BITS)).astype(np.int64)


def _hash_form(form: str) -> tuple[int, int] | None:
    """The hash :func:`featurise_texts` gives a word or a run of words, and its kind
    (None for an empty form)."""
    import numpy as np

    data = _byte_table()[np.frombuffer(form.encode(), np.uint8)]
    words = bytes(data).split()
    if not words:
        return None
    data = np.frombuffer(b" ".join(words), np.uint8)
    g, up = _prefix(data)
    with np.errstate(over="ignore"):
        h = up[len(data) - 1] * (g[len(data)] - g[0])
    return int(h), _WORD - 1 + len(words)


def _cue_matrix(hashes: np.ndarray, owner: np.ndarray, n: int) -> Any:
    """Cue columns: the sum of the cue rows of each text's words and runs of words found in
    the lexicon (the sieve skips at once most of them, which are no cue)."""
    import numpy as np
    import scipy.sparse as sp

    table, values, sieve, _ = _cue_table()
    maybe = np.flatnonzero(sieve[_sieve(hashes)])
    at = np.minimum(np.searchsorted(table, hashes[maybe]), len(table) - 1)
    found = table[at] == hashes[maybe]
    k = int(found.sum())
    hits = sp.csr_matrix((np.ones(k, np.float32), (owner[maybe[found]], np.arange(k))),
                         shape=(n, k))
    return sp.csr_matrix(hits @ values[at[found]])


@dataclass(frozen=True, eq=False)  # hashed by identity: cached per load
class Models:
    """Weights of the three linear models: ``coef[task]`` (classes x features),
    ``intercept[task]``, ``classes[task]`` and the training card."""

    coef: dict[str, Any]
    intercept: dict[str, Any]
    classes: dict[str, tuple[str, ...]]
    card: dict[str, Any]


def load_models(path: str | Path | None = None) -> Models:
    """The shipped (or ``path``'s) weights, read without pickle.

    Raises
    ------
    asnresearch.io.DataError
        When the file is missing, unreadable or built for other features.
    """
    return _load_models(str(path) if path else None)


@functools.cache
def _load_models(path: str | None) -> Models:
    import numpy as np

    from asnresearch.schemas import DataError, Problem

    weights = Path(path) if path else Path(str(WEIGHTS_FILE))
    card_path = weights.with_suffix(".json")
    rebuild = "weights written by `make train-scorer` (rebuild them with it)"

    def fail(file: Path, found: str) -> DataError:
        return DataError([Problem(str(file), None, None, found, rebuild)])

    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise fail(card_path, f"an unreadable card ({err})") from None
    try:
        with np.load(weights, allow_pickle=False) as z:
            arrays = {name: z[name] for name in z.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as err:
        raise fail(weights, f"unreadable weights ({err})") from None
    features = card.get("features", {}) if isinstance(card, dict) else {}
    if not isinstance(features, dict) or features.get("bits") != BITS \
            or tuple(features.get("char_orders", ())) != CHAR_ORDERS \
            or tuple(features.get("cues", ())) != cue_names():
        raise fail(card_path, f"weights built for other features ({features})")
    width = 2**BITS + len(cue_names())
    try:
        classes = {t: tuple(str(c) for c in card["classes"][t]) for t in TASKS}
    except (KeyError, TypeError) as err:
        raise fail(card_path, f"a card without the classes of {err}") from None
    try:
        coef = {t: arrays[f"{t}_coef"].astype(np.float32) for t in TASKS}
        intercept = {t: arrays[f"{t}_intercept"].astype(np.float64) for t in TASKS}
    except (KeyError, TypeError, ValueError) as err:
        raise fail(weights, f"weights without {err}") from None
    for t in TASKS:
        rows = len(classes[t]) if len(classes[t]) > 2 else 1
        if coef[t].shape != (rows, width) or intercept[t].shape != (rows,):
            raise fail(weights, f"{t} weights of shape {coef[t].shape} for {len(classes[t])} "
                                f"classes ({rows} x {width} expected)")
    return Models(coef=coef, intercept=intercept, classes=classes, card=card)


def _decision(x: Any, models: Models, task: str) -> np.ndarray:
    """Class scores x @ coef.T + intercept (one column for a binary task, as scikit-learn)."""
    import numpy as np

    return np.asarray(x @ models.coef[task].T, np.float64) + models.intercept[task]


@functools.cache
def _stacked(models: Models) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[int]]:
    """Every task's weights side by side: n-gram rows, cue rows, intercepts, column splits."""
    import numpy as np

    coef = np.concatenate([models.coef[t].T for t in TASKS], axis=1)
    intercept = np.concatenate([models.intercept[t] for t in TASKS])
    splits = list(np.cumsum([models.coef[t].shape[0] for t in TASKS])[:-1])
    return (np.ascontiguousarray(coef[:2**BITS]), np.ascontiguousarray(coef[2**BITS:]),
            intercept, splits)


def score_arrays(texts: Any, *, models: Models | None = None,
                 chunk: int = 100_000) -> dict[str, np.ndarray]:
    """The learned scores of ``texts`` (a pandas Series, an Arrow array or any sequence of
    strings) as numpy arrays, in chunks of ``chunk`` texts (memory stays bounded).

    Returns
    -------
    dict
        ``sentiment`` and ``stance`` (class indices into ``models.classes``),
        ``sentiment_score`` (softmax share of positive minus negative), ``stance_score``
        (softmax share of the chosen stance), ``sarcasm`` (bool) and ``sarcasm_score``
        (logistic of its score),
        ``n_tokens`` (words).
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa

    from asnresearch.codebook import load_codebook

    models = models or load_models()
    grams, cue_w, intercept, splits = _stacked(models)
    if not isinstance(texts, (pa.Array, pa.ChunkedArray, pd.Series)):
        texts = pd.Series(list(texts), dtype=object)
    values = texts if isinstance(texts, (pa.Array, pa.ChunkedArray)) else None
    n = len(texts)
    parts_out: dict[str, list[np.ndarray]] = {}
    for begin in range(0, max(n, 1), chunk):
        piece = (values.slice(begin, chunk) if values is not None
                 else texts.iloc[begin:begin + chunk])
        parts, scale, cues = _featurise(piece)
        z = sum(p @ grams for p in parts) * scale[:, None]
        z = z.astype(np.float64) + cues @ cue_w + intercept
        by_task = dict(zip(TASKS, np.split(z, splits, axis=1)))
        result = {"n_tokens": np.asarray(parts[len(CHAR_ORDERS)].getnnz(axis=1), np.int64)}
        for task, zt in by_task.items():
            if zt.shape[1] == 1:  # binary: P(second class) = logistic(z)
                p = 1.0 / (1.0 + np.exp(-zt[:, 0]))
                result[task], result[f"{task}_score"] = p >= 0.5, p
                continue
            zt = zt - zt.max(axis=1, keepdims=True)
            prob = np.exp(zt)
            prob /= prob.sum(axis=1, keepdims=True)
            best = prob.argmax(axis=1)
            result[task] = best
            if task == "sentiment":  # the codebook's scale runs from negative to positive
                classes, scale = models.classes[task], load_codebook().order(task)
                result["sentiment_score"] = (prob[:, classes.index(scale[-1])]
                                             - prob[:, classes.index(scale[0])])
            else:
                result[f"{task}_score"] = prob[np.arange(len(best)), best]
        for name, array in result.items():
            parts_out.setdefault(name, []).append(array)
        if n == 0:
            break
    return {name: np.concatenate(arrays) for name, arrays in parts_out.items()}


def predict_comments(texts: Any, *, models: Models | None = None) -> pd.DataFrame:
    """Sentiment, stance and sarcasm of each text by the learned models.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``texts`` (a Series) or 0..n-1: ``sentiment``, ``stance`` (categorical),
        ``sarcasm`` (bool) and the scores of :func:`score_arrays`.

    Examples
    --------
    >>> out = predict_comments(["Mantap pak, terima kasih sudah bertindak cepat"])
    >>> out["sentiment"].tolist()
    ['positive']
    """
    import pandas as pd

    models = models or load_models()
    scores = score_arrays(texts, models=models)
    index = texts.index if isinstance(texts, pd.Series) else pd.RangeIndex(len(texts))
    out = pd.DataFrame(scores, index=index)
    for task in ("sentiment", "stance"):
        out[task] = pd.Categorical.from_codes(scores[task], categories=list(models.classes[task]))
    return out


def explain_comment(text: str, *, models: Models | None = None, top: int = 5) -> dict[str, list]:
    """What moved each task's score most for one text: the n-grams and lexicon cues with the
    largest contributions (feature value x weight) to the chosen class, against the mean of
    the other classes (for sarcasm: towards "sarcastic").

    Examples
    --------
    >>> why = explain_comment("pecat saja, memalukan!")
    >>> [name for name, _ in why["stance"]][:2]
    ['cue:stance:demand_sanction', 'cue:stance:criticise']
    """
    import numpy as np
    import pandas as pd

    models = models or load_models()
    x = featurise_texts(pd.Series([text]))
    names = _feature_names(text)
    cues = cue_names()
    out = {}
    for task in TASKS:
        w = models.coef[task]
        z = _decision(x, models, task)[0]
        if len(z) == 1:
            direction = w[0]
        else:
            best = int(np.argmax(z))
            direction = w[best] - np.delete(w, best, axis=0).mean(axis=0)
        row = x.getrow(0)
        contribution = row.data * direction[row.indices]
        named = []
        for col, value in zip(row.indices, contribution):
            label = (f"cue:{cues[col - 2**BITS]}" if col >= 2**BITS
                     else names.get(int(col), f"bucket:{col}"))
            named.append((label, round(float(value), 3)))
        out[task] = sorted(named, key=lambda item: -abs(item[1]))[:top]
    return out


def _feature_names(text: str) -> dict[int, str]:
    """Bucket -> the n-grams of ``text`` that fall in it (for explanations)."""
    import numpy as np
    import pandas as pd

    data, _ = _texts_bytes(pd.Series([text]))
    raw = bytes(data)
    names: dict[int, list[str]] = {}

    def name(pieces: list[str], kind: int, label: str) -> None:
        for piece in pieces:
            found = _hash_form(piece) if kind >= _WORD else None
            if found is None:  # a character n-gram: its bytes as they stand
                chunk = np.frombuffer(piece.encode("utf-8", "surrogateescape"), np.uint8)
                g, up = _prefix(chunk)
                with np.errstate(over="ignore"):
                    found = (int(up[len(chunk) - 1] * (g[len(chunk)] - g[0])), kind)
            bucket = int(_bucket(np.array([found[0]], np.uint64), kind)[0])
            names.setdefault(bucket, []).append(f"{label}:{piece!r}")

    for order in CHAR_ORDERS:
        grams = [raw[i:i + order] for i in range(max(len(raw) - order + 1, 0))]
        name([gram.decode("utf-8", "surrogateescape") for gram in grams], order, "chars")
    words = [w.decode("utf-8", "replace") for w in raw.split()]
    name(words, _WORD, "word")
    name([f"{a} {b}" for a, b in zip(words, words[1:])], _PAIR, "pair")
    return {b: " | ".join(dict.fromkeys(v)) for b, v in names.items()}


def train_models(training: Mapping[str, pd.DataFrame], *, c: Mapping[str, float],
                 weight: Mapping[str, float]) -> Models:
    """Fit the linear models: per task, one L2-regularised logistic regression per class
    against the rest (one in all for a two-class task), by liblinear's dual solver.

    Parameters
    ----------
    training : mapping
        Per task, a frame with ``text``, the label column named as the task and ``source``
        (which data set the row comes from).
    c : mapping
        Inverse regularisation strength per task (scikit-learn's ``C``).
    weight : mapping
        Sample weight per source (e.g. the real texts above the general-domain reviews);
        class weights are balanced on top (each class carries the same total weight).

    Notes
    -----
    Logistic regression assumes each class's log-odds are linear in the features; the
    features are many and collinear, so the fit rests on the L2 penalty. liblinear runs on
    one thread and, with a fixed ``random_state``, gives the same weights for the same data
    and library versions; they are rounded to float16 when written.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    coef, intercept, classes = {}, {}, {}
    for task in TASKS:
        frame = training[task]
        x = featurise_texts(frame["text"].reset_index(drop=True))
        y = frame[task].astype(str).to_numpy()
        sw = frame["source"].map(weight).to_numpy(float, copy=True)
        labels = np.unique(y)
        for label in labels:  # balanced: each class carries the same total weight
            sw[y == label] *= sw.sum() / (len(labels) * sw[y == label].sum())
        targets = labels[1:] if len(labels) == 2 else labels
        rows, bias = [], []
        for label in targets:
            model = LogisticRegression(C=c[task], solver="liblinear", dual=True,
                                       max_iter=5000, random_state=0)
            model.fit(x, (y == label).astype(int), sample_weight=sw)
            rows.append(model.coef_[0])
            bias.append(model.intercept_[0])
        coef[task] = np.asarray(rows, np.float16).astype(np.float32)
        intercept[task] = np.asarray(bias, np.float64)
        classes[task] = tuple(str(k) for k in labels)
    return Models(coef, intercept, classes, card={})


def write_models(models: Models, path: str | Path, card: Mapping[str, Any]) -> None:
    """Write the weights (``.npz``, float16, fixed zip timestamps: byte for byte the same
    for the same weights) and the card (``.json``) atomically."""
    import numpy as np

    from asnresearch.io import write_atomically

    arrays = {}
    for task in TASKS:
        arrays[f"{task}_coef"] = models.coef[task].astype(np.float16)
        arrays[f"{task}_intercept"] = models.intercept[task].astype(np.float64)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, array in arrays.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            payload = io.BytesIO()
            np.lib.format.write_array(payload, array, allow_pickle=False)
            z.writestr(info, payload.getvalue())
    path = Path(path)
    blob = buffer.getvalue()
    full_card = {**card, "classes": {t: list(models.classes[t]) for t in TASKS},
                 "features": {"bits": BITS, "char_orders": list(CHAR_ORDERS),
                              "cues": list(cue_names())},
                 "weights_sha256": hashlib.sha256(blob).hexdigest()}
    for target, payload in [(path, blob), (path.with_suffix(".json"), (json.dumps(
            full_card, indent=1, ensure_ascii=False) + "\n").encode())]:
        with write_atomically(target, overwrite=True) as tmp:
            tmp.write_bytes(payload)
