"""The ``asnresearch`` command.

Examples
--------
>>> main(["--version"])  # doctest: +ELLIPSIS
asnresearch ...
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["build_parser", "main"]


def _fail(command: str, exc: Exception) -> int:
    """Say what went wrong in one line (an OSError as "path: reason", without Python's errno
    prefix) and return the exit status 2."""
    if isinstance(exc, OSError) and exc.filename is not None:
        message = f"{exc.filename}: {exc.strerror or exc}"
    else:
        message = str(exc)
    print(f"asnresearch {command}: {message}", file=sys.stderr)
    return 2


def _prepare_folder(path: str | Path) -> None:
    """Create an output folder and make sure a file can be written in it, so that a bad path
    fails before any work is done."""
    import tempfile

    from asnresearch.io import create_folder

    folder = create_folder(path)
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise OSError(exc.errno, f"cannot write a file in this folder ({exc.strerror})",
                      str(folder)) from None


def _cmd_report(args: argparse.Namespace) -> int:
    from asnresearch.report import build_report

    new_folder = not Path(args.out).exists()
    try:
        _prepare_folder(args.out)
        paths = build_report(args.out, langs=[args.lang] if args.lang else None,
                             province=args.province, period=args.period)
    except (ValueError, OSError) as exc:
        if new_folder and Path(args.out).is_dir() and not any(Path(args.out).iterdir()):
            Path(args.out).rmdir()  # a refused scope leaves no empty folder behind
        return _fail("report", exc)
    for path in paths:
        print(f"wrote {path}")
    return 0


def _cmd_datapackage(args: argparse.Namespace) -> int:
    from asnresearch.codebook import render_codebook_markdown
    from asnresearch.gazetteer import build_regions
    from asnresearch.io import DATA_DIR, REGIONS_FILE, write_atomically, write_datapackage

    try:  # plain CSV, not write_csv: the loaders read these files back
        with write_atomically(DATA_DIR / REGIONS_FILE, overwrite=True) as tmp:
            build_regions().to_csv(tmp, index=False, lineterminator="\n")
        with write_atomically(DATA_DIR / "CODEBOOK.md", overwrite=True) as tmp:
            tmp.write_text(render_codebook_markdown() + "\n", encoding="utf-8")
        write_datapackage(DATA_DIR)
    except OSError as exc:
        return _fail("datapackage", exc)
    print(f"wrote {DATA_DIR / REGIONS_FILE}, CODEBOOK.md and datapackage.json in {DATA_DIR}")
    return 0


def _cmd_score_comments(args: argparse.Namespace) -> int:
    import os

    from asnresearch.comments import score_file

    salt = args.salt or os.environ.get("ASNRESEARCH_SALT")
    try:
        n = score_file(args.input, args.output, text_column=args.text_column,
                       id_column=args.id_column, author_column=args.author_column, salt=salt,
                       chunksize=args.chunksize, progress=not args.quiet,
                       overwrite=args.overwrite, method=args.method)
    except (ValueError, OSError) as exc:
        return _fail("score-comments", exc)
    print(f"wrote {n} scored comments to {args.output}")
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    import json

    from asnresearch.extract import (
        Draft,
        coded_first_steps,
        compare_fields,
        draft_table,
        draft_to_dict,
        evidence_table,
        extract_case,
        read_articles,
        read_coded,
        summarise_agreement,
    )
    from asnresearch.extract.group import (
        group_drafts,
        index_coded_cases,
        match_coded_cases,
        merge_drafts,
    )
    from asnresearch.io import check_output_path, write_csv

    source = Path(args.path)
    inputs = ([source] if source.is_file() else
              [p for p in source.iterdir() if p.suffix.lower() == ".txt"] if source.is_dir()
              else [])
    if args.compare not in (None, "dataset"):
        inputs.append(Path(args.compare))
    outputs = []
    if args.output:
        stem = str(args.output)[:-4] if str(args.output).lower().endswith(".csv") else ""
        outputs = [args.output, stem + ".evidence.csv", stem + ".groups.csv"]
    try:
        for target in outputs:  # refuse a bad output before the work, not after
            check_output_path(target, overwrite=args.overwrite, inputs=inputs)
            if not str(args.output).lower().endswith(".csv"):
                raise ValueError(f"{args.output}: drafts are written as CSV; name the output "
                                 "*.csv")
        if outputs:
            _prepare_folder(Path(args.output).parent)
        texts = read_articles(source)
        dataset = coded_first_steps(_load_dataset_briefly(args.data))  # flags cases coded
        coded = None
        if args.compare == "dataset":
            coded = dataset.rename(columns={"case_id": "article_id"})
        elif args.compare:
            try:
                coded = read_coded(args.compare)
            except UnicodeDecodeError as exc:
                raise ValueError(f"{args.compare}: not UTF-8 text (byte {exc.start}); save "
                                 "it as UTF-8") from None
        if coded is not None and not set(texts) & set(coded["article_id"]):
            where = "the dataset" if args.compare == "dataset" else args.compare
            raise ValueError(f"{where}: no coded case for any of the {len(texts)} article(s) "
                             f"(e.g. {next(iter(texts))!r}); allowed: articles named by the "
                             "coded article_id (a case_id for the dataset), <id>.txt")
        drafts = {}
        for article_id, text in _progress(texts.items(), len(texts), args.quiet):
            drafts[article_id] = extract_case(text, published=args.published)
    except (ValueError, OSError) as exc:
        return _fail("extract", exc)
    group_of = group_drafts(drafts)
    members = {}
    for article_id, group in group_of.items():
        members.setdefault(group, []).append(article_id)
    index = index_coded_cases(dataset)
    merged, matches = {}, {}
    for group, ids in members.items():
        merged[group] = merge_drafts({k: drafts[k] for k in ids})
        matches[group] = match_coded_cases([drafts[k] for k in ids], index)
    table = draft_table(drafts)
    table["group"] = table["article_id"].map(group_of)
    table["dataset_matches"] = [
        "; ".join(map(str, matches[group_of[k]])) for k in table["article_id"]]
    if args.json:  # a group of one article is that article's draft: no record of its own
        for article_id, draft in drafts.items():
            record = {"article_id": article_id, "group": group_of[article_id],
                      "dataset_matches": [vars(m) for m in matches[group_of[article_id]]],
                      **draft_to_dict(draft, texts[article_id])}
            print(json.dumps(record, ensure_ascii=False))
        for group, (draft, origin) in merged.items():
            if len(members[group]) > 1:
                fields = {name: {**draft_to_dict(Draft({name: f}), texts[origin[name]])[name],
                                 "article_id": origin[name]}  # spans point into that article
                          for name, f in draft.items()}
                print(json.dumps({"group": group, "sources": members[group],
                                  "dataset_matches": [vars(m) for m in matches[group]],
                                  **fields}, ensure_ascii=False))
    elif outputs:
        groups = draft_table({group: draft for group, (draft, _) in merged.items()}).rename(
            columns={"article_id": "group"})
        groups.insert(1, "sources", ["; ".join(members[g]) for g in groups["group"]])
        groups["dataset_matches"] = ["; ".join(map(str, matches[g])) for g in groups["group"]]
        try:  # formula-safe: a coder opens these in a spreadsheet
            for frame, target in zip([table, evidence_table(drafts, texts), groups], outputs):
                write_csv(frame, target, overwrite=args.overwrite, inputs=inputs)
        except (ValueError, OSError) as exc:
            return _fail("extract", exc)
        print(f"wrote {len(table)} draft cases to {outputs[0]}, their evidence to "
              f"{outputs[1]} and {len(groups)} incident(s) to {outputs[2]}")
    else:
        for article_id, draft in drafts.items():
            print(f"# {article_id}")
            for row in evidence_table({article_id: draft}, texts).itertuples(index=False):
                evidence = f"  <- {row.evidence[:70]!r}" if isinstance(row.evidence, str) else ""
                print(f"{row.field:<24} {row.value:<24} {row.confidence:.2f}{evidence}")
    if not args.json:
        for group, ids in members.items():
            if len(ids) > 1:
                print(f"group {group}: one incident in {len(ids)} articles: {', '.join(ids)}")
            for match in matches[group]:
                print(f"group {group} ({', '.join(ids[:3])}{', ...' if len(ids) > 3 else ''}) "
                      f"may already be coded: {match}")
    if coded is not None:
        comparison = compare_fields(table, coded)
        missing = sorted(set(drafts) - set(comparison["article_id"]))
        if missing:
            print(f"no coded case for {len(missing)} article(s): {', '.join(missing[:10])}",
                  file=sys.stderr)
        if len(drafts) == 1 and len(comparison):
            print(comparison.drop(columns="article_id").to_string(index=False))
        print(summarise_agreement(comparison).to_string(index=False))
    return 0


def _load_dataset_briefly(folder):
    """The dataset, its problems told in one line."""
    from asnresearch.io import load_dataset

    try:
        return load_dataset(folder)
    except ValueError as exc:
        problems = [line.strip(" -") for line in str(exc).splitlines()]
        more = f" (and {len(problems) - 2} more)" if len(problems) > 2 else ""
        raise ValueError(f"--data {folder}: {problems[1] if len(problems) > 1 else problems[0]}"
                         f"{more}") from None


def _progress(items, total, quiet):
    if quiet or total < 20:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="article", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``asnresearch`` command."""
    parser = argparse.ArgumentParser(
        prog="asnresearch", description="Research toolkit for reported ASN misconduct."
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command")
    rep = sub.add_parser("report", help="build the policy brief (and the dataset report) as "
                                        "HTML and PDF")
    rep.add_argument("--out", default="reports",
                     help="output folder, created if missing (default: reports)")
    rep.add_argument("--lang", default=None,
                     help="one language only, a language of the codebook such as id or en "
                          "(default: all of them)")
    rep.add_argument("--province", default=None,
                     help='a province brief, e.g. "Jawa Timur" (Kemendagri name)')
    rep.add_argument("--period", default=None, help="incident years, YEAR or YEAR-YEAR")
    rep.set_defaults(func=_cmd_report)
    dp = sub.add_parser(
        "datapackage", help="regenerate regions.csv, CODEBOOK.md and datapackage.json"
    )
    dp.set_defaults(func=_cmd_datapackage)
    sc = sub.add_parser(
        "score-comments",
        help="scrub personal data from comments and score sentiment, stance and mockery",
        description="Read a CSV or Parquet file of comments in chunks and write Parquet with "
                    "the scrubbed text, pseudonymised authors and the scores. Only the id, "
                    "author and text columns are used; nothing else is written.",
    )
    sc.add_argument("input", help="comments as .csv (UTF-8) or .parquet")
    sc.add_argument("-o", "--output", required=True,
                    help="Parquet file to write (written whole or not at all; never the input)")
    sc.add_argument("--overwrite", action="store_true",
                    help="replace OUTPUT if it exists (default: refuse)")
    sc.add_argument("--text-column", default="text", help="column with the comment text")
    sc.add_argument("--id-column", default=None, help="column with a comment id to keep")
    sc.add_argument("--author-column", default=None,
                    help="column with author ids, written as salted pseudonyms")
    sc.add_argument("--salt", default=None,
                    help="salt for author pseudonyms (default: $ASNRESEARCH_SALT)")
    sc.add_argument("--chunksize", type=int, default=100_000, help="rows per chunk")
    sc.add_argument("--method", choices=("learned", "lexicon"), default="learned",
                    help="learned: linear models trained on labelled reaction texts (the "
                         "default); lexicon: the hand-written word lists and rules, each "
                         "score explained by the cues that fired")
    sc.add_argument("--quiet", action="store_true", help="no progress bar")
    sc.set_defaults(func=_cmd_score_comments)
    ex = sub.add_parser(
        "extract", help="draft coded cases from news articles (the coding assistant)",
        description="Read a plain-text article (or every .txt in a folder) and draft a case in "
                    "the codebook's vocabulary, each field with a confidence and the text it "
                    "came from. Articles that report one incident (same province, regency "
                    "and misconduct type, dates within the codebook's window, a shared "
                    "responder) form a group with one merged draft, and a group that matches "
                    "a case of the dataset is flagged with that case's id. Without -o, the "
                    "drafts are printed field by field.")
    ex.add_argument("path", help="an article as a UTF-8 .txt file, or a folder of them")
    shown = ex.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true",
                       help="print one JSON object per article, then one per group of two or "
                            "more articles (its merged draft and sources)")
    shown.add_argument("-o", "--output", default=None,
                       help="write the drafts as CSV in the dataset's cases schema (their "
                            "evidence to OUTPUT.evidence.csv, one merged draft per group to "
                            "OUTPUT.groups.csv); cells a spreadsheet would run "
                            "as formulas get a leading '")
    ex.add_argument("--overwrite", action="store_true",
                    help="replace the CSV files if they exist (default: refuse)")
    ex.add_argument("--published", default=None,
                    help="publication date YYYY-MM-DD, when the text does not give it")
    ex.add_argument("--compare", nargs="?", const="dataset", default=None, metavar="CODED",
                    help="field agreement with coded cases: a CSV keyed by article_id, or "
                         "(no value) the bundled dataset, matching file names to case_id")
    ex.add_argument("--data", default=None, metavar="DIR",
                    help="dataset folder whose coded cases the drafts are checked against, "
                         "so no case is coded twice (default: the bundled dataset)")
    ex.add_argument("--quiet", action="store_true", help="no progress bar")
    ex.set_defaults(func=_cmd_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from asnresearch import __version__

        print(f"asnresearch {__version__}")
        return 0
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
