"""Format checks for the span-level "numbers" of every extraction corpus set.

The passage-level "casualties" are derived from "numbers" (lead's decision 1), so a
relabelling that forgets to regenerate them, or an offset that drifts after an edit,
fails here rather than silently moving the scores.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from claims.spec import CASUALTY_VALUE_FIELDS

CORPUS_DIR = Path(__file__).parent / "extraction_corpus"
# Held-out sets are scored, never trained on (tests/extraction_heldout/README.md).
HELDOUT_DIR = Path(__file__).parent / "extraction_heldout"
CORPUS_FILES = sorted(CORPUS_DIR.glob("*.json")) + sorted(HELDOUT_DIR.glob("*.json"))

LABELS = {
    "casualty",
    "age",
    "date",
    "duration",
    "money",
    "measure",
    "thing",
    "people",
    "earlier_event",
    "forecast",
    "hypothetical",
    "ordinal",
    "other",
}
OUTCOMES = {"killed", "injured", "missing", "displaced", "arrested"}
ROLES = {"claim", "subcount", "superseded", "repeat"}
COUNTED_ROLES = {"claim", "subcount", "superseded"}
SPAN_KEYS = {"start", "end", "text", "label"}
CASUALTY_KEYS = (
    SPAN_KEYS | set(CASUALTY_VALUE_FIELDS) | {"role", "speaker", "speaker_start", "speaker_end"}
)
OPTIONAL_KEYS = {"note"}


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _span_passages(path):
    return [p for p in _load(path) if "numbers" in p]


def _failures(path, check):
    """Run one per-passage check over a set; report every failing passage id, not just the first."""
    failures = []
    for passage in _span_passages(path):
        try:
            check(passage)
        except AssertionError as error:
            failures.append(f"{passage['id']}: {error}")
    return failures


def derived_casualties(numbers):
    """The passage-level multiset: claims, sub-counts and superseded figures; repeats excluded."""
    return Counter(
        (n["outcome"], n["count_min"], n["count_max"])
        for n in numbers
        if n["label"] == "casualty" and n["role"] in COUNTED_ROLES
    )


def test_every_set_is_loaded():
    assert {p.stem for p in CORPUS_FILES} >= {"corpus", "heldout"} | {
        f"heldout{i}" for i in range(2, 12)
    }
    assert sum(len(_span_passages(path)) for path in CORPUS_FILES) > 400


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_file_keeps_its_json_style(path):
    raw = path.read_text(encoding="utf-8")
    body = json.dumps(json.loads(raw), indent=1, ensure_ascii=False)
    assert raw in (body, body + "\n")


def _check_candidate_spans_match_text(passage):
    text = passage["text"]
    for n in passage["numbers"]:
        assert isinstance(n["start"], int) and isinstance(n["end"], int), n
        assert 0 <= n["start"] < n["end"] <= len(text), n
        assert text[n["start"] : n["end"]] == n["text"], n


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_candidate_spans_match_text(path):
    assert _failures(path, _check_candidate_spans_match_text) == []


def _check_candidates_sorted_by_start(passage):
    starts = [n["start"] for n in passage["numbers"]]
    assert starts == sorted(starts)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_candidates_sorted_by_start(path):
    assert _failures(path, _check_candidates_sorted_by_start) == []


def _check_labels_and_keys(passage):
    for n in passage["numbers"]:
        assert n["label"] in LABELS, n
        required = CASUALTY_KEYS if n["label"] == "casualty" else SPAN_KEYS
        assert required <= set(n) <= required | OPTIONAL_KEYS, n
        if "note" in n:
            assert isinstance(n["note"], str) and n["note"], n


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_labels_and_keys(path):
    assert _failures(path, _check_labels_and_keys) == []


def _check_casualty_fields(passage):
    for n in passage["numbers"]:
        if n["label"] != "casualty":
            continue
        assert n["outcome"] in OUTCOMES, n
        assert n["role"] in ROLES, n
        assert type(n["count_min"]) is int and type(n["count_max"]) is int, n
        assert 0 <= n["count_min"] <= n["count_max"], n
        for flag in ("approximate", "lower_bound", "upper_bound"):
            assert type(n[flag]) is bool, n
        assert isinstance(n["group"], str), n


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_casualty_fields(path):
    assert _failures(path, _check_casualty_fields) == []


def _check_speakers_come_from_the_passage(passage):
    text, speakers = passage["text"], passage["speakers"]
    for n in passage["numbers"]:
        if n["label"] != "casualty":
            continue
        start, end = n["speaker_start"], n["speaker_end"]
        if n["speaker"] is None:
            assert start is None and end is None, n
            continue
        assert n["speaker"] in speakers, n
        if start is None:
            assert end is None, n
            continue
        assert isinstance(start, int) and isinstance(end, int), n
        assert 0 <= start < end <= len(text), n
        span = text[start:end]
        assert span == span.strip(), n


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_speakers_come_from_the_passage(path):
    assert _failures(path, _check_speakers_come_from_the_passage) == []


def _check_casualties_are_derived_from_numbers(passage):
    listed = Counter((c["outcome"], c["count_min"], c["count_max"]) for c in passage["casualties"])
    assert listed == derived_casualties(passage["numbers"])


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.stem)
def test_casualties_are_derived_from_numbers(path):
    assert _failures(path, _check_casualties_are_derived_from_numbers) == []


def test_derivation_counts_superseded_and_skips_repeats():
    def cas(count, role):
        return {
            "label": "casualty",
            "outcome": "killed",
            "count_min": count,
            "count_max": count,
            "role": role,
        }

    numbers = [cas(4, "superseded"), cas(7, "claim"), cas(7, "repeat"), cas(2, "subcount")]
    numbers.append({"label": "earlier_event"})
    assert derived_casualties(numbers) == Counter(
        {("killed", 4, 4): 1, ("killed", 7, 7): 1, ("killed", 2, 2): 1}
    )
