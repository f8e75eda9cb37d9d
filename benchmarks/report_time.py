"""Wall time of `make report`'s work (both briefs and the dataset report) after set-up.

Target (issue 6): under 3 minutes. Prints the figure; asserts nothing.
"""

from __future__ import annotations

import tempfile
import time


def main() -> None:
    from asnresearch.report import build_report

    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        files = build_report(out)
        t = time.perf_counter() - start
    print(f"report: {len(files)} files (briefs in Indonesian and English, HTML, PDF, page-1 "
          f"previews, dataset report) in {t:.1f} s")


if __name__ == "__main__":
    main()
