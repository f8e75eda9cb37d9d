"""Articles per second of the coding assistant (``extract_case``, every field), one core.

Target (issue 7): at least 200 articles/s. Prints the figure; asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "data" / "articles"


def main() -> None:
    from asnresearch.extract import extract_case

    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("A*.txt"))] * 20
    extract_case(texts[0])  # compile the cue and gazetteer patterns outside the timing
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {max(cores)})
    rates = []
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            extract_case(text)
        rates.append(len(texts) / (time.perf_counter() - start))
    os.sched_setaffinity(0, cores)
    size = statistics.mean(len(t) for t in texts)
    print(f"extract_case: {len(texts)} articles (mean {size:,.0f} characters), median of 3 "
          f"runs = {statistics.median(rates):,.0f} articles/s (one core)")


if __name__ == "__main__":
    main()
