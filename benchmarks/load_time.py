"""Time load_dataset() against reading the same four CSV files with pandas, and print the ratio.

Both are timed cold, as a user meets them: each run is a fresh Python process that imports
what it needs (pandas alone, or asnresearch.io) and reads the four tables once; the figure is
the best of several runs, the two kinds interleaved so that a busy machine slows both alike.
load_dataset() includes every check: checksums, the codebook schemas, personal data in free
text, the rules across columns and tables, and typing. The warm figures (imports done, best
of several calls in one process) are printed too. The target of issue 18 is a cold ratio of
at most 1.5.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

RUNS = 7
TABLES = ("cases", "sources", "events", "reactions")
# the folder comes in through the environment, so that pandas' process imports nothing else
PANDAS = ("import os\nfrom pathlib import Path\nimport pandas as pd\n"
          "folder = Path(os.environ['DATA'])\n"
          f"frames = [pd.read_csv(folder / f'{{t}}.csv', dtype=str) for t in {TABLES!r}]\n")
LOADER = "from asnresearch.io import load_dataset\nds = load_dataset()\n"
WARM = f"""
import time, pandas as pd
from asnresearch.io import DATA_DIR, load_dataset
def best(f):
    times = []
    for _ in range({RUNS}):
        start = time.perf_counter(); f(); times.append(time.perf_counter() - start)
    return min(times)
load_dataset()
read = best(lambda: [pd.read_csv(DATA_DIR / f"{{t}}.csv", dtype=str) for t in {TABLES!r}])
load = best(load_dataset)
print(read, load)
"""


def time_process(code: str, env: dict[str, str]) -> float:
    """Wall time of a fresh interpreter running ``code`` (start-up and imports included)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    from asnresearch.io import DATA_DIR

    env = dict(os.environ, DATA=str(DATA_DIR))
    reads, loads = [], []
    for _ in range(RUNS):
        reads.append(time_process(PANDAS, env))
        loads.append(time_process(LOADER, env))
    read, load = min(reads), min(loads)
    warm = subprocess.run([sys.executable, "-c", WARM], check=True, capture_output=True,
                          text=True, env=env).stdout.split()
    warm_read, warm_load = (float(x) for x in warm)
    print(f"cold (fresh process, imports included, best of {RUNS}):")
    print(f"  pandas.read_csv of the 4 tables: {read:.3f} s")
    print(f"  load_dataset():                  {load:.3f} s")
    print(f"  ratio:                           {load / read:.2f} (target <= 1.5)")
    print(f"warm (imports done, best of {RUNS} calls):")
    print(f"  pandas.read_csv of the 4 tables: {warm_read:.4f} s")
    print(f"  load_dataset():                  {warm_load:.4f} s")
    print(f"  ratio:                           {warm_load / warm_read:.1f}")


if __name__ == "__main__":
    main()
