"""Time the explorer in a real browser, from the browser's own clock: the first render after the
server starts, and a filter change, on the bundled data and on ten times as many cases.

For each dataset Voila starts as `make explore` starts it (asnresearch.explore.voila_command,
preheated kernel) with ASNRESEARCH_DATA pointing at the data folder. Debian's chromium
(playwright, no browser download) opens the page as soon as the server answers (asked for a
page it does not have, so that the kernel preheated for the first visitor is left to it).
The figures:

- first render: from the moment the server process was started to the moment the page shows
  its first case count (a MutationObserver notes performance.now() when the count appears; the
  page's performance.timeOrigin puts it on the wall clock); also the part of it after the
  page's navigation started. Target (issue 17): at most 5 s.
- filter change: performance.now() from the province dropdown's change event until the page
  shows the recomputed views (the headline is written last, with an update counter), for
  several provinces in turn; median and slowest. Target: at most 1 s.

The larger dataset is drawn by asnresearch.synth.simulate_study (38 provinces, 2013-2026, the
base rate scaled to about ten times the bundled number of cases), written as a data folder that the
loaders validate like the real one, with the real headcount so that the map's rates have
denominators. Needs /usr/bin/chromium. Every run measures a busy or an idle machine alike: the
load average is printed beside the figures.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the browser test's chromium settings, shared
from tests.test_explore_browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    find_free_port,
    wait_for_server,
)

SCALE = 10
CHANGES = 6  # filter changes timed per dataset
# notes when the first case count appears, on the page's own clock
FIRST_COUNT = """
new MutationObserver((_, observer) => {
  if (document.querySelector('[data-testid="n-cases"]')) {
    window.__firstCount = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""
# changes the province dropdown and resolves with the ms until the views are recomputed
CHANGE = """
async (label) => {
  const counter = () => Number(
      document.querySelector('[data-testid="updates"]').dataset.updates);
  const before = counter();
  const select = document.querySelector('.explore-province select');
  const start = performance.now();
  select.value = label;
  select.dispatchEvent(new Event('change', {bubbles: true}));
  return await new Promise((resolve) => {
    const check = () => counter() > before ? resolve(performance.now() - start)
                                             : requestAnimationFrame(check);
    check();
  });
}
"""


def write_scaled_data(folder: Path) -> int:
    """Write ten times the bundled number of synthetic cases as a data folder; their count."""
    from asnresearch.io import DATA_DIR, HEADCOUNT_FILE, load_cases, write_datapackage
    from asnresearch.synth import Truth, simulate_study, write_study

    target = SCALE * len(load_cases())
    years = range(2013, 2027)
    trial = simulate_study(provinces=38, years=years, seed=17)
    base = Truth().base_rate * target / max(trial.notes["cases"], 1)
    study = simulate_study(truth=Truth(base_rate=base), provinces=38, years=years, seed=17)
    write_study(study, folder)
    shutil.copyfile(DATA_DIR / HEADCOUNT_FILE, folder / HEADCOUNT_FILE)
    write_datapackage(folder)  # the checksums of the copied headcount
    return study.notes["cases"]


def measure(data_dir: Path | None) -> dict[str, float]:
    """Open the browser, start Voila on ``data_dir`` (None: the bundled data), load the page
    as soon as the server answers, and time it (the browser is running before the server
    starts, as a visitor's is)."""
    from playwright.sync_api import sync_playwright

    from asnresearch.explore import voila_command

    port = find_free_port()
    command, env = voila_command(port=port)
    if data_dir is not None:
        env["ASNRESEARCH_DATA"] = str(data_dir)
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1400, "height": 1000})
        page = browser.new_page()
        page.add_init_script(FIRST_COUNT)
        started = time.time()
        proc = subprocess.Popen(command, env={**os.environ, **env}, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for_server(url, proc, 60)
            page.goto(url, timeout=120_000)
            page.wait_for_function("window.__firstCount !== undefined", timeout=120_000)
            origin, first = page.evaluate("[performance.timeOrigin, window.__firstCount]")
            labels = page.locator(".explore-province select option").all_inner_texts()
            changes = [page.evaluate(CHANGE, label.replace("\xa0", " "))
                       for label in labels[1:CHANGES + 1]]
        finally:
            browser.close()
            proc.terminate()
            proc.wait(timeout=20)
    return {"first_render": (origin + first) / 1000 - started, "after_navigation": first / 1000,
            "change_median": statistics.median(changes) / 1000,
            "change_max": max(changes) / 1000}


def main() -> None:
    from asnresearch.io import load_cases

    if not CHROMIUM.exists():  # the other benchmarks of `make benchmark` still run
        print(f"explore_speed skipped: {CHROMIUM} is missing (apt-get install chromium)")
        return
    runs = {f"bundled data ({len(load_cases())} cases)": None}
    with tempfile.TemporaryDirectory() as folder:
        n = write_scaled_data(Path(folder))
        runs[f"synthetic, x{SCALE} ({n} cases)"] = Path(folder)
        for name, data_dir in runs.items():
            load = os.getloadavg()[0]
            figures = measure(data_dir)
            print(f"{name}  (load average before: {load:.2f} on {os.cpu_count()} cores)")
            print(f"  first render after the server started: {figures['first_render']:.2f} s "
                  f"(target <= 5 s; of which after navigation: "
                  f"{figures['after_navigation']:.2f} s)")
            print(f"  filter change, {CHANGES} provinces: median "
                  f"{figures['change_median']:.2f} s, slowest {figures['change_max']:.2f} s "
                  f"(target <= 1 s)")


if __name__ == "__main__":
    main()
