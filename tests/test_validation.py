"""The validation report runs from a clean checkout and keeps the precision it promises."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ROOT


def evaluate(*args: str) -> dict:
    proc = subprocess.run([sys.executable, str(ROOT / "validation" / "evaluate.py"), "--json", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    return json.loads(proc.stdout)


def test_check_part_report_has_the_documented_figures():
    figures = evaluate()
    assert figures["part"] == "check" and figures["texts"] >= 40
    for key in ("auc_addressed", "auc_substantive", "band_accuracy"):
        assert 0 <= figures[key] <= 1
    assert set(figures["pillars"]) == {"integrate-center", "form-core", "temper-party-spirit", "unite-hearts"}
    assert set(figures["bands"]) == {"未论及", "提及", "实质论述"}


def test_off_topic_and_non_party_writing_stay_unscored():
    figures = evaluate("--part", "all")
    assert figures["texts"] >= 100
    assert figures["offtopic"]["max_overall"] <= 5
    # Non-Party work writing that names Party work in one sentence gets a passing mention on one
    # pillar (about 18), never more: readers call such a sentence a passing mention about as
    # often as not (7 against 6 on the fit part of 2026-12-02, validation/README.md), so the
    # target of 15 is reported by evaluate.py, not asserted.
    assert figures["nonparty"]["max_pillar"] <= 20
