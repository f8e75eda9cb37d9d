"""A fast, transparent scorer of Indonesian comments: sentiment, stance and a mockery flag.

Every score comes from hand-written word lists in ``data/lexicon/`` (see its README) and a few
explicit rules, so each result can be explained by the cues that fired
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
   stance with the highest total wins (ties: the order of :data:`STANCES`). Without a cue, a
   negative comment criticises, a flagged one mocks, any other is ``neutral_information``;
   a comment in the neutral band with a critical stance (:data:`CRITICAL_STANCES`) is
   labelled negative.
5. **Mockery-or-sarcasm flag** (``sarcasm``): any cue of ``sarcasm_cues.csv`` (laughter,
   mocking expansions, ironic slogans, ironic praise, emoji) or a laughter pattern
   ("wkwkwkk", "hahaha"). Praise beside such a cue is read as irony: a positive score flips
   its sign (under viral misconduct news, laughing praise is mostly ridicule).

Examples
--------
>>> import pandas as pd
>>> out = score_comments(pd.Series(["malu bgt, pecat aja!!", "mantap pak, kerja keras bgt ya 🤣"]))
>>> out[["sentiment", "stance", "sarcasm"]].values.tolist()
[['negative', 'demand_sanction', False], ['negative', 'mock', True]]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asnresearch.privacy import scrub_text

if TYPE_CHECKING:
    import pandas as pd

LEXICON_DIR = "lexicon"
STANCES = ("demand_sanction", "call_for_oversight", "distrust_institutions", "mock",
           "defend_sympathise", "criticise", "neutral_information")
SENTIMENTS = ("negative", "neutral", "positive")
POSITIVE_ABOVE, NEGATIVE_BELOW = 0.5, -0.5
# Stances that are negative towards the civil servants by definition: a comment whose score
# sits in the neutral band but carries one of them is labelled negative.
CRITICAL_STANCES = ("demand_sanction", "call_for_oversight", "distrust_institutions", "mock",
                    "criticise")
NEGATION_WINDOW = 2
# Output columns of score_comments, in order.
COLUMNS = ["sentiment_score", "sentiment", "stance", "stance_score", "sarcasm", "n_tokens"]

_TOKEN = re.compile(r"[a-z0-9]+")
_REPEAT = re.compile(r"([a-z])\1{2,}")
_LAUGH = re.compile(r"\b(?:w*(?:wk|kw){2,}\w*|(?:ha){3,}\w*|(?:he){3,}|(?:hi){3,}|(?:xi){2,}"
                    r"|a?wok(?:awok)+\w*)\b")
_LAUGHTER = {"laughter", "emoji"}  # sarcasm-cue kinds that mark mirth, not irony by themselves
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
    phrase_pattern: re.Pattern | None = None
    symbol_pattern: re.Pattern | None = None


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
    return _load_lexicon(str(data_dir) if data_dir is not None else None)


@functools.cache
def _load_lexicon(data_dir: str | None) -> Lexicon:
    from asnresearch.io import LEXICON_FILES, _Loader

    loader = _Loader(data_dir)
    tables = {name: loader.reference(rel) for name, rel in LEXICON_FILES.items()}
    normalise = dict(zip(tables["normalisation"]["variant"], tables["normalisation"]["standard"]))
    polarity, symbol_polarity = {}, {}
    for term, value in zip(tables["polarity"]["term"], tables["polarity"]["polarity"]):
        (polarity if term.isalpha() else symbol_polarity)[term] = float(value)
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
            sarcasm_symbols[cue] = kind
        elif len(words) == 1 and words[0] == cue:
            sarcasm_words[normalise.get(cue, cue)] = kind
        else:
            sarcasm_phrases[" ".join(normalise.get(w, w) for w in words)] = kind
    lex = Lexicon(normalise, polarity, modifiers, stance_words, stance_phrases, sarcasm_words,
                  sarcasm_phrases, sarcasm_symbols, symbol_polarity)
    _expand_affixes(lex)
    phrases = sorted(set(stance_phrases) | set(sarcasm_phrases), key=len, reverse=True)
    if phrases:
        lex.phrase_pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r")\b")
    symbols = sorted(set(sarcasm_symbols) | set(symbol_polarity), key=len, reverse=True)
    if symbols:
        lex.symbol_pattern = re.compile("|".join(map(re.escape, symbols)))
    return lex


def _expand_affixes(lex: Lexicon) -> None:
    """Map affixed forms of lexicon roots to the root, unless a form is itself a word of a
    list (an explicit entry always wins)."""
    known = (set(lex.normalise) | set(lex.polarity) | set(lex.modifiers) | set(lex.stance_words)
             | set(lex.sarcasm_words))
    for root in set(lex.polarity) | set(lex.stance_words):
        for form in affixed_forms(root):
            if form not in known and form not in lex.lemma:
                lex.lemma[form] = root


def _score_one(text: Any, lex: Lexicon, explain: bool) -> tuple:
    if not isinstance(text, str) or not text:
        return (0.0, "neutral", "neutral_information", 0.0, False, 0, [] if explain else None)
    raw = text.lower()  # already scrubbed by the caller
    clean = _REPEAT.sub(r"\1", raw)
    norm, lemma = lex.normalise, lex.lemma
    tokens = [lemma.get(w, w) for w in (norm.get(t, t) for t in _TOKEN.findall(clean))]
    cues: list[str] = []
    score, stance = 0.0, dict.fromkeys(STANCES, 0.0)
    kinds: set[str] = set()
    polarity, modifiers, stance_words, sarcasm_words = (lex.polarity, lex.modifiers,
                                                        lex.stance_words, lex.sarcasm_words)
    for i, tok in enumerate(tokens):
        value = polarity.get(tok)
        cue_list = stance_words.get(tok)
        kind = sarcasm_words.get(tok)
        if value is None and cue_list is None and kind is None:
            continue
        before = tokens[max(0, i - NEGATION_WINDOW):i]
        negated = any(modifiers.get(b, ("",))[0] == "negation" for b in before)
        if value is not None:
            factor = 1.0
            prev = modifiers.get(tokens[i - 1]) if i else None
            after = modifiers.get(tokens[i + 1]) if i + 1 < len(tokens) else None
            for mod in (prev, after):  # "sangat bagus" and "bagus banget"
                if mod is not None and mod[0] in ("intensifier", "diminisher"):
                    factor = mod[1]
                    break
            if negated:
                # "tidak bagus" turns praise into mild blame; "gak malu" does not praise
                factor *= -0.5 if value > 0 else 0.0
            score += value * factor
            if explain:
                cues.append(f"polarity:{tok}:{value * factor:+g}")
        if cue_list is not None:
            pleading = negated and "jangan" in before
            for name, weight in cue_list:
                if pleading and name == "demand_sanction":
                    name = "defend_sympathise"  # "jangan dipecat": pleading for them
                elif negated:
                    continue  # "tidak ada sanksi", "gak bakal dipecat": no demand
                stance[name] += weight
                if explain:
                    cues.append(f"stance:{tok}:{name}")
        if kind is not None:
            kinds.add(kind)
            if explain:
                cues.append(f"sarcasm:{tok}:{kind}")
    if lex.phrase_pattern is not None and len(tokens) > 1:
        for match in lex.phrase_pattern.finditer(" ".join(tokens)):
            phrase = match.group()
            for name, weight in lex.stance_phrases.get(phrase, ()):
                stance[name] += weight
                if explain:
                    cues.append(f"stance:{phrase}:{name}")
            kind = lex.sarcasm_phrases.get(phrase)
            if kind is not None:
                kinds.add(kind)
                if explain:
                    cues.append(f"sarcasm:{phrase}:{kind}")
    if lex.symbol_pattern is not None:
        for match in lex.symbol_pattern.finditer(raw):
            symbol = match.group()
            if symbol in lex.sarcasm_symbols:
                kinds.add(lex.sarcasm_symbols[symbol])
                if explain:
                    cues.append(f"sarcasm:{symbol}:{lex.sarcasm_symbols[symbol]}")
            if symbol in lex.symbol_polarity:
                score += lex.symbol_polarity[symbol]
                if explain:
                    cues.append(f"polarity:{symbol}:{lex.symbol_polarity[symbol]:+g}")
    if not kinds and _LAUGH.search(clean):  # laughter spelt in ways no list can hold
        kinds.add("laughter")
        if explain:
            cues.append("sarcasm:laughter pattern:laughter")
    sarcasm = bool(kinds)
    if sarcasm and score > 0:
        score = -score
        if explain:
            cues.append("rule:praise beside mockery or laughter flips the sign")
    best = max(STANCES, key=lambda s: stance[s])  # max keeps the first of equal totals
    top = stance[best]
    label = ("positive" if score > POSITIVE_ABOVE else "negative" if score < NEGATIVE_BELOW
             else "neutral")
    if top == 0:
        best = ("mock" if sarcasm else "criticise" if label == "negative"
                else "neutral_information")
    if label == "neutral" and best in CRITICAL_STANCES:
        label = "negative"
        if explain:
            cues.append(f"rule:{best} without polarity words reads as negative")
    return (score, label, best, top, sarcasm, len(tokens), cues if explain else None)


def score_comments(
    texts: pd.Series,
    *,
    explain: bool = False,
    data_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Score each comment for sentiment, stance and mockery (see the module for the rules).

    Parameters
    ----------
    texts : pandas.Series
        Comment texts; missing values, empty strings, emoji-only or very long texts are fine.
    explain : bool
        Add a ``cues`` column listing every cue that fired (``kind:term:effect``).
    data_dir : str or Path, optional
        Folder holding ``lexicon/``; default the bundled ``data/``.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``texts``: ``sentiment_score`` (float), ``sentiment`` (negative, neutral,
        positive), ``stance`` (one of :data:`STANCES`), ``stance_score``, ``sarcasm`` (bool),
        ``n_tokens``, and ``cues`` when asked.
    """

    lex = load_lexicon(data_dir)
    rows = [_score_one(scrub_text(t) if isinstance(t, str) else t, lex, explain)
            for t in texts.tolist()]
    return _frame(rows, texts.index, explain)


