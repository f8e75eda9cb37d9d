"""Krippendorff's alpha, its bootstrap interval, and the reliability figures of data/README.md."""

from __future__ import annotations

import importlib.util
import re

import pandas as pd
import pytest

from asnresearch.io import DATA_DIR
from asnresearch.reliability import bootstrap_alpha, compute_alpha, measure_agreement

NA = None
# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C (nominal data,
# any number of observers, missing data): 4 observers by 12 units; alpha = 113/152 = 0.743.
# https://repository.upenn.edu/asc_papers/43
KRIPPENDORFF_2011_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
    [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
]


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location(
        "reliability_script", DATA_DIR.parent / "scripts" / "coding" / "reliability.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_alpha_matches_krippendorffs_worked_example():
    assert compute_alpha(KRIPPENDORFF_2011_C, level="nominal") == pytest.approx(113 / 152)
    # the same values as text codes with "unknown" for missing give the same alpha
    as_text = [["unknown" if v is None else f"c{v}" for v in row] for row in KRIPPENDORFF_2011_C]
    assert compute_alpha(as_text, level="nominal") == pytest.approx(113 / 152)


def test_unknown_and_na_are_missing_not_a_disagreement():
    # pandas 3 keeps <NA> through astype(str), so a count unknown to both coders once
    # compared as NaN against "unknown" and counted as a disagreement
    first = pd.DataFrame({"id": [1, 2, 3, 4, 5],
                          "k": pd.array([1, 2, 2, 3, None], dtype="Int64")})
    second = pd.DataFrame({"id": [1, 2, 3, 4, 5], "k": ["1", "2", "1", "unknown", "unknown"]})
    row = measure_agreement(first, second, key="id", levels={"k": "nominal"}, draws=50).iloc[0]
    assert (row["n"], row["one_unknown"]) == (3, 1)
    assert row["agreement"] == pytest.approx(2 / 3)
    dropped = compute_alpha([[1, 2, 2], [1, 2, 1]], level="nominal")
    assert row["alpha"] == pytest.approx(dropped)


def test_released_table_names_a_missing_count_unknown(script):
    first = script.released_table({"ASN-2021-0009"})
    assert first["n_asn_involved"].tolist() == ["unknown"]
    second = pd.DataFrame({"case_id": ["ASN-2021-0009"], "n_asn_involved": ["unknown"]})
    merged = first[["case_id", "n_asn_involved"]].merge(second, on="case_id")
    assert (merged["n_asn_involved_x"] == merged["n_asn_involved_y"]).all()


def test_a_count_stored_as_float_is_the_same_code():
    assert compute_alpha([[1, 2.0, 3], ["1", "2", "3"]], level="nominal") == 1.0


def test_numeric_levels_refuse_text():
    with pytest.raises(ValueError, match="interval alpha needs numbers; got 'many'"):
        compute_alpha([[1, 2, "many"], [1, 2, 3]], level="interval")
    with pytest.raises(ValueError, match="level 'binary'"):
        compute_alpha([[1, 2], [1, 2]], level="binary")


def test_alpha_is_undefined_on_one_value():
    assert pd.isna(compute_alpha([["x", "x", "unknown"], ["x", "x", "y"]], level="nominal"))


def test_bootstrap_interval_is_seeded_and_holds_the_estimate():
    codings = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 2], [0, 1, 2, 4, 4, 5, 7, 7, 8, 6, 3, 1]]
    estimate = compute_alpha(codings, level="interval")
    lower, upper, undefined = bootstrap_alpha(codings, level="interval", draws=500, seed=1)
    assert lower < estimate < upper and undefined == 0
    assert bootstrap_alpha(codings, level="interval", draws=500, seed=1) == (lower, upper, 0)
    assert bootstrap_alpha(codings, level="interval", draws=500, seed=2) != (lower, upper, 0)


def test_recoded_dates_are_typed_like_the_loader(script):
    records = [{"case_id": "X", "case": {"incident_date": "2017-06", "surfaced_date": "2019"},
                "sources": [{"key": "s1", "published_date": "2017-06-03"}],
                "events": [{"event_date": "unknown", "source": "s1"}], "reactions": []}]
    ds = script.recoded_dataset(records)
    assert ds["cases"]["incident_date"].iloc[0] == pd.Timestamp("2017-06-01")
    assert ds["cases"]["surfaced_date"].iloc[0] == pd.Timestamp("2019-01-01")
    assert pd.isna(ds["events"]["event_date"].iloc[0])
    assert ds["events"]["source_id"].iloc[0] == ds["sources"]["source_id"].iloc[0]


def assert_table_quoted(script, table, heading):
    """The agreement table quoted under ``heading`` of data/README.md is ``table`` as the
    script formats it, row for row; returns that section's text."""
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split(heading, 1)[1].split("\n## ", 1)[0]
    quoted = {m[0]: m[1] for m in re.findall(r"^\| `(\w+)` (\|.*\|)$", section, re.M)}
    assert set(quoted) == set(script.LEVELS)
    for line in script.format_table(table).splitlines()[2:]:
        name = line.split("`")[1]
        assert line == f"| `{name}` {quoted[name]}", name
    return section


def test_reliability_table_in_data_readme_matches_a_recomputation(script):
    """The figures data/README.md quotes come from the blind re-code as it is."""
    first, second, table = script.compare()
    assert len(second) == 26
    section = assert_table_quoted(script, table, "## Inter-coder reliability")
    n_one_unknown = script.list_disagreements(first, second)
    case_rows = n_one_unknown[n_one_unknown["variable"].isin(script.CASE_VARS
                                                             + script.DERIVED_VARS)]
    assert (f"{case_rows['one_unknown'].sum()} of the {len(case_rows)} disagreements"
            in " ".join(section.split()))


def test_fresh_recode_table_in_data_readme_matches_a_recomputation(script):
    """The fresh blind re-code that judges rules A13 and A14 (release 1.6.0), as quoted."""
    _, second, table = script.compare(script.read_recode(script.CODING / "v2" / "recode3"))
    assert len(second) == 40
    section = assert_table_quoted(script, table,
                                  "## A fresh blind re-code after rules A13 and A14")
    first_action = table.set_index("variable").loc["first_action"]
    assert f"kappa {first_action['kappa']:.2f} (alpha {first_action['alpha']:.2f}" in section
