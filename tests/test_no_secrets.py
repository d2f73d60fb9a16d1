"""No credentials in the repository: private keys, cloud keys or a real SECRET_KEY.

Scans every file git tracks. The only SECRET_KEY values allowed are the documented
development-only default, test-only keys and placeholders (see ALLOWED_SECRET_KEY_MARKERS).
"""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DASHES = "-" * 5  # split so this file does not match its own pattern
PATTERNS = {
    "private key": re.compile(DASHES + r"BEGIN ([A-Z0-9]+ )*PRIVATE KEY" + DASHES),
    "AWS access key id": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(
        r"aws_?secret_?access_?key\s*[=:]\s*[\"']?[A-Za-z0-9/+=]{40}", re.IGNORECASE
    ),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
}
SECRET_KEY_VALUE = re.compile(
    r"SECRET_KEY[\"']?\s*[:=,]\s*[\"']([^\"']+)[\"']|^SECRET_KEY=(\S+)$", re.MULTILINE
)
KEY_NAME = "SECRET" + "_KEY"  # planted below without matching this file itself
ALLOWED_SECRET_KEY_MARKERS = ("development-only", "test-only", "change-me", "bench-")


def tracked_files() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / name for name in listed.decode().split("\0") if name]


def findings(text: str) -> list[str]:
    found = [name for name, pattern in PATTERNS.items() if pattern.search(text)]
    for match in SECRET_KEY_VALUE.finditer(text):
        value = match.group(1) or match.group(2)
        if not any(marker in value for marker in ALLOWED_SECRET_KEY_MARKERS):
            found.append(f"hard-coded SECRET_KEY {value[:6]}…")
    return found


def test_tracked_files_hold_no_secrets():
    problems = []
    files = tracked_files()
    for path in files:
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary: images, fonts
        problems += [f"{path.relative_to(ROOT)}: {problem}" for problem in findings(text)]
    assert len(files) > 50, "git ls-files found almost nothing; is this the checkout?"
    assert not problems, "credentials in tracked files:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "planted",
    [
        DASHES + "BEGIN RSA PRIVATE KEY" + DASHES + "\nMIIE...",
        DASHES + "BEGIN OPENSSH PRIVATE KEY" + DASHES,
        "key_id = 'AKIA" + "ABCDEFGHIJKLMNOP'",
        "aws_secret_access_key = " + "a" * 40,
        KEY_NAME + ' = "' + "k3y" * 15 + '"',
        KEY_NAME + "=" + "k3y" * 15,
        "token = 'ghp_" + "a" * 36 + "'",
    ],
)
def test_the_scanner_finds_planted_secrets(planted):
    assert findings(planted)


def test_the_documented_development_key_is_allowed():
    settings_text = (ROOT / "factcheck" / "settings.py").read_text(encoding="utf-8")
    assert "django-insecure-development-only-key" in settings_text
    assert findings(settings_text) == []
