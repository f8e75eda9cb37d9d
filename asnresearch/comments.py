"""Scorers of Indonesian comments: sentiment, stance and a mockery-or-sarcasm flag.

Two methods (``method=``): ``learned``, the default, the linear models of
:mod:`asnresearch.comment_model` trained on real labelled reaction texts; and ``lexicon``,
described here. Both share the entry points (:func:`score_comments`, :func:`score_frame`,
:func:`score_file`, :func:`score_dask`) and the output columns (:data:`COLUMNS`).

With the lexicon, every score comes from hand-written word lists in ``data/lexicon/`` (see
its README) and a few explicit rules, so each result can be explained by the cues that fired
(``score_comments(..., explain=True)``) and is the same on every run.

Steps, per comment:

1. **Scrub** personal data (:func:`asnresearch.privacy.scrub_text`), lower-case, collapse a
   letter repeated three or more times ("bangeeet" -> "banget").
2. **Tokenise** into runs of letters and digits and **normalise** each token through
   ``normalisation.csv`` ("gak" -> "tidak", "yg" -> "yang"). Affixed forms of every lexicon
   word are generated once (di-, ter-, meN-, -nya, -kan, -in, ...), so "dipecat" and
   "memalukan" find "pecat" and "malu" without a stemmer.
3. **Polarity**: each term of ``polarity.csv`` (words, and a few emoji) adds its value
   (−3..3). An intensifier or diminisher right before or right after multiplies it by its
   factor ("sangat bagus", "bagus banget"). A negation among the two tokens before halves and
   flips a positive term ("tidak bagus" = −0.5 × value) and cancels a negative one ("gak
   malu" is no praise). The sum is ``sentiment_score``; above +0.5 is positive, below −0.5
   negative, else neutral.
4. **Stance**: each cue of ``stance_cues.csv`` (word or phrase) adds its weight to its stance;
   a demand for a sanction pleaded against with "jangan" ("jangan dipecat") counts for
   defend_sympathise instead, other negated cues count for nothing ("tidak ada sanksi"). The
   stance with the highest total wins (ties: the stance order of the codebook,
   ``rules.orders.stance``). Without a cue, a
   negative comment criticises, a flagged one mocks, any other is ``neutral_information``;
   a comment in the neutral band with a critical stance (``rules.comment_scorer.critical``) is
   labelled negative.
5. **Mockery-or-sarcasm flag** (``sarcasm``): any cue of ``sarcasm_cues.csv`` (laughter,
   mocking expansions, ironic slogans, emoji) or a laughter pattern ("wkwkwkk", "hahaha").
   Praise ("mantap", "salut", "luar biasa") is never a cue on its own: sincere thanks are
   praise. Beside a cue it is read as irony, and a positive score flips its sign (under
   viral misconduct news, laughing praise is mostly ridicule).

Examples
--------
>>> import pandas as pd
>>> texts = pd.Series(["malu bgt, pecat aja!!", "mantap pak, kerja keras bgt ya 🤣"])
>>> out = score_comments(texts, method="lexicon")
>>> out[["sentiment", "stance", "sarcasm"]].values.tolist()
[['negative', 'demand_sanction', False], ['negative', 'mock', True]]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asnresearch.privacy import scrub_texts

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "POSITIVE_ABOVE", "NEGATIVE_BELOW", "NEGATION_WINDOW", "COLUMNS", "Lexicon",
    "affixed_forms", "load_lexicon", "score_comments", "score_frame", "score_file",
    "score_dask", "evaluate_labels", "interval_macro_f1", "interval_macro_f1_difference",
    "evaluate_scorer", "METHODS",
    "check_method",
]

# The stances, their order and the stances the rules assign are the codebook's
# (rules.orders.stance, rules.comment_scorer); the sentiment scale is rules.orders.sentiment.
POSITIVE_ABOVE, NEGATIVE_BELOW = 0.5, -0.5
NEGATION_WINDOW = 2
# Output columns of score_comments, in order.
COLUMNS = ["sentiment_score", "sentiment", "stance", "stance_score", "sarcasm", "n_tokens"]

_TOKEN = re.compile(r"[a-z0-9]+")
_REPEAT = re.compile(r"([a-z])\1{2,}")
_LAUGH = re.compile(r"\b(?:w*(?:wk|kw){2,}\w*|(?:ha){3,}\w*|(?:he){3,}|(?:hi){3,}|(?:xi){2,}"
                    r"|a?wok(?:awok)+\w*)\b")
_PREFIXES = ("di", "ter", "ke", "se", "ber", "nge", "ng", "pe", "per")
_SUFFIXES = ("nya", "lah", "kah", "kan", "an", "in", "i", "pun", "nyah")


@dataclass
class Lexicon:
    """The word lists, compiled for fast lookup."""

    normalise: dict[str, str]
    polarity: dict[str, float]
    modifiers: dict[str, tuple[str, float]]
    stance_words: dict[str, list[tuple[str, float]]]
    stance_phrases: dict[str, list[tuple[str, float]]]
    sarcasm_words: dict[str, str]
    sarcasm_phrases: dict[str, str]
    sarcasm_symbols: dict[str, str]
    symbol_polarity: dict[str, float] = field(default_factory=dict)
    lemma: dict[str, str] = field(default_factory=dict)
    # multi-word cues as integer keys: each phrase word gets an id, a phrase of k words the
    # number written with those ids as digits in base phrase_base
    phrase_words: dict[str, int] = field(default_factory=dict)
    phrase_base: int = 1
    phrase_list: list[str] = field(default_factory=list)  # in the order of the sorted keys
    phrase_sorted_keys: Any = None
    phrase_stance: Any = None  # phrase x stance weights
    phrase_sarcasm: Any = None  # 1.0 where the phrase is a mockery cue
    phrase_praise: Any = None  # True where that cue is praise (ironic only beside another)
    phrase_lengths: tuple[int, ...] = ()
    stances: tuple[str, ...] = ()  # the codebook's stance order, which the arrays follow

    @property
    def stance_index(self) -> dict[str, int]:
        """Column of each stance in the stance arrays."""
        return {name: i for i, name in enumerate(self.stances)}


def _nasal(word: str) -> str:
    """meN- prefix of a word by the usual sound rules (memecat, menindak, mengusut...)."""
    head = word[0]
    if head == "p":
        return "mem" + word[1:]
    if head == "t":
        return "men" + word[1:]
    if head == "k":
        return "meng" + word[1:]
    if head == "s":
        return "meny" + word[1:]
    if head in "bfv":
        return "mem" + word
    if head in "cdjz":
        return "men" + word
    if head in "aiueogh":
        return "meng" + word
    return "me" + word


def affixed_forms(word: str) -> set[str]:
    """Common affixed forms of a root: prefixes, suffixes, both, and meN-.

    Examples
    --------
    >>> sorted(f for f in affixed_forms("pecat") if f.startswith("mem"))
    ['memecat', 'memecati', 'memecatkan', 'memecatnya']
    """
    if len(word) < 4 or not word.isalpha():
        return set()
    forms = {p + word for p in _PREFIXES} | {word + s for s in _SUFFIXES}
    forms |= {"di" + word + s for s in ("kan", "in", "nya", "i")}
    nasal = _nasal(word)
    forms |= {nasal, nasal + "kan", nasal + "i", nasal + "nya", "ke" + word + "an",
              "pe" + word + "an"}
    return forms - {word}


def load_lexicon(data_dir: str | Path | None = None) -> Lexicon:
    """Load, validate and compile the lexicons of ``data/lexicon/`` (cached per folder).

    Raises
    ------
    asnresearch.io.DataError
        Naming file, row, column, value and what was allowed, for any malformed list.
    """
    from asnresearch.codebook import load_codebook

    return _load_lexicon(str(data_dir) if data_dir is not None else None,
                         tuple(load_codebook().order("stance")))


@functools.cache
def _load_lexicon(data_dir: str | None, stances: tuple[str, ...]) -> Lexicon:
    from asnresearch.codebook import load_codebook
    from asnresearch.io import load_reference

    tables = {name.removeprefix("lexicon_"): load_reference(name, data_dir)
              for name in load_codebook().reference_names if name.startswith("lexicon_")}
    normalise = dict(zip(tables["normalisation"]["variant"], tables["normalisation"]["standard"]))
    polarity, symbol_polarity = {}, {}
    for term, value in zip(tables["polarity"]["term"], tables["polarity"]["polarity"]):
        if term.isalpha():
            polarity[term] = float(value)
        else:
            symbol_polarity[term.replace("\ufe0f", "")] = float(value)
    modifiers = {t: (k, float(f)) for t, k, f in zip(
        tables["modifiers"]["term"], tables["modifiers"]["kind"], tables["modifiers"]["factor"])}
    stance_words: dict[str, list[tuple[str, float]]] = {}
    stance_phrases: dict[str, list[tuple[str, float]]] = {}
    for cue, stance, weight in zip(tables["stance_cues"]["cue"], tables["stance_cues"]["stance"],
                                   tables["stance_cues"]["weight"]):
        cue = " ".join(normalise.get(w, w) for w in _TOKEN.findall(cue))
        target = stance_phrases if " " in cue else stance_words
        target.setdefault(cue, []).append((stance, float(weight)))
    sarcasm_words, sarcasm_phrases, sarcasm_symbols = {}, {}, {}
    for cue, kind in zip(tables["sarcasm_cues"]["cue"], tables["sarcasm_cues"]["kind"]):
        words = _TOKEN.findall(cue)
        if not words:
            sarcasm_symbols[cue.replace("\ufe0f", "")] = kind
        elif len(words) == 1 and words[0] == cue:
            sarcasm_words[normalise.get(cue, cue)] = kind
        else:
            sarcasm_phrases[" ".join(normalise.get(w, w) for w in words)] = kind
    lex = Lexicon(normalise, polarity, modifiers, stance_words, stance_phrases, sarcasm_words,
                  sarcasm_phrases, sarcasm_symbols, symbol_polarity, stances=stances)
    _expand_affixes(lex)
    _compile_phrases(lex, set(stance_phrases) | set(sarcasm_phrases))
    return lex


def _compile_phrases(lex: Lexicon, phrases: set[str]) -> None:
    import numpy as np

    vocab = sorted({w for p in phrases for w in p.split()})
    lex.phrase_words = {w: i + 1 for i, w in enumerate(vocab)}
    lex.phrase_base = len(vocab) + 1
    keyed = {}
    for phrase in phrases:
        key = 0
        for w in phrase.split():
            key = key * lex.phrase_base + lex.phrase_words[w]
        keyed[key] = phrase
    keys = sorted(keyed)
    lex.phrase_sorted_keys = np.array(keys or [0], np.int64)
    lex.phrase_list = [keyed[k] for k in keys]
    lex.phrase_stance = np.zeros((len(keys), len(lex.stances)))
    lex.phrase_sarcasm = np.zeros(len(keys))
    lex.phrase_praise = np.zeros(len(keys), bool)
    index = lex.stance_index
    for i, phrase in enumerate(lex.phrase_list):
        for name, weight in lex.stance_phrases.get(phrase, ()):
            lex.phrase_stance[i, index[name]] += weight
        lex.phrase_sarcasm[i] = float(phrase in lex.sarcasm_phrases)
        lex.phrase_praise[i] = lex.sarcasm_phrases.get(phrase) == "ironic_praise"
    lex.phrase_lengths = tuple(sorted({len(p.split()) for p in phrases}))


def _expand_affixes(lex: Lexicon) -> None:
    """Map affixed forms of lexicon roots to the root, unless a form is itself a word of a
    list (an explicit entry always wins)."""
    known = (set(lex.normalise) | set(lex.polarity) | set(lex.modifiers) | set(lex.stance_words)
             | set(lex.sarcasm_words))
    for root in set(lex.polarity) | set(lex.stance_words):
        for form in affixed_forms(root):
            if form not in known and form not in lex.lemma:
                lex.lemma[form] = root


class _Features:
    """Per-token feature arrays of one batch's distinct tokens (index = token code).

    A token is a word, an emoji, or both run together ("keren👏"); a mixed token carries
    the polarity, stance and mockery of its parts but acts as no negation or intensifier.
    """

    def __init__(self, tokens: list[str], lex: Lexicon):
        import numpy as np

        size = len(tokens)
        self.words = [""] * size
        self.polarity = np.zeros(size)
        self.negation = np.zeros(size, bool)
        self.jangan = np.zeros(size, bool)
        self.factor = np.full(size, np.nan)  # intensifier or diminisher factor
        self.stance = np.zeros((size, len(lex.stances)))
        index = lex.stance_index
        self.sarcasm = np.full(size, -1)  # index into _KINDS, -1 for none
        self.phrase_word = np.zeros(size, np.int64)
        self.empty = np.zeros(size, bool)
        self.word = np.zeros(size, bool)
        for i, token in enumerate(tokens):
            if not token:
                self.empty[i] = True
                continue
            pieces = [token] if token.isascii() else _PIECES.findall(token)
            words = [self._word(p, lex) for p in pieces if p.isascii()]
            self.words[i] = " ".join(words) if words else token
            self.word[i] = bool(words)
            kinds = []
            for piece in pieces:
                w = self._word(piece, lex) if piece.isascii() else piece
                value = lex.polarity.get(w, lex.symbol_polarity.get(w))
                if value is not None:
                    self.polarity[i] += value
                for name, weight in lex.stance_words.get(w, ()):
                    self.stance[i, index[name]] += weight
                kind = lex.sarcasm_words.get(w, lex.sarcasm_symbols.get(w))
                if kind is None and piece.isascii() and _LAUGH.fullmatch(w):
                    kind = "laughter"  # laughter spelt in ways no list can hold
                if kind is not None:
                    kinds.append(kind)
            if kinds:
                self.sarcasm[i] = _KINDS.index(kinds[0])
            if len(pieces) == 1 and words:
                w = words[0]
                mod = lex.modifiers.get(w)
                if mod is not None and mod[0] == "negation":
                    self.negation[i] = True
                elif mod is not None:
                    self.factor[i] = mod[1]
                self.jangan[i] = w == "jangan"
                self.phrase_word[i] = lex.phrase_words.get(w, 0)

    @staticmethod
    def _word(piece: str, lex: Lexicon) -> str:
        collapsed = _REPEAT.sub(r"\1", piece)
        normal = lex.normalise.get(collapsed, collapsed)
        return lex.lemma.get(normal, normal)


# Token boundaries (RE2 syntax): anything but letters, digits and the emoji blocks.
_SPLIT = r"[^a-z0-9\x{2190}-\x{2BFF}\x{1F000}-\x{1FAFF}]+"
_PIECES = re.compile(r"[a-z0-9]+|.", re.DOTALL)
# kinds of mockery cue; praise, last, flags only beside another kind
_KINDS = ("laughter", "emoji", "mocking_expansion", "ironic_slogan", "ironic_praise")


def _tokenise(texts: Any):
    """Token codes, their comment of origin and the distinct tokens, in one vectorised pass
    (Arrow's RE2 kernels do the per-character work). Tokens are runs of letters, digits and
    emoji; the variation selector U+FE0F is dropped so "❤️" and "❤" are one symbol."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(texts, pa.Array):
        texts = pa.array(texts, type=pa.string())
    low = pc.utf8_lower(texts)
    parts = pc.split_pattern_regex(low, _SPLIT)  # U+FE0F is outside _SPLIT: a boundary
    flat = pc.list_flatten(parts)
    parent = pc.list_parent_indices(parts).to_numpy(zero_copy_only=False).astype(np.int64)
    encoded = pc.dictionary_encode(flat)
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, parent, encoded.dictionary.to_pylist()


def _score_batch(texts: Any, lex: Lexicon, explain: bool) -> dict[str, Any]:
    """Score already-scrubbed texts; the rules of the module docstring, on arrays."""
    import numpy as np

    from asnresearch.codebook import load_codebook

    rule, index = load_codebook().rules["comment_scorer"], lex.stance_index

    n = len(texts)
    codes, cid, tokens = _tokenise(texts)
    f = _Features(tokens, lex)
    keep = ~f.empty[codes]
    codes, cid = codes[keep], cid[keep]
    is_word = f.word[codes]
    n_tokens = np.bincount(cid[is_word], minlength=n)

    def before(flags, k):  # flags of the token k places before, within the same comment
        out = np.zeros(len(flags), bool)
        if len(flags) > k:
            out[k:] = flags[:-k] & (cid[k:] == cid[:-k])
        return out

    def within_window(flags):  # any of the NEGATION_WINDOW tokens before
        return np.logical_or.reduce([before(flags, k) for k in range(1, NEGATION_WINDOW + 1)])

    negated = within_window(f.negation[codes]) & is_word
    pleading = negated & within_window(f.jangan[codes])
    fac = f.factor[codes]
    prev_f = np.full(len(codes), np.nan)
    next_f = np.full(len(codes), np.nan)
    if len(codes) > 1:
        same = cid[1:] == cid[:-1]
        prev_f[1:] = np.where(same, fac[:-1], np.nan)
        next_f[:-1] = np.where(same, fac[1:], np.nan)
    factor = np.where(~np.isnan(prev_f), prev_f, np.where(~np.isnan(next_f), next_f, 1.0))
    pol = f.polarity[codes]
    # negation: praise turns into mild blame, blame is cancelled (see the module docstring)
    factor = np.where(negated, factor * np.where(pol > 0, -0.5, 0.0), factor)
    contribution = pol * factor
    score = np.bincount(cid, weights=contribution, minlength=n)

    # stance: only the tokens that carry a cue
    cued = np.flatnonzero(f.stance.any(axis=1)[codes])
    weights = f.stance[codes[cued]]
    demand, defend = index[rule["plea"]["from"]], index[rule["plea"]["to"]]
    plead, drop = pleading[cued], negated[cued] & ~pleading[cued]
    moved = weights[plead, demand]
    weights[plead] = 0.0
    weights[plead, defend] = moved
    weights[drop] = 0.0
    totals = np.zeros((n, len(lex.stances)))
    for j in range(len(lex.stances)):
        totals[:, j] = np.bincount(cid[cued], weights=weights[:, j], minlength=n)
    kinds = f.sarcasm[codes]
    # praise ("mantap", "luar biasa") is ironic only beside another cue: alone it never flags
    praise = _KINDS.index("ironic_praise")
    flagged = np.bincount(cid[(kinds >= 0) & (kinds != praise)], minlength=n) > 0
    hit_comment, hit_phrase = _match_phrases(f, codes, cid, lex)
    if len(hit_comment):
        for j in range(len(lex.stances)):
            totals[:, j] += np.bincount(hit_comment, weights=lex.phrase_stance[hit_phrase, j],
                                        minlength=n)
        flagged |= np.bincount(hit_comment, weights=lex.phrase_sarcasm[hit_phrase]
                               * ~lex.phrase_praise[hit_phrase], minlength=n) > 0

    flip = flagged & (score > 0)
    score = np.where(flip, -score, score)
    best = totals.argmax(axis=1) if n else np.zeros(0, np.int64)  # first of equal totals
    top = totals[np.arange(n), best] if n else np.zeros(0)
    label = np.where(score > POSITIVE_ABOVE, 2, np.where(score < NEGATIVE_BELOW, 0, 1))
    none = top == 0
    best = np.where(none & flagged, index[rule["when_mocking"]],
                    np.where(none & (label == 0), index[rule["when_negative"]],
                             np.where(none, index[rule["otherwise"]], best)))
    critical = np.isin(best, [index[s] for s in rule["critical"]])
    promoted = (label == 1) & critical
    label = np.where(promoted, 0, label)
    out = {"sentiment_score": score, "sentiment": label, "stance": best, "stance_score": top,
           "sarcasm": flagged, "n_tokens": n_tokens}
    if explain:
        out["cues"] = _explain(n, f, codes, cid, contribution, cued, weights, kinds,
                               zip(hit_comment, hit_phrase), lex, flip, promoted, best)
    return out


def _match_phrases(f: _Features, codes: Any, cid: Any, lex: Lexicon) -> tuple[Any, Any]:
    """Comment and phrase index of every occurrence of a multi-word cue (overlaps count)."""
    import numpy as np

    ids = f.phrase_word[codes]
    pos = np.flatnonzero(ids > 0)
    comments, phrases = [], []
    for length in lex.phrase_lengths:
        m = len(pos) - length + 1
        if m <= 0:
            continue
        start, end = pos[:m], pos[length - 1:]
        ok = (end - start == length - 1) & (cid[end] == cid[start])
        key = np.zeros(m, np.int64)
        for k in range(length):
            key = key * lex.phrase_base + ids[pos[k:k + m]]
        keys = lex.phrase_sorted_keys
        where = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
        found = ok & (keys[where] == key)
        comments.append(cid[start[found]])
        phrases.append(where[found])
    if not comments:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    comment, phrase = np.concatenate(comments), np.concatenate(phrases)
    order = np.lexsort((phrase, comment))
    return comment[order], phrase[order]


def _explain(n, f, codes, cid, contribution, cued, weights, kinds, phrase_hits, lex, flip,
             promoted, best) -> list[list[str]]:
    import numpy as np

    cues: list[list[str]] = [[] for _ in range(n)]
    stance_of = dict(zip(cued.tolist(), weights))
    hit = np.flatnonzero((f.polarity[codes] != 0) | (kinds >= 0))
    for i in sorted(set(hit.tolist()) | set(stance_of)):
        c, w = int(cid[i]), f.words[codes[i]]
        if f.polarity[codes[i]] != 0:
            cues[c].append(f"polarity:{w}:{contribution[i] + 0.0:+g}")
        for j in np.flatnonzero(stance_of.get(i, ())):
            cues[c].append(f"stance:{w}:{lex.stances[j]}")
        if kinds[i] >= 0:
            cues[c].append(f"sarcasm:{w}:{_KINDS[kinds[i]]}")
    for c, p in phrase_hits:
        phrase = lex.phrase_list[p]
        for name, _ in lex.stance_phrases.get(phrase, ()):
            cues[c].append(f"stance:{phrase}:{name}")
        if phrase in lex.sarcasm_phrases:
            cues[c].append(f"sarcasm:{phrase}:{lex.sarcasm_phrases[phrase]}")
    for c in np.flatnonzero(flip):
        cues[c].append("rule:praise beside mockery or laughter flips the sign")
    for c in np.flatnonzero(promoted):
        cues[c].append(f"rule:{lex.stances[best[c]]} without polarity words reads as negative")
    return cues


def score_comments(
    texts: pd.Series,
    *,
    method: str = "learned",
    explain: bool = False,
    data_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Score each comment for sentiment, stance and mockery.

    Parameters
    ----------
    texts : pandas.Series
        Comment texts; missing values, empty strings, emoji-only or very long texts are fine.
    method : {'learned', 'lexicon'}
        ``learned``: the linear models of :mod:`asnresearch.comment_model`, trained on real
        labelled reaction texts; ``lexicon``: the word lists and rules of this module.
    explain : bool
        Add a ``cues`` column: for ``lexicon`` every cue that fired (``kind:term:effect``);
        for ``learned`` the features that moved each task's score most
        (``task:feature:contribution``, the lexicon cues among them), then the lexicon's cues.
    data_dir : str or Path, optional
        Folder holding ``lexicon/``; default the bundled ``data/``.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``texts``: ``sentiment_score`` (float; for ``learned`` the softmax share
        of positive minus negative), ``sentiment`` (negative, neutral, positive), ``stance`` (a
        code of ``stance``), ``stance_score`` (for ``learned`` its softmax share: a ranking,
        not a calibrated probability), ``sarcasm`` (bool),
        ``n_tokens``, and ``cues`` when asked.

    Examples
    --------
    >>> import pandas as pd
    >>> praise = pd.Series(["Mantap pak, terima kasih sudah bertindak cepat"])
    >>> [score_comments(praise, method=m)["sarcasm"].item() for m in ("learned", "lexicon")]
    [False, False]
    """
    lex = load_lexicon(data_dir)
    check_method(method)
    if method == "lexicon":
        return _frame(_score_batch(_scrubbed(texts), lex, explain), texts.index, lex)
    values = _scrubbed(texts)  # as score_frame scores it: the same text, the same scores
    scores = _score_learned(values, lex)
    if explain:
        scores["cues"] = _explain_learned(values, lex)
    return _frame(scores, texts.index, lex)


METHODS = ("learned", "lexicon")


def check_method(method: str) -> None:
    """Refuse a scoring method other than :data:`METHODS`, in one line."""
    if method not in METHODS:
        raise ValueError(f"scoring method {method!r} is not allowed; allowed: "
                         f"{', '.join(METHODS)}")


def _score_learned(values: Any, lex: Lexicon) -> dict[str, Any]:
    """:func:`asnresearch.comment_model.score_arrays` in this module's codes: sentiment in
    the codebook's order, stance in the lexicon's (also the codebook's)."""
    import numpy as np

    from asnresearch.codebook import load_codebook
    from asnresearch.comment_model import load_models, score_arrays

    models = load_models()
    scores = score_arrays(values, models=models)
    order = load_codebook().order("sentiment")
    to_sentiment = np.array([order.index(c) for c in models.classes["sentiment"]])
    to_stance = np.array([lex.stances.index(c) for c in models.classes["stance"]])
    scores["sentiment"] = to_sentiment[scores["sentiment"]]
    scores["stance"] = to_stance[scores["stance"]]
    # a text without a word is scored as the lexicon scores it: neutral, no stance, no mockery
    empty = scores["n_tokens"] == 0
    scores["sentiment"][empty] = len(order) // 2
    otherwise = load_codebook().rules["comment_scorer"]["otherwise"]
    scores["stance"][empty] = lex.stance_index[otherwise]
    for name in ("sentiment_score", "stance_score", "sarcasm"):
        scores[name][empty] = 0
    return scores


def _explain_learned(values: Any, lex: Lexicon) -> list[list[str]]:
    from asnresearch.comment_model import explain_comment

    lexicon = _score_batch(values, lex, True)["cues"]
    out = []
    for text, cues in zip(values.to_pylist(), lexicon):
        why = explain_comment(text or "")
        out.append([f"{task}:{name}:{value:+g}" for task, pairs in why.items()
                    for name, value in pairs] + list(cues))
    return out


def _scrubbed(texts: pd.Series) -> Any:
    """Scrubbed texts as an Arrow array; mixed-type input (numbers, objects) goes the slow
    way through Python, one text at a time."""
    import pyarrow as pa

    from asnresearch.privacy import scrub_array

    try:
        values = pa.array(texts, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.array(scrub_texts(texts.tolist()), type=pa.string())
    return scrub_array(values)


def _frame(scores: dict[str, Any], index: Any, lex: Lexicon) -> pd.DataFrame:
    import pandas as pd

    from asnresearch.codebook import load_codebook

    out = pd.DataFrame(index=index)
    out["sentiment_score"] = scores["sentiment_score"].astype(float)
    out["sentiment"] = pd.Categorical.from_codes(scores["sentiment"],
                                                 categories=load_codebook().order("sentiment"))
    out["stance"] = pd.Categorical.from_codes(scores["stance"], categories=list(lex.stances))
    out["stance_score"] = scores["stance_score"].astype(float)
    out["sarcasm"] = scores["sarcasm"].astype(bool)
    out["n_tokens"] = scores["n_tokens"].astype("int64")
    if "cues" in scores:
        out["cues"] = scores["cues"]
    return out


def score_frame(
    frame: pd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    author_column: str | None = None,
    salt: str | None = None,
    data_dir: str | Path | None = None,
    method: str = "learned",
) -> pd.DataFrame:
    """Scrub and score one frame of comments, keeping nothing else that could identify anyone.

    The result holds the ``id_column`` (as given), ``author`` (the salted pseudonym of
    ``author_column``, see :func:`asnresearch.privacy.hash_author`), ``text`` (scrubbed) and
    the columns of :func:`score_comments`, with codes as plain strings so that chunks and
    partitions share one schema. Other input columns are dropped. ``method`` is
    :func:`score_comments`'s.
    """
    import pandas as pd

    from asnresearch.privacy import hash_author

    if author_column is not None and not salt:
        raise ValueError("author ids are pseudonymised with a salt: pass salt= (CLI: --salt or "
                         "the ASNRESEARCH_SALT environment variable)")
    lex = load_lexicon(data_dir)
    check_method(method)
    clean = _scrubbed(frame[text_column])  # scrubbed once, scored and stored from Arrow
    raw = _score_batch(clean, lex, False) if method == "lexicon" else _score_learned(clean, lex)
    scores = _frame(raw, frame.index, lex)
    out = pd.DataFrame(index=frame.index)
    if id_column is not None:
        out[id_column] = frame[id_column].astype(str)
    if author_column is not None:
        authors = frame[author_column].astype(str)
        pseudonyms = {a: hash_author(a, salt=salt) for a in authors.unique()}
        out["author"] = authors.map(pseudonyms).astype("str")
    out["text"] = pd.Series(clean.to_pylist(), index=frame.index, dtype="str")  # str if empty
    for col in COLUMNS:
        out[col] = scores[col].astype(str) if col in ("sentiment", "stance") else scores[col]
    return out


def score_file(
    source: str | Path,
    target: str | Path,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    author_column: str | None = None,
    salt: str | None = None,
    chunksize: int = 100_000,
    progress: bool = True,
    overwrite: bool = False,
    method: str = "learned",
) -> int:
    """Stream a CSV or Parquet file of comments through :func:`score_frame` into Parquet.

    Reads ``chunksize`` rows at a time and appends each scored chunk to a temporary file in
    the target's folder, so memory stays flat however long the file is. Only when every row
    is scored does that file take the target's name (:func:`asnresearch.io.write_atomically`):
    a failure leaves no output and an existing target as it was. Returns the number of
    comments written. ``method`` is :func:`score_comments`'s.

    Raises
    ------
    ValueError
        One line naming the file: a missing column (with the columns found), text that is
        not UTF-8 (with its row, the header being row 1, and column), malformed CSV, a file
        type other than ``.csv`` or ``.parquet``; an output that is the input, that exists
        (unless ``overwrite``), or that is not named ``.parquet``.
    OSError
        When a file cannot be read or the output's folder cannot be created or written in.
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq
    from tqdm.auto import tqdm

    from asnresearch.io import check_output_path, write_atomically

    source, target = Path(source), Path(target)
    check_output_path(target, overwrite=overwrite, inputs=[source])  # before the name
    if target.suffix.lower() not in (".parquet", ".pq"):
        raise ValueError(f"{target}: scored comments are written as Parquet; name the output "
                         "*.parquet")
    check_method(method)
    wanted = [c for c in (text_column, id_column, author_column) if c is not None]
    with write_atomically(target, overwrite=overwrite, inputs=[source]) as partial:
        writer = None
        written = 0
        try:
            chunks, total = _read_chunks(source, wanted, chunksize)
            with tqdm(total=total, unit="comments", disable=not progress,
                      desc=f"scoring {source.name}") as bar:
                for chunk in chunks:
                    scored = score_frame(chunk, text_column=text_column, id_column=id_column,
                                         author_column=author_column, salt=salt, method=method)
                    table = pa.Table.from_pandas(scored, preserve_index=False)
                    if writer is None:
                        writer = pq.ParquetWriter(partial, table.schema)
                    writer.write_table(table)
                    written += len(scored)
                    bar.update(len(scored))
        except UnicodeError:
            raise ValueError(_locate_bad_utf8(source)) from None
        except (pd.errors.ParserError, pd.errors.EmptyDataError, pa.ArrowException) as exc:
            message = " ".join(str(exc).split())
            fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
            if fields:
                wanted_n, line, found = fields.groups()
                message = (f"line {line}: {found} fields where the header has {wanted_n} "
                           "(quote a text that holds a comma)")
            unclosed = re.search(r"EOF inside string starting at row (\d+)", message)
            if unclosed:  # pandas counts the file's lines from 0
                message = (f"row {int(unclosed.group(1)) + 1}: a quoted text is never closed; "
                           "allowed: a quote inside a text doubled (\"\")")
            raise ValueError(f"{source}, {message}" if fields or unclosed
                             else f"{source}: {message}") from None
        finally:
            if writer is not None:
                writer.close()
        if writer is None:  # an input with a header and no rows still gives a valid file
            empty = score_frame(pd.DataFrame({c: [] for c in wanted}, dtype=str),
                                text_column=text_column, id_column=id_column,
                                author_column=author_column, salt=salt or "unused")
            pq.write_table(pa.Table.from_pandas(empty, preserve_index=False), partial)
    return written


def _locate_bad_utf8(source: Path) -> str:
    """Where a CSV first breaks UTF-8, as one line. Read again, and only after a decoding
    error, so that the fast strict path pays nothing for it."""
    import csv

    import pandas as pd

    undecodable = re.compile("[\udc80-\udcff]")  # how surrogateescape keeps a bad byte

    def say(row, column, cell):
        at = undecodable.search(cell)
        where = f"row {row}" + (f", column {column!r}" if column is not None else "")
        return (f"{source}, {where}: not valid UTF-8 (byte 0x{ord(at.group()) - 0xDC00:02x} "
                f"at character {at.start() + 1}); save the file as UTF-8")

    with open(source, encoding="utf-8", errors="surrogateescape", newline="") as handle:
        for name in next(csv.reader(handle), []):
            if undecodable.search(name):
                return say(1, None, name)
    with pd.read_csv(source, dtype=object, keep_default_na=False, index_col=False,
                     chunksize=10_000, encoding="utf-8", encoding_errors="surrogateescape"
                     ) as reader:
        for chunk in reader:
            bad = chunk.apply(lambda col: col.str.contains(undecodable)).to_numpy()
            if bad.any():
                i, j = divmod(int(bad.argmax()), bad.shape[1])  # first bad row, then column
                return say(int(chunk.index[i]) + 2, chunk.columns[j], chunk.iat[i, j])
    return f"{source}: not valid UTF-8; save the file as UTF-8"


def _read_chunks(source: Path, columns: list[str], chunksize: int):
    import pandas as pd

    suffix = source.suffix.lower()
    if suffix == ".csv":
        header = pd.read_csv(source, nrows=0, encoding="utf-8").columns.tolist()
        _check_columns(source, columns, header)
        # every column is parsed, not just usecols: pandas' usecols silently cuts a row with
        # more fields than the header (an unquoted comma in a comment) instead of refusing it
        reader = pd.read_csv(source, dtype=str, keep_default_na=False, index_col=False,
                             chunksize=chunksize, encoding="utf-8")
        return (chunk[columns] for chunk in reader), None
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        # no read-ahead: buffering whole row groups ahead is what makes memory grow
        handle = pq.ParquetFile(source, pre_buffer=False, buffer_size=1 << 20)
        _check_columns(source, columns, handle.schema_arrow.names)
        batches = handle.iter_batches(batch_size=chunksize, columns=columns, use_threads=False)
        return (b.to_pandas() for b in batches), handle.metadata.num_rows
    raise ValueError(f"{source}: cannot read {suffix or 'a file without suffix'!r}; "
                     "allowed: .csv or .parquet")


def _check_columns(source: Path, wanted: list[str], found: list[str]) -> None:
    from asnresearch.io import name_other_delimiter

    missing = [c for c in wanted if c not in found]
    if not missing:
        return
    called = name_other_delimiter(found, missing) if source.suffix.lower() == ".csv" else None
    if called:
        raise ValueError(f"{source}, row 1: the columns are separated by {called}; allowed: "
                         "comma-separated columns (save it as CSV UTF-8, comma delimited)")
    raise ValueError(f"{source}: no column {', '.join(map(repr, missing))}; the file has "
                     f"{', '.join(map(repr, found))} (name the columns to read with "
                     "--text-column, --id-column, --author-column)")


def score_dask(ddf: Any, **options: Any) -> Any:
    """The same scoring on a Dask DataFrame, partition by partition (``map_partitions``).

    ``options`` are those of :func:`score_frame`. Nothing is computed until the caller asks
    (``.compute()``, ``.to_parquet()``); run it on a ``dask.distributed`` cluster to spread
    the partitions over workers.
    """
    meta = score_frame(ddf._meta, **options)  # also raises early on a missing salt
    return ddf.map_partitions(score_frame, **options, meta=meta)


def evaluate_labels(truth: pd.Series, predicted: pd.Series) -> dict[str, Any]:
    """Accuracy and macro-F1 of predicted labels, with the majority-class baseline.

    Per class c: precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2PR/(P+R) (0 when P+R = 0);
    macro-F1 is the mean F1 over the classes present in ``truth``. The baseline predicts the
    most frequent true class for every item.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.Series(["a", "a", "a", "b"]); p = pd.Series(["a", "b", "a", "b"])
    >>> r = evaluate_labels(t, p)
    >>> r["accuracy"], round(r["macro_f1"], 3)
    (0.75, 0.733)
    >>> r["baseline_accuracy"], round(r["baseline_macro_f1"], 3)
    (0.75, 0.429)
    """
    import numpy as np

    classes, t, p = _label_codes(truth, predicted)
    majority = truth.astype(str).value_counts().idxmax()

    def scores(pred):
        f1 = _f1_by_class(t, pred, len(classes))
        per_class = dict(zip(classes.tolist(), f1.tolist()))
        return float((pred == t).mean()), float(f1.mean()), per_class

    acc, macro, per_class = scores(p)
    base_acc, base_macro, _ = scores(np.full(len(t), list(classes).index(majority)))
    return {"n": len(t), "accuracy": acc, "macro_f1": macro, "per_class_f1": per_class,
            "baseline_accuracy": base_acc, "baseline_macro_f1": base_macro,
            "majority_class": majority}


def _label_codes(truth: pd.Series, predicted: pd.Series) -> tuple[Any, Any, Any]:
    """The classes of ``truth`` (sorted) and both label series as indices into them; a
    predicted label that is no class of the truth is -1."""
    import numpy as np

    truth, predicted = truth.astype(str).to_numpy(), predicted.astype(str).to_numpy()
    classes = np.unique(truth)
    known = np.isin(predicted, classes)
    return (classes, np.searchsorted(classes, truth),
            np.where(known, np.searchsorted(classes, predicted), -1))


def _f1_by_class(t: Any, p: Any, k: int) -> Any:
    """F1 of each of ``k`` classes: 2 TP / (predicted + true), i.e. 2PR / (P + R), 0 when the
    class is neither predicted nor true."""
    import numpy as np

    tp = np.bincount(t[t == p], minlength=k)
    both = np.bincount(p[p >= 0], minlength=k) + np.bincount(t, minlength=k)
    return np.where(both > 0, 2 * tp / np.maximum(both, 1), 0.0)


def interval_macro_f1(truth: pd.Series, predicted: pd.Series, *, groups: pd.Series,
                      draws: int = 2000, seed: int = 20261204) -> tuple[float, float]:
    """95% percentile interval of the macro-F1 of :func:`evaluate_labels` by a cluster
    bootstrap: whole groups (articles, whose texts are alike) are drawn with replacement,
    ``draws`` times with ``seed``; the mean runs over the classes of all of ``truth`` (a class
    a draw lacks counts F1 = 0, so rare classes widen the interval downwards). It assumes the
    groups are independent draws from the texts the scorer is meant for.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.Series(["a", "a", "b", "b"] * 5); p = pd.Series(["a", "b", "b", "b"] * 5)
    >>> low, high = interval_macro_f1(t, p, groups=pd.Series(range(20)), draws=200)
    >>> low < evaluate_labels(t, p)["macro_f1"] < high
    True
    """
    import numpy as np

    classes, t, p = _label_codes(truth, predicted)  # the classes of the truth, as there
    values = [_f1_by_class(t[rows], p[rows], len(classes)).mean()
              for rows in _cluster_draws(groups, draws, seed)]
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))


def interval_macro_f1_difference(truth: pd.Series, first: pd.Series, second: pd.Series, *,
                                 groups: pd.Series, draws: int = 2000,
                                 seed: int = 20261204) -> tuple[float, float, float]:
    """Macro-F1 of ``first`` minus that of ``second`` on the same texts, with the 95%
    percentile interval of a *paired* cluster bootstrap: each draw resamples whole groups once
    and scores both predictions on it, so the interval is that of the difference, which two
    separate intervals overstate. Same assumptions as :func:`interval_macro_f1`.

    Returns
    -------
    tuple of float
        The difference on all texts, and its interval's lower and upper ends.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.Series(["a", "b"] * 10)
    >>> good, bad = t.copy(), pd.Series(["a"] * 20)
    >>> diff, low, high = interval_macro_f1_difference(t, good, bad, groups=pd.Series(range(20)),
    ...                                                draws=200)
    >>> round(diff, 2), low > 0
    (0.67, True)
    """
    import numpy as np

    classes, t, a = _label_codes(truth, first)
    _, _, b = _label_codes(truth, second)
    k = len(classes)
    values = [_f1_by_class(t[rows], a[rows], k).mean() - _f1_by_class(t[rows], b[rows], k).mean()
              for rows in _cluster_draws(groups, draws, seed)]
    diff = _f1_by_class(t, a, k).mean() - _f1_by_class(t, b, k).mean()
    return float(diff), float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))


def _cluster_draws(groups: pd.Series, draws: int, seed: int):
    """Row positions of ``draws`` cluster-bootstrap samples: whole groups drawn with
    replacement, as many as there are groups."""
    import numpy as np

    _, group = np.unique(groups.astype(str).to_numpy(), return_inverse=True)
    order = np.argsort(group, kind="stable")
    starts = np.searchsorted(group[order], np.arange(group.max() + 1))
    sizes = np.diff(np.append(starts, len(order)))
    rng = np.random.default_rng(seed)
    for _ in range(draws):
        chosen = rng.integers(0, len(starts), len(starts))
        yield order[np.concatenate([np.arange(a, a + n) for a, n in
                                    zip(starts[chosen], sizes[chosen])])]


def evaluate_scorer(labelled: pd.DataFrame, *, method: str = "learned",
                    data_dir: str | Path | None = None,
                    groups: pd.Series | None = None) -> pd.DataFrame:
    """Score a labelled set with ``method`` and compare with the majority-class baseline,
    per task.

    ``labelled`` has ``text`` and any of ``sentiment``, ``stance`` and ``sarcasm``
    (``yes``/``no``, or booleans). ``sarcasm`` checks the flag against the sarcasm label;
    ``mockery_flag`` checks it against "sarcastic or mocking" (``sarcasm`` or ``stance ==
    "mock"``), which is what the lexicon's flag looks for. With ``groups`` (e.g. each
    text's article), the method's macro-F1 gets the 95% cluster-bootstrap interval of
    :func:`interval_macro_f1`.

    Returns
    -------
    pandas.DataFrame
        ``task``, ``n``, ``accuracy``, ``macro_f1``, ``baseline_accuracy``,
        ``baseline_macro_f1``, ``majority_class`` (and ``f1_low``, ``f1_high`` with
        ``groups``).

    Examples
    --------
    >>> import pandas as pd
    >>> labelled = pd.DataFrame({"text": ["Mantap pak, terima kasih sudah bertindak cepat",
    ...                                   "Pecat saja pegawai malas itu"],
    ...                          "sentiment": ["positive", "negative"]})
    >>> evaluate_scorer(labelled)[["task", "n", "accuracy"]]
            task  n  accuracy
    0  sentiment  2       1.0
    """
    import pandas as pd

    from asnresearch.codebook import load_codebook

    scored = score_comments(labelled["text"], method=method, data_dir=data_dir)
    tasks = {t: (labelled[t], scored[t]) for t in ("sentiment", "stance") if t in labelled}
    flag = scored["sarcasm"].map({True: "yes", False: "no"})
    if "sarcasm" in labelled:
        said = labelled["sarcasm"].map({True: "yes", False: "no", "True": "yes",
                                         "False": "no", "yes": "yes", "no": "no"})
        tasks["sarcasm"] = (said, flag)
    if {"sarcasm", "stance"} <= set(labelled.columns):
        mocking = load_codebook().rules["comment_scorer"]["when_mocking"]
        truth = ((tasks["sarcasm"][0] == "yes") | (labelled["stance"] == mocking))
        tasks["mockery_flag"] = (truth.map({True: "yes", False: "no"}), flag)
    rows = []
    for task, (truth, predicted) in tasks.items():
        r = evaluate_labels(truth, predicted)
        rows.append({"task": task, "n": r["n"], "accuracy": r["accuracy"],
                     "macro_f1": r["macro_f1"], "baseline_accuracy": r["baseline_accuracy"],
                     "baseline_macro_f1": r["baseline_macro_f1"],
                     "majority_class": r["majority_class"]})
        if groups is not None:
            rows[-1]["f1_low"], rows[-1]["f1_high"] = interval_macro_f1(
                truth, predicted.astype(str), groups=groups)
    return pd.DataFrame(rows)
