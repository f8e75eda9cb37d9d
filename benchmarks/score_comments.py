"""Speed and memory of the comment scorer; prints figures, asserts nothing.

1. Learned scorer: comments per second, one core, on comments of realistic length (60-200
   characters: generated comments joined until each is 60 long), of
   ``comment_model.score_arrays`` given an Arrow array (the scorer itself) and of
   ``score_comments(method="learned")`` (pandas in, frame out), each the median of 3 runs,
   and their time over that of a plain Arrow tokenising pass over the same texts (lower-case,
   split on non-alphanumerics, count tokens per text).
2. Lexicon scorer: comments per second, one core, of ``score_comments(method="lexicon")``
   (and of ``score_frame``, which also scrubs the stored text) on generated comments.
3. Streaming: peak memory (RSS of a child process) of ``asnresearch score-comments`` (the
   learned default) on a generated Parquet file, read and written in chunks.
4. Dask: wall time of ``score_dask`` (learned) on a ``dask.distributed`` local cluster with
   one worker and with two (one thread each), reading and writing Parquet on the workers,
   and the speed-up.

Targets: learned >= 100,000 comments/s on 1 million comments of 60-200 characters
(issue 16); lexicon >= 150,000 comments/s, streaming peak < 1 GB, speed-up >= 1.6x (issue 5).

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


def median_time(run, *, warm_up=None) -> float:
    """Median wall time of 3 runs of ``run``, after one run of ``warm_up`` (default ``run``)."""
    (warm_up or run)()
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return sorted(times)[1]


def realistic_texts(n: int, *, seed: int = 1):
    """``n`` comments of 60-200 characters as an Arrow array: generated comments (under 80
    characters each) joined by a space, in order, until each reaches a length drawn
    uniformly from 60-200, closed early rather than passing 200."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from asnresearch.synth import simulate_comments

    targets = np.random.default_rng(seed).integers(60, 201, n).tolist()
    parts, offsets, total, i = [], [0], 0, 0
    while len(offsets) <= n:
        part = pa.array(simulate_comments(1_000_000, seed=seed + len(parts))["text"],
                        pa.large_string())
        parts.append(part)
        for length in pc.utf8_length(part).to_numpy().tolist():
            add = length + (total > 0)
            if total >= 60 and total + add > 200:  # close before passing 200
                offsets.append(i)
                total, add = 0, length
                if len(offsets) > n:
                    break
            total += add
            i += 1
            if total >= targets[len(offsets) - 1]:
                offsets.append(i)
                total = 0
                if len(offsets) > n:
                    break
    pool = pa.concat_arrays(parts).slice(0, offsets[-1])
    pieces = pa.LargeListArray.from_arrays(pa.array(offsets, pa.int64()), pool)
    texts = pc.binary_join(pieces, pa.scalar(" ", pa.large_string()))
    lengths = pc.utf8_length(texts)
    low, high = (v.as_py() for v in pc.min_max(lengths).values())
    assert 60 <= low and high <= 200, (low, high)
    print(f"{n:,} realistic comments: {low}-{high} characters, mean "
          f"{pc.mean(lengths).as_py():.1f}")
    return texts


def learned_throughput(n: int) -> None:
    import os

    import pyarrow.compute as pc

    from asnresearch.comment_model import score_arrays
    from asnresearch.comments import score_comments

    texts = realistic_texts(n)
    series = texts.to_pandas()
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {max(cores)})  # one core, whatever threads the libraries start
    try:
        def tokenise():
            tokens = pc.split_pattern_regex(pc.utf8_lower(texts), r"[^a-z0-9]+")
            return pc.list_value_length(tokens)

        warm = texts.slice(0, 100_000)  # one chunk: weights loaded, caches filled
        base = median_time(tokenise)
        print(f"Arrow tokenising pass (lower, split, count): {n:,} comments, median of 3 runs "
              f"{base:.2f} s = {n / base:,.0f} comments/s (one core)")
        for name, run, warm_up in [
                ("score_arrays (Arrow in, arrays out)", lambda: score_arrays(texts),
                 lambda: score_arrays(warm)),
                ('score_comments(method="learned") (pandas in, frame out)',
                 lambda: score_comments(series, method="learned"),
                 lambda: score_comments(series.iloc[:100_000], method="learned"))]:
            t = median_time(run, warm_up=warm_up)
            print(f"{name}: {n:,} comments, median of 3 runs {t:.2f} s = {n / t:,.0f} "
                  f"comments/s (one core), {t / base:.1f}x the tokenising pass")
    finally:
        os.sched_setaffinity(0, cores)


def throughput(n: int) -> None:
    import os

    import pandas as pd

    from asnresearch.comments import score_comments, score_frame
    from asnresearch.synth import simulate_comments

    corpus = simulate_comments(n, seed=1)
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {max(cores)})  # one core, whatever threads the libraries start
    for name, run in [('score_comments(method="lexicon")',
                       lambda: score_comments(corpus["text"], method="lexicon")),
                      ('score_frame(method="lexicon") (scrub + score)',
                       lambda: score_frame(pd.DataFrame({"text": corpus["text"]}),
                                           method="lexicon"))]:
        t = median_time(run)  # warm-up at full size: lexicon loaded, memory allocated
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
        learned_throughput(100_000)
        throughput(100_000)
        streaming(300_000)
        dask_speedup(200_000, 8)
    else:
        learned_throughput(1_000_000)
        throughput(1_000_000)
        streaming(10_000_000)
        dask_speedup(2_000_000, 16)


if __name__ == "__main__":
    main()
