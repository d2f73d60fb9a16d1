"""Gates (sets of last words checked before an anchored pattern runs) derived from the
patterns' own alternatives, and the two sentences the hand-typed gates once got wrong."""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction.casualties import GATES
from claims.extraction.numbers import QUALIFIER, QUALIFIER_LAST_WORDS
from claims.extraction.patterns import UnboundedWord, final_words


@pytest.mark.parametrize("name", sorted(GATES))
def test_each_gate_is_exactly_its_patterns_last_words(name):
    gate, pattern = GATES[name]
    assert gate == final_words(pattern)


def test_qualifier_gate_covers_every_qualifier():
    assert QUALIFIER_LAST_WORDS == final_words(QUALIFIER + r"\s+$")
    assert {"approximate", "least", "than", "to"} <= QUALIFIER_LAST_WORDS


def test_final_words_follows_optional_words_and_alternatives():
    assert final_words(r"(?i:\bup\s+from\s+(?:the\s+)?)$") == {"from", "the"}
    assert final_words(r"(?:killed|injur(?:ed|ing))\s+$") == {"killed", "injured", "injuring"}


def test_final_words_refuses_an_open_ended_last_word():
    with pytest.raises(UnboundedWord):
        final_words(r"\bfrom\s+\w+\s+$")


def test_an_approximate_figure_keeps_its_hedge():
    claims = [c for c in extract("An approximate 200 people were killed.") if c.kind == "casualty"]
    assert [(c.count_min, c.approximate) for c in claims] == [(200, True)]


def test_up_from_an_earlier_figure_is_superseded_not_a_claim():
    text = "The toll rose to 52, up from the 40 people killed on Monday."
    claims = [c for c in extract(text) if c.kind == "casualty"]
    current = [c for c in claims if not c.superseded]
    earlier = [c for c in claims if c.superseded]
    assert [(c.outcome, c.count_min) for c in current] == [("killed", 52)]
    assert [(c.outcome, c.count_min) for c in earlier] == [("killed", 40)]
    assert current[0].supersedes == (earlier[0].start, earlier[0].end)