def _frame(rows: list[tuple], index: Any, explain: bool) -> pd.DataFrame:
    import pandas as pd

    columns = COLUMNS + ["cues"]
    out = pd.DataFrame.from_records(rows, columns=columns, index=index)
    if not explain:
        out = out.drop(columns="cues")
    out["sentiment"] = pd.Categorical(out["sentiment"], categories=SENTIMENTS)
    out["stance"] = pd.Categorical(out["stance"], categories=STANCES)
    out["sarcasm"] = out["sarcasm"].astype(bool)
    out["n_tokens"] = out["n_tokens"].astype("int64")
    out["sentiment_score"] = out["sentiment_score"].astype(float)
    out["stance_score"] = out["stance_score"].astype(float)
    return out


def score_frame(
    frame: pd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    author_column: str | None = None,
    salt: str | None = None,
    data_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Scrub and score one frame of comments, keeping nothing else that could identify anyone.

    The result holds the ``id_column`` (as given), ``author`` (the salted pseudonym of
    ``author_column``, see :func:`asnresearch.privacy.hash_author`), ``text`` (scrubbed) and
    the columns of :func:`score_comments`, with codes as plain strings so that chunks and
    partitions share one schema. Other input columns are dropped.
    """
    import pandas as pd

    from asnresearch.privacy import hash_author

    if author_column is not None and not salt:
        raise ValueError("author ids are pseudonymised with a salt: pass salt= (CLI: --salt or "
                         "the ASNRESEARCH_SALT environment variable)")
    lex = load_lexicon(data_dir)
    clean = [scrub_text(t) if isinstance(t, str) else "" for t in frame[text_column].tolist()]
    scores = _frame([_score_one(t, lex, False) for t in clean], frame.index, False)
    out = pd.DataFrame(index=frame.index)
    if id_column is not None:
        out[id_column] = frame[id_column].astype(str)
    if author_column is not None:
        out["author"] = [hash_author(a, salt=salt) for a in frame[author_column].tolist()]
    out["text"] = clean
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
) -> int:
    """Stream a CSV or Parquet file of comments through :func:`score_frame` into Parquet.

    Reads ``chunksize`` rows at a time and appends each scored chunk to the Parquet file, so
    memory stays flat however long the file is. Returns the number of comments written.

    Raises
    ------
    ValueError
        When a named column is missing (the message names the file, the column and the
        columns found) or the file type is neither ``.csv`` nor ``.parquet``.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq
    from tqdm.auto import tqdm

    source, target = Path(source), Path(target)
    wanted = [c for c in (text_column, id_column, author_column) if c is not None]
    chunks, total = _read_chunks(source, wanted, chunksize)
    writer = None
    written = 0
    try:
        with tqdm(total=total, unit="comments", disable=not progress,
                  desc=f"scoring {source.name}") as bar:
            for chunk in chunks:
                scored = score_frame(chunk, text_column=text_column, id_column=id_column,
                                     author_column=author_column, salt=salt)
                table = pa.Table.from_pandas(scored, preserve_index=False)
                if writer is None:
                    writer = pq.ParquetWriter(target, table.schema)
                writer.write_table(table)
                written += len(scored)
                bar.update(len(scored))
    finally:
        if writer is not None:
            writer.close()
    if writer is None:  # an input with a header and no rows still gives a valid file
        import pandas as pd

        empty = score_frame(pd.DataFrame({c: [] for c in wanted}, dtype=str),
                            text_column=text_column, id_column=id_column,
                            author_column=author_column, salt=salt or "unused")
        pq.write_table(pa.Table.from_pandas(empty, preserve_index=False), target)
    return written


def _read_chunks(source: Path, columns: list[str], chunksize: int):
    import pandas as pd

    suffix = source.suffix.lower()
    if suffix == ".csv":
        header = pd.read_csv(source, nrows=0, encoding="utf-8").columns.tolist()
        _check_columns(source, columns, header)
        reader = pd.read_csv(source, usecols=columns, dtype=str, keep_default_na=False,
                             chunksize=chunksize, encoding="utf-8")
        return reader, None
    if suffix in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        handle = pq.ParquetFile(source)
        _check_columns(source, columns, handle.schema_arrow.names)
        batches = handle.iter_batches(batch_size=chunksize, columns=columns)
        return (b.to_pandas() for b in batches), handle.metadata.num_rows
    raise ValueError(f"{source}: cannot read {suffix or 'a file without suffix'!r}; "
                     "allowed: .csv or .parquet")


def _check_columns(source: Path, wanted: list[str], found: list[str]) -> None:
    missing = [c for c in wanted if c not in found]
    if missing:
        raise ValueError(f"{source}: no column {', '.join(map(repr, missing))}; the file has "
                         f"{', '.join(map(repr, found))}")


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
    truth = truth.astype(str).reset_index(drop=True)
    predicted = predicted.astype(str).reset_index(drop=True)
    classes = sorted(set(truth))
    majority = truth.value_counts().idxmax()

    def scores(pred):
        f1 = {}
        for c in classes:
            tp = int(((pred == c) & (truth == c)).sum())
            fp = int(((pred == c) & (truth != c)).sum())
            fn = int(((pred != c) & (truth == c)).sum())
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f1[c] = 2 * p * r / (p + r) if p + r else 0.0
        return float((pred == truth).mean()), sum(f1.values()) / len(classes), f1

    acc, macro, per_class = scores(predicted)
    base_acc, base_macro, _ = scores(truth.map(lambda _: majority))
    return {"n": len(truth), "accuracy": acc, "macro_f1": macro, "per_class_f1": per_class,
            "baseline_accuracy": base_acc, "baseline_macro_f1": base_macro,
            "majority_class": majority}
