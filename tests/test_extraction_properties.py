"""Property tests: any input, valid offsets, ordered counts, no crash, determinism."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import extract

NEWS_WORDS = st.sampled_from(
    "killed injured wounded dead died at least around between and to people civilians "
    'officials said told “ ” " , . 12 1,500 three no one was were the death toll rose '
    "including US Marines Kirby according police arrested missing fled 45-year-old $5 "
    "Jan. U.S. Mr. he she it they 2014 percent magnitude\n\n".split(" ")
)
NEWSY_TEXT = st.lists(NEWS_WORDS, max_size=80).map(" ".join)


def assert_valid(text: str) -> None:
    claims = extract(text)
    starts = [claim.start for claim in claims]
    assert starts == sorted(starts)
    for claim in claims:
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
        if claim.count_min is not None or claim.count_max is not None:
            assert claim.count_min is not None and claim.count_max is not None
            assert 0 <= claim.count_min <= claim.count_max
        if claim.kind == "casualty":
            assert claim.outcome in {"killed", "injured", "missing", "displaced", "arrested"}


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_unicode_text_gives_valid_claims(text):
    assert_valid(text)


@settings(max_examples=300, deadline=None)
@given(NEWSY_TEXT)
def test_news_like_word_salad_gives_valid_claims(text):
    assert_valid(text)


@settings(max_examples=100, deadline=None)
@given(NEWSY_TEXT)
def test_extraction_is_deterministic(text):
    assert extract(text) == extract(text)


def test_empty_and_blank_text_give_no_claims():
    assert extract("") == []
    assert extract(" \n\t ") == []
