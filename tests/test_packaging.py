"""A pip-installed user gets the default rubric inside the wheel."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile

from .conftest import ROOT


def test_wheel_ships_the_default_rubric(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT, check=True, capture_output=True, timeout=120,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "djscore/rubrics/dangjian-neihan.yaml" in names
    assert "djscore/cli/__init__.py" in names
    assert any(n.startswith("djscore/rules/data/") for n in names)


def test_the_api_examples_run_from_the_installed_wheel(tmp_path):
    """What docs/api.md shows works for a user who installed the wheel, not only from the tree."""
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "djscore/data/common_words.txt" in names  # business words need their list of everyday words
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", doc, re.S)
    program = f"import djscore\nassert djscore.__file__.startswith({str(site)!r}), djscore.__file__\n"
    program += "".join(f"exec(compile({block!r}, 'docs/api.md', 'exec'), {{}})\n" for block in blocks)
    proc = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(site)}, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
