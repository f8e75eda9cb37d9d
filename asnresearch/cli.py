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
