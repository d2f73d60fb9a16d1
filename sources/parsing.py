"""Turn an article file as scraped into a title, optional metadata and a clean body.

File format: the first non-empty line is the title. ``Key: value`` lines (URL, Outlet,
Published) may follow it before the first blank line. Scraper debris is dropped: the title
repeated as the first body line and comment-form lines at the end ("Please enter your
comment!").
"""

import datetime
import re

from sources.incoming import IncomingArticle

HEADER_KEYS = {"url", "outlet", "published"}

# Lines a comment form or share bar leaves at the end of a scraped page.
TRAILING_DEBRIS = re.compile(
    r"^(please enter your (comment|name|email)( address)?( here)?[!.]?|leave a (reply|comment)"
    r"|post comment|save my name, email.*|share (this|on) .*|related posts?:?|advertisement"
    r"|cancel reply|you must be logged in to post a comment\.?)$",
    re.IGNORECASE,
)


class ArticleFileError(ValueError):
    """A file that cannot be an article; the message says why in words an editor understands."""


def decode_article_bytes(raw: bytes, *, max_bytes: int) -> str:
    """Decode UTF-8 (with or without BOM), refusing empty, oversized or non-UTF-8 input."""
    if len(raw) > max_bytes:
        raise ArticleFileError(f"too large: {len(raw):,} bytes, the limit is {max_bytes:,}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleFileError(
            f"not UTF-8 text (invalid byte at position {error.start}); convert it to UTF-8"
        ) from None
    if "\x00" in text:
        raise ArticleFileError("contains NUL bytes; it looks like a binary file")
    return text


def parse_published(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ArticleFileError(
            f"Published date {value.strip()!r} is not a date like 2021-08-28"
        ) from None


def parse_article_text(text: str) -> IncomingArticle:
    """Split a scraped article into title, header fields and a cleaned body."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    position = 0
    while position < len(lines) and not lines[position].strip():
        position += 1
    if position == len(lines):
        raise ArticleFileError("empty: no title and no text")
    title = " ".join(lines[position].split())
    position += 1

    header: dict[str, str] = {}
    while position < len(lines) and lines[position].strip():
        key, colon, value = lines[position].partition(":")
        if not colon or key.strip().lower() not in HEADER_KEYS:
            break
        header[key.strip().lower()] = value.strip()
        position += 1

    body_lines = lines[position:]
    while body_lines and not body_lines[0].strip():
        body_lines.pop(0)
    if body_lines and " ".join(body_lines[0].split()) == title:
        body_lines.pop(0)
    while body_lines and (
        not body_lines[-1].strip() or TRAILING_DEBRIS.match(body_lines[-1].strip())
    ):
        body_lines.pop()
    body = "\n".join(line.rstrip() for line in body_lines).strip("\n")
    body = re.sub(r"\n{3,}", "\n\n", body)
    if not body.strip():
        raise ArticleFileError("empty: a title but no article text")

    published = parse_published(header["published"]) if header.get("published") else None
    return IncomingArticle(
        title=title[:500],
        body=body,
        url=header.get("url", ""),
        outlet=header.get("outlet", ""),
        published_on=published,
    )
