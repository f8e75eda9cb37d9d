"""The explorer in a real browser: Voila serves notebooks/00-explore, Debian's chromium (driven
by the playwright package; no browser download) chooses a province and a year range through the
widgets, and the map, the case table and the headline must equal a direct pandas computation
on the dataset. The page must fetch nothing from outside this machine. A screenshot goes to
reports/explore.png.

Without /usr/bin/chromium the test is skipped, unless the environment variable CI is set:
there it fails (.ci/run installs chromium first).
"""

from __future__ import annotations

import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOT = ROOT / "reports" / "explore.png"
# flags that let headless chromium run here: no sandbox as root, and no background
# connections, which the closed network refuses
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
START_TIMEOUT = 40  # seconds for Voila to answer and the page to show its first count
UPDATE_TIMEOUT = 15_000  # milliseconds for one filter change


def find_free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_server(url: str, proc: subprocess.Popen, timeout: float) -> None:
    """Return once the server at ``url`` answers. It is asked for a page it does not have:
    asking for the app itself would take the kernel Voila preheats for the first visitor."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"voila exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "no-such-page", timeout=2):
                return
        except urllib.error.HTTPError:  # it answered
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"voila did not answer at {url} within {timeout} s")


@pytest.fixture(scope="module")
def voila_url():
    if not CHROMIUM.exists():
        message = (f"{CHROMIUM} is missing: install Debian's chromium "
                   "(apt-get install chromium); .ci/run does so")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    pytest.importorskip("playwright.sync_api", reason="the dev extra installs playwright")
    from asnresearch.explore import voila_command

    port = find_free_port()
    command, env = voila_command(port=port)
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(command, env={**os.environ, **env}, stdout=log,
                            stderr=subprocess.STDOUT, cwd=ROOT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_server(url, proc, START_TIMEOUT)
        yield url
    except (RuntimeError, TimeoutError) as exc:
        log.seek(0)
        pytest.fail(f"{exc}; its log ends: {log.read()[-2000:].decode(errors='replace')}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def expected(province: str, years: tuple[int, int]) -> dict:
    """The chosen cases computed with pandas alone from the loaded tables and the codebook's
    stages and final actions."""
    from asnresearch.codebook import load_codebook
    from asnresearch.io import load_dataset

    cb = load_codebook()
    ds = load_dataset()
    cases, events = ds["cases"], ds["events"]
    year = cases["incident_date"].dt.year
    chosen = cases[(cases["province_code"] == province)
                   & year.between(*years).fillna(False).astype(bool)]
    stages = cb.stages()
    first, last = list(stages)[0], list(stages)[-1]

    def with_action(actions) -> int:
        hit = events.loc[events["action"].astype(str).isin(actions), "case_id"]
        return int(chosen["case_id"].isin(hit).sum())

    return {"cases": len(chosen), "provinces": int(chosen["province_code"].nunique()),
            "responded": with_action(stages[first]), "sanctioned": with_action(stages[last]),
            "final": with_action(cb.rules["final_actions"]),
            "by_province": chosen["province_code"].value_counts().to_dict()}


def updates(page) -> int:
    return int(page.get_attribute('[data-testid="updates"]', "data-updates"))


def wait_for_update(page, before: int) -> None:
    page.wait_for_function(
        f"document.querySelector('[data-testid=\"updates\"]')?.dataset.updates > {before}",
        timeout=UPDATE_TIMEOUT)


def test_filters_update_the_map_table_and_headline_like_pandas(voila_url):
    from playwright.sync_api import sync_playwright

    from asnresearch.io import load_cases, write_atomically

    cases = load_cases()
    counts = cases["province_code"].value_counts()
    province = str(sorted(counts[counts == counts.max()].index)[0])  # the most cases
    years = (2018, 2025)
    want = expected(province, years)

    outside = []
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1400, "height": 2000})  # the screenshot shows every view
        try:
            page = browser.new_page()
            page.on("request", lambda r: outside.append(r.url)
                    if not r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:"))
                    else None)
            page.goto(voila_url, timeout=START_TIMEOUT * 1000)
            page.wait_for_selector('[data-testid="n-cases"]', timeout=START_TIMEOUT * 1000)
            assert int(page.inner_text('[data-testid="n-cases"]')) == len(cases)

            before = updates(page)
            select = page.locator(".explore-province select")
            label = next(o for o in select.locator("option").all_inner_texts()
                         if o.replace("\xa0", " ").endswith(f"({province})"))
            select.select_option(label=label)
            wait_for_update(page, before)

            before = updates(page)
            readout = page.locator(".explore-years .widget-readout")
            readout.click()
            page.keyboard.press("Control+A")
            page.keyboard.type(f"{years[0]} - {years[1]}")
            page.keyboard.press("Enter")
            wait_for_update(page, before)
            page.wait_for_timeout(300)  # no further update may follow (it would be stale)

            shown = {key: int(page.inner_text(f'[data-testid="n-{key}"]'))
                     for key in ("cases", "provinces", "responded", "sanctioned", "final")}
            assert shown == {k: v for k, v in want.items() if k != "by_province"}
            tiles = page.locator("g.tile")
            assert tiles.count() == 38
            on_map = {tiles.nth(i).get_attribute("data-province"):
                      int(tiles.nth(i).get_attribute("data-n")) for i in range(tiles.count())}
            assert {k: v for k, v in on_map.items() if v} == want["by_province"]
            title = page.inner_html(f'g.tile[data-province="{province}"] title')
            assert f"({province}): {want['cases']} " in title
            rows = page.locator('[data-testid="case-row"]').count()
            assert rows == min(want["cases"], 100)
            assert int(page.inner_text('[data-testid="n-rows"]')) == want["cases"]

            with write_atomically(SCREENSHOT, overwrite=True) as tmp:
                page.screenshot(path=str(tmp), type="png", full_page=True)
        finally:
            browser.close()
    assert not outside, f"the page fetched from outside this machine: {outside}"
