"""Articles per second of the coding assistant's extraction (so far: the place), one core.

Target (issue 7): at least 200 articles/s. Prints the figure; asserts nothing.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles"


def main() -> None:
    from asnresearch.extract import extract_place

    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("A*.txt"))] * 20
    extract_place(texts[0])  # compile the gazetteer patterns outside the timing
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {max(cores)})
    start = time.perf_counter()
    for text in texts:
        extract_place(text)
    t = time.perf_counter() - start
    os.sched_setaffinity(0, cores)
    print(f"extract_place: {len(texts)} articles in {t:.2f} s = {len(texts) / t:,.0f} "
          f"articles/s (one core)")


if __name__ == "__main__":
    main()
