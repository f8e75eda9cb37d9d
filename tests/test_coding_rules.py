"""The coding guide's mechanical decision rules hold on the released tables
(scripts/coding/check_rules.py), and the check finds a breach when one is made."""

import importlib.util
import shutil
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def rules():
    spec = importlib.util.spec_from_file_location("check_rules",
                                                  ROOT / "scripts/coding/check_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_released_tables_keep_every_rule(rules):
    assert rules.check_rules() == []


def _broken_copy(tmp_path, edit):
    from asnresearch.io import write_datapackage

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for name, change in edit.items():
        table = pd.read_csv(data / f"{name}.csv", dtype=str, keep_default_na=False)
        change(table)
        table.to_csv(data / f"{name}.csv", index=False, lineterminator="\n")
    write_datapackage(data)
    return data


def test_each_rule_finds_its_breach(rules, tmp_path):
    def early_report(sources):
        # the source of a day-dated step published the day before the step
        events = pd.read_csv(ROOT / "data/events.csv", dtype=str, keep_default_na=False)
        step = events[(events["event_date_precision"] == "day")
                      & (events["event_date"] > "2020-01-01")].iloc[0]
        row = sources.index[sources["source_id"] == step["source_id"]][0]
        day = pd.Timestamp(step["event_date"]) - pd.Timedelta(days=1)
        sources.loc[row, ["published_date", "published_date_precision"]] = [
            f"{day:%Y-%m-%d}", "day"]

    def second_primary(sources):
        early_report(sources)
        case = sources.loc[sources["source_role"] == "secondary", "case_id"].iloc[0]
        sources.loc[(sources["case_id"] == case), "source_role"] = "primary"

    data = _broken_copy(tmp_path, {"sources": second_primary})
    found = {rule for rule, _, _ in rules.check_rules(data)}
    assert found == {"A8", "A9"}


def test_a_surfacing_arrest_left_out_is_found(rules, tmp_path):
    # A14: recode the arrest of one case that surfaced through a police arrest as another step
    from asnresearch.codebook import load_codebook

    cb = load_codebook()
    (via, action), = cb.rules["surfacing_steps"].items()
    cases = pd.read_csv(ROOT / "data/cases.csv", dtype=str, keep_default_na=False)
    surfaced = set(cases.loc[cases["surfaced_via"] == via, "case_id"])
    changed = []

    def recode_step(events):
        steps = events[(events["action"] == action) & events["case_id"].isin(surfaced)]
        changed.append(steps["case_id"].iloc[0])
        events.loc[steps.index[steps["case_id"] == changed[0]], "action"] = next(
            code for code in cb.codes("action") if code != action)

    data = _broken_copy(tmp_path, {"events": recode_step})
    assert [b[:2] for b in rules.check_rules(data) if b[0] == "A14"] == [("A14", changed[0])]
