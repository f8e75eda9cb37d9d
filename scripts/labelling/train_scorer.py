"""Train the learned comment scorer and write its weights (``make train-scorer``).

Run from the repository root:
.venv/bin/python scripts/labelling/train_scorer.py [--external FOLDER] [--out FILE.npz]

Reads the real labelled reaction texts (``corpus.csv`` beside this script: the train and dev
splits; the test split is never read here) and, for sentiment, the public SmSA and NusaX-senti
training splits in FOLDER (default ``../shared/external``; they are read there and never
copied into the repository). Writes ``asnresearch/weights/comment_scorer.npz`` and its card
``comment_scorer.json`` (or FILE.npz and FILE.json): data files with their SHA-256 and row
counts, settings, library versions. The same data and library versions give the same bytes.

The settings below were chosen by five-fold cross-validation on train + dev grouped by
article (``GroupKFold``), by macro-F1, before the test split was scored once.
"""

import argparse
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, ".")
import pandas as pd  # noqa: E402

from asnresearch import comment_model  # noqa: E402

HERE = Path(__file__).parent
CORPUS = HERE / "corpus.csv"
SPLITS = ("train", "dev")
C = {"sentiment": 1.0, "stance": 10.0, "sarcasm": 10.0}
# a real text weighs as much as this many general-domain reviews (sentiment only)
WEIGHT = {"real": 20.0, "smsa": 1.0, "nusax": 1.0}
EXTERNAL_FOR = ("sentiment",)


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--external", type=Path, default=Path("../shared/external"))
    parser.add_argument("--out", type=Path, default=Path(str(comment_model.WEIGHTS_FILE)))
    args = parser.parse_args(argv)
    FILES = {"smsa": args.external / "smsa-id" / "train_preprocess.tsv",
             "nusax": args.external / "nusax-senti-id" / "train.csv"}
    missing = [str(p) for p in [CORPUS, *FILES.values()] if not p.exists()]
    if missing:
        raise SystemExit(f"train-scorer: missing {', '.join(missing)} (the external sets: "
                         "SmSA of IndoNLU as smsa-id/, NusaX-senti's Indonesian split as "
                         "nusax-senti-id/; pass their folder as --external FOLDER, or "
                         "EXTERNAL=FOLDER to make train-scorer)")
    corpus = pd.read_csv(CORPUS, dtype=str, keep_default_na=False)
    real = corpus[corpus["split"].isin(SPLITS)].assign(source="real")
    smsa = pd.read_csv(FILES["smsa"], sep="\t", header=None, names=["text", "sentiment"],
                       dtype=str, quoting=3).assign(source="smsa")
    nusax = pd.read_csv(FILES["nusax"], dtype=str).rename(columns={"label": "sentiment"})
    nusax = nusax.assign(source="nusax")
    training = {}
    for task in comment_model.TASKS:
        frames = [real[["text", task, "source"]]]
        if task in EXTERNAL_FOR:
            frames += [smsa[["text", task, "source"]], nusax[["text", task, "source"]]]
        training[task] = pd.concat(frames, ignore_index=True)
    models = comment_model.train_models(training, c=C, weight=WEIGHT)
    import numpy
    import scipy
    import sklearn

    card = {
        "model": "one-vs-rest L2 logistic regression per class (liblinear, dual), balanced "
                 "class weights, on hashed character and word n-grams and lexicon cues",
        "data": {
            "real": {"file": "scripts/labelling/corpus.csv", "sha256": sha256(CORPUS),
                     "splits": list(SPLITS), "rows": len(real)},
            **{name: {"file": f"../shared/external/{path.parent.name}/{path.name}",
                      "sha256": sha256(path),
                      "rows": len(smsa) if name == "smsa" else len(nusax)}
               for name, path in FILES.items()},
        },
        "trained_on": {task: {src: int(n) for src, n in
                              training[task]["source"].value_counts().sort_index().items()}
                       for task in comment_model.TASKS},
        "c": C, "source_weight": WEIGHT,
        "versions": {"scikit-learn": sklearn.__version__, "numpy": numpy.__version__,
                     "scipy": scipy.__version__},
    }
    target = args.out
    comment_model.write_models(models, target, card)
    print(f"wrote {target} ({target.stat().st_size:,} bytes) and its card")


if __name__ == "__main__":
    main()
