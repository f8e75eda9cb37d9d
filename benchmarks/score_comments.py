"""Speed and memory of the comment scorer; prints figures, asserts nothing.

1. Throughput: comments per second of ``score_comments`` (and of ``score_frame``, which also
   scrubs the stored text) on generated comments, one core.
2. Streaming: peak memory (RSS of a child process) of ``asnresearch score-comments`` on a
   generated Parquet file, read and written in chunks.
3. Dask: wall time of ``score_dask`` on a ``dask.distributed`` local cluster with one worker
   and with two (one thread each), reading and writing Parquet on the workers, and the
   speed-up.

Targets (issue 5): >= 150,000 comments/s, streaming peak < 1 GB, speed-up >= 1.6x.

    .venv/bin/python benchmarks/score_comments.py              # the issue's sizes
    .venv/bin/python benchmarks/score_comments.py --quick      # small sizes, for a smoke run
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def throughput(n: int) -> None:
    import os

    import pandas as pd

    from asnresearch.comments import score_comments, score_frame
    from asnresearch.synth import simulate_comments

    corpus = simulate_comments(n, seed=1)
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {max(cores)})  # one core, whatever threads the libraries start
    for name, run in [("score_comments", lambda: score_comments(corpus["text"])),
                      ("score_frame (scrub + score)",
                       lambda: score_frame(pd.DataFrame({"text": corpus["text"]})))]:
        run()  # warm-up at full size: lexicon loaded, memory allocated
        times = []
        for _ in range(3):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        t = sorted(times)[1]
        print(f"{name}: {n:,} comments, median of 3 runs {t:.2f} s = {n / t:,.0f} comments/s "
              f"(one core)")
    os.sched_setaffinity(0, cores)


def write_corpus(path: Path, n: int, *, chunk: int = 1_000_000) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from asnresearch.synth import simulate_comments

    writer = None
    for i, start in enumerate(range(0, n, chunk)):
        part = simulate_comments(min(chunk, n - start), seed=100 + i)
        table = pa.Table.from_pandas(part, preserve_index=False)
        writer = writer or pq.ParquetWriter(path, table.schema)
        writer.write_table(table)
    writer.close()


def high_water_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a running process. Read from /proc because a fork's
    ru_maxrss counts the parent's pages it started with."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def streaming(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "comments.parquet", Path(tmp) / "scored.parquet"
        write_corpus(source, n)
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "asnresearch.cli", "score-comments",
                                  str(source), "-o", str(target), "--id-column", "comment_id",
                                  "--author-column", "author_id", "--salt", "benchmark",
                                  "--quiet"])
        peak_mb = 0.0
        while child.poll() is None:
            peak_mb = max(peak_mb, high_water_mb(child.pid))
            time.sleep(0.2)
        if child.returncode:
            raise SystemExit(f"score-comments failed with {child.returncode}")
        t = time.perf_counter() - start
        print(f"score-comments streaming {n:,} comments: {t:.1f} s ({n / t:,.0f}/s), "
              f"peak memory {peak_mb:,.0f} MB")


def dask_speedup(n: int, partitions: int) -> None:
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    from asnresearch.comments import score_dask
    from asnresearch.synth import simulate_comments

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        corpus = simulate_comments(n, seed=2)
        dd.from_pandas(corpus, npartitions=partitions).to_parquet(folder)
        times = {}
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster):
                ddf = dd.read_parquet(folder)
                score_dask(ddf.partitions[:workers]).compute()  # warm-up: lexicon loaded
                start = time.perf_counter()
                # the workers read, score and write: nothing passes through the client
                score_dask(ddf, text_column="text").to_parquet(Path(tmp) / f"out{workers}")
                times[workers] = time.perf_counter() - start
                assert len(dd.read_parquet(Path(tmp) / f"out{workers}")) == n
        print(f"dask: {n:,} comments in {partitions} partitions: 1 worker {times[1]:.1f} s, "
              f"2 workers {times[2]:.1f} s, speed-up {times[1] / times[2]:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    args = parser.parse_args()
    if args.quick:
        throughput(100_000)
        streaming(300_000)
        dask_speedup(200_000, 8)
    else:
        throughput(1_000_000)
        streaming(10_000_000)
        dask_speedup(2_000_000, 16)


if __name__ == "__main__":
    main()
