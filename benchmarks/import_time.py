"""Print the wall time of `python -c "import asnresearch"` (target: under 0.5 s).

Each run is a fresh interpreter, so nothing is cached in memory; the median of several runs
is reported with the min and max. Also lists heavy modules that a bare import pulled in.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

RUNS = 7
HEAVY = ("pandas", "numpy", "statsmodels", "seaborn", "matplotlib", "yaml")


def main() -> None:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import asnresearch"], check=True)
        times.append(time.perf_counter() - start)
    probe = "import sys, asnresearch; print(','.join(sorted(m for m in %r if m in sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe % (HEAVY,)], check=True, capture_output=True, text=True
    ).stdout.strip()
    print(
        f"import asnresearch: median {statistics.median(times):.3f} s "
        f"(min {min(times):.3f}, max {max(times):.3f}, {RUNS} runs, interpreter start included); "
        f"heavy modules loaded: {loaded or 'none'}"
    )


if __name__ == "__main__":
    main()
