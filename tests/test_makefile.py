"""`make` picks a Python that can install the project, and rebuilds a .venv made by one that
cannot; without one it stops with a message saying what to install."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OLD_PYTHON = """#!/bin/sh
# A Python 3.10: what `python3` is on many machines.
case "$*" in
  *version_info*) exit 1 ;;
  *) echo "Python 3.10.12: pip fails here" >&2; exit 1 ;;
esac
"""

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def fake_bin(folder: Path, **programs: str) -> Path:
    folder.mkdir(exist_ok=True)
    for name, script in programs.items():
        path = folder / name
        path.write_text(script)
        path.chmod(0o755)
    for tool in ("sh", "rm", "test", "echo", "touch"):
        if shutil.which(tool) and not (folder / tool).exists():
            (folder / tool).symlink_to(shutil.which(tool))
    return folder


def make(project: Path, path: Path, *targets: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [shutil.which("make"), "-C", str(project), *targets],
        env={"PATH": str(path), "HOME": str(project)},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    return tmp_path


def test_only_an_old_python_stops_with_a_clear_message(project):
    path = fake_bin(project / "bin", python3=OLD_PYTHON)
    result = make(project, path, ".venv/bin/python")
    assert result.returncode != 0
    assert "needs Python 3.11 or newer" in result.stderr
    assert not (project / ".venv").exists()


def test_a_venv_made_by_an_old_python_is_rebuilt_with_a_newer_one_than_python3(project):
    path = fake_bin(project / "bin", python3=OLD_PYTHON)
    (path / "python3.11").symlink_to(sys.executable)
    broken = project / ".venv" / "bin"
    broken.mkdir(parents=True)
    fake_bin(broken, python=OLD_PYTHON)
    (project / ".venv" / "leftover").write_text("from the failed install")
    result = make(project, path, ".venv/bin/python")
    assert result.returncode == 0, result.stderr
    assert "rebuilding it" in result.stdout
    assert not (project / ".venv" / "leftover").exists()
    version = subprocess.run(
        [project / ".venv/bin/python", "-c", "import sys; print(tuple(sys.version_info[:2]))"],
        capture_output=True,
        text=True,
    )
    assert version.stdout.strip() == str(tuple(sys.version_info[:2]))  # python3.11's
