"""Article files as scraped become a title, header fields and a clean body."""

import datetime

import pytest

from sources.parsing import ArticleFileError, decode_article_bytes, parse_article_text
from tests.factories import parsed_seed


def test_seed_title_is_the_first_line_and_its_repeat_is_dropped():
    parsed = parsed_seed()
    assert parsed.title == "Drone Strike in Afghanistan Targeted ISIS ‘Planner’ in Car, Says US"
    assert not parsed.body.startswith("Drone Strike")
    assert parsed.body.startswith("The US drone strike in Afghanistan")


def test_seed_comment_form_debris_is_dropped():
    parsed = parsed_seed()
    assert "Please enter" not in parsed.body
    assert parsed.body.endswith("spokesman Zabihullah Mujahid said.")


def test_header_lines_give_url_outlet_and_date():
    parsed = parse_article_text(
        "Title here\nURL: https://news.example/a\nOutlet: Example News\nPublished: 2021-08-28\n\n"
        "Two people were injured."
    )
    assert parsed.url == "https://news.example/a"
    assert parsed.outlet == "Example News"
    assert parsed.published_on == datetime.date(2021, 8, 28)
    assert parsed.body == "Two people were injured."


def test_a_body_line_with_a_colon_is_not_a_header():
    parsed = parse_article_text("Title\nKabul: Two people were injured.")
    assert parsed.body == "Kabul: Two people were injured."


def test_windows_line_endings_are_normalised():
    parsed = parse_article_text("Title\r\n\r\nFirst line.\r\nSecond line.\r\n")
    assert parsed.body == "First line.\nSecond line."


@pytest.mark.parametrize("text", ["", "   \n\n  \t\n", "Only a title\n\n", "Title\nTitle\n"])
def test_empty_articles_are_refused(text):
    with pytest.raises(ArticleFileError, match="empty"):
        parse_article_text(text)


def test_invalid_published_date_is_refused_with_the_value():
    with pytest.raises(ArticleFileError, match="2021-13-45"):
        parse_article_text("Title\nPublished: 2021-13-45\n\nBody text.")


def test_non_utf8_bytes_are_refused_with_the_position():
    with pytest.raises(ArticleFileError, match="not UTF-8.*position 5"):
        decode_article_bytes(b"Title\xff\xfe body", max_bytes=1000)


def test_oversized_input_is_refused_with_the_limit():
    with pytest.raises(ArticleFileError, match="too large.*limit is 10"):
        decode_article_bytes(b"x" * 11, max_bytes=10)


def test_binary_input_is_refused():
    with pytest.raises(ArticleFileError, match="NUL"):
        decode_article_bytes(b"Title\x00\x00", max_bytes=1000)


def test_utf8_bom_is_accepted():
    assert decode_article_bytes("\ufeffTitle".encode(), max_bytes=1000) == "Title"
