"""The ``asnresearch`` command.

Examples
--------
>>> main(["--version"])
asnresearch 0.1.0
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence


def _cmd_report(args: argparse.Namespace) -> int:
    from asnresearch.report import build_report

    try:
        paths = build_report(args.out, langs=[args.lang] if args.lang else ("id", "en"),
                             province=args.province, period=args.period)
    except ValueError as exc:
        print(f"asnresearch report: {exc}", file=sys.stderr)
        return 2
    for path in paths:
        print(f"wrote {path}")
    return 0


def _cmd_datapackage(args: argparse.Namespace) -> int:
    from asnresearch.codebook import render_codebook_markdown
    from asnresearch.gazetteer import build_regions
    from asnresearch.io import DATA_DIR, REGIONS_FILE, write_datapackage

    build_regions().to_csv(DATA_DIR / REGIONS_FILE, index=False, lineterminator="\n")
    (DATA_DIR / "CODEBOOK.md").write_text(render_codebook_markdown() + "\n", encoding="utf-8")
    write_datapackage(DATA_DIR)
    print(f"wrote {DATA_DIR / REGIONS_FILE}, CODEBOOK.md and datapackage.json in {DATA_DIR}")
    return 0


def _cmd_score_comments(args: argparse.Namespace) -> int:
    import os

    from asnresearch.comments import score_file

    salt = args.salt or os.environ.get("ASNRESEARCH_SALT")
    try:
        n = score_file(args.input, args.output, text_column=args.text_column,
                       id_column=args.id_column, author_column=args.author_column, salt=salt,
                       chunksize=args.chunksize, progress=not args.quiet)
    except (ValueError, OSError) as exc:
        print(f"asnresearch score-comments: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {n} scored comments to {args.output}")
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    import json

    from asnresearch.extract import (
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

    try:
        texts = read_articles(args.path)
        coded = None
        if args.compare == "dataset":
            from asnresearch.io import load_dataset

            coded = coded_first_steps(load_dataset()).rename(columns={"case_id": "article_id"})
        elif args.compare:
            coded = read_coded(args.compare)
        drafts = {}
        for article_id, text in _progress(texts.items(), len(texts), args.quiet):
            drafts[article_id] = extract_case(text, published=args.published)
    except (ValueError, OSError) as exc:
        print(f"asnresearch extract: {exc}", file=sys.stderr)
        return 2
    table = draft_table(drafts)
    if args.json:
        for article_id, draft in drafts.items():
            record = {"article_id": article_id, **draft_to_dict(draft, texts[article_id])}
            print(json.dumps(record, ensure_ascii=False))
    elif args.output:
        from pathlib import Path

        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(args.output, index=False, lineterminator="\n")
        evidence = str(args.output).removesuffix(".csv") + ".evidence.csv"
        evidence_table(drafts, texts).to_csv(evidence, index=False, lineterminator="\n")
        print(f"wrote {len(table)} draft cases to {args.output} and their evidence to {evidence}")
    else:
        for article_id, draft in drafts.items():
            print(f"# {article_id}")
            for row in evidence_table({article_id: draft}, texts).itertuples(index=False):
                evidence = f"  <- {row.evidence[:70]!r}" if isinstance(row.evidence, str) else ""
                print(f"{row.field:<24} {row.value:<24} {row.confidence:.2f}{evidence}")
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
    rep.add_argument("--out", default="reports", help="output folder (default: reports)")
    rep.add_argument("--lang", choices=["id", "en"], default=None,
                     help="one language only (default: both)")
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
                    "author and text columns are read; nothing else is written.",
    )
    sc.add_argument("input", help="comments as .csv (UTF-8) or .parquet")
    sc.add_argument("-o", "--output", required=True, help="Parquet file to write")
    sc.add_argument("--text-column", default="text", help="column with the comment text")
    sc.add_argument("--id-column", default=None, help="column with a comment id to keep")
    sc.add_argument("--author-column", default=None,
                    help="column with author ids, written as salted pseudonyms")
    sc.add_argument("--salt", default=None,
                    help="salt for author pseudonyms (default: $ASNRESEARCH_SALT)")
    sc.add_argument("--chunksize", type=int, default=100_000, help="rows per chunk")
    sc.add_argument("--quiet", action="store_true", help="no progress bar")
    sc.set_defaults(func=_cmd_score_comments)
    ex = sub.add_parser(
        "extract", help="draft coded cases from news articles (the coding assistant)",
        description="Read a plain-text article (or every .txt in a folder) and draft a case in "
                    "the codebook's vocabulary, each field with a confidence and the text it "
                    "came from. Without -o, the drafts are printed field by field.")
    ex.add_argument("path", help="an article as a UTF-8 .txt file, or a folder of them")
    ex.add_argument("--json", action="store_true", help="print one JSON object per article")
    ex.add_argument("-o", "--output", default=None,
                    help="write the drafts as CSV in the dataset's cases schema (and their "
                         "evidence to OUTPUT.evidence.csv)")
    ex.add_argument("--published", default=None,
                    help="publication date YYYY-MM-DD, when the text does not give it")
    ex.add_argument("--compare", nargs="?", const="dataset", default=None, metavar="CODED",
                    help="field agreement with coded cases: a CSV keyed by article_id, or "
                         "(no value) the bundled dataset, matching file names to case_id")
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
