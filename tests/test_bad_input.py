"""Hostile input to ingest, by file and by API: a clear refusal, never a crash or half a write.

Hypothesis generates random bytes, control characters, right-to-left text, invalid dates and
URLs, deeply nested JSON and wrong types. Files either parse or raise ArticleFileError; the
ingest command reports bad files by name and exits non-zero; the API answers 4xx with a JSON
``detail`` (never 5xx); after a refused request the counts of articles, claims and batches
are what they were, and every stored article has all of its claims.
"""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import extract
from claims.models import Claim, IngestBatch, IngestItem
from claims.services.tokens import issue_token
from sources.models import Article
from sources.parsing import ArticleFileError, decode_article_bytes, parse_article_text
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

BAD_INPUT_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CONTROL = st.characters(min_codepoint=0, max_codepoint=31) | st.sampled_from("\x7f\x85\u2028")
RTL = st.sampled_from(["\u202e", "\u202b", "\u200f", "مقتل ثلاثة أشخاص", "נהרגו שלושה"])
HOSTILE_TEXT = st.lists(
    st.text(min_size=0, max_size=30) | CONTROL | RTL | st.sampled_from(["<script>", "%00"]),
    max_size=12,
).map("".join)
BAD_DATES = st.sampled_from(
    ["2021-02-30", "2021-13-01", "0000-00-00", "yesterday", "28/08/2021", "99999-01-01", ""]
) | st.text(max_size=15)
BAD_URLS = st.sampled_from(
    ["javascript:alert(1)", "ftp://x.example/a", "http://", "not a url", "http://exa mple.com"]
) | st.text(max_size=20)
JSON_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | HOSTILE_TEXT
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)


def counts() -> tuple[int, int, int, int]:
    return (
        Article.objects.count(),
        Claim.objects.count(),
        IngestBatch.objects.count(),
        IngestItem.objects.count(),
    )


def assert_no_article_is_half_written() -> None:
    for article in Article.objects.all():
        expected = {
            (found.kind, found.start, found.end)
            for found in extract(article.body)
            if article.body[found.start : found.end] == found.text
        }
        assert article.claims.count() == len(expected), f"article {article.pk} is half written"


def nested_json(depth: int) -> str:
    """``{"articles": [{"a": [ … ]}], "body": …}`` nested ``depth`` deep, built as text:
    json.dumps itself gives up long before a server should."""
    opening = "".join('{"a": ' if level % 2 else "[" for level in range(depth))
    closing = "".join("}" if level % 2 else "]" for level in reversed(range(depth)))
    value = f'{opening}"leaf"{closing}'
    return f'{{"articles": {value}, "body": {value}}}'


# --- Files -------------------------------------------------------------------------------


@BAD_INPUT_SETTINGS
@given(raw=st.binary(max_size=2_000))
def test_random_bytes_parse_or_are_refused_with_a_reason(raw):
    try:
        parsed = parse_article_text(decode_article_bytes(raw, max_bytes=1_000))
    except ArticleFileError as error:
        assert str(error)
    else:
        assert parsed.body.strip() and "\x00" not in parsed.body


@BAD_INPUT_SETTINGS
@given(title=HOSTILE_TEXT, body=HOSTILE_TEXT, published=BAD_DATES)
def test_hostile_article_text_parses_or_is_refused_with_a_reason(title, body, published):
    text = f"{title}\nPublished: {published}\n\n{body}"
    try:
        parsed = parse_article_text(text)
    except ArticleFileError as error:
        assert str(error)
    else:
        assert parsed.body.strip()


def test_huge_file_is_refused_before_decoding():
    with pytest.raises(ArticleFileError, match="too large"):
        decode_article_bytes(b"x" * 2_001, max_bytes=2_000)


@BAD_INPUT_SETTINGS
@given(
    files=st.lists(
        st.binary(max_size=300)
        | st.builds(
            lambda title, published, body: f"{title}\nPublished: {published}\n\n{body}".encode(
                errors="surrogatepass"
            ),
            HOSTILE_TEXT,
            BAD_DATES,
            HOSTILE_TEXT,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_ingest_command_reports_bad_files_and_stores_good_ones_whole(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("articles")
    for number, raw in enumerate(files):
        (folder / f"{number:02}.txt").write_bytes(raw)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("ingest", str(folder), "--json", stdout=out, stderr=err)
    except CommandError as error:
        assert "could not be ingested" in str(error)
        assert err.getvalue().strip(), "a failure with no file named on stderr"
    results = json.loads(out.getvalue())
    assert len(results) == len(files)
    for result in results:
        assert ("error" in result) != ("article" in result), result
    assert_no_article_is_half_written()


# --- API ---------------------------------------------------------------------------------


@pytest.fixture
def staff_api(api):
    api.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(StaffFactory())}")
    return api


def assert_refused_cleanly(response, before) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    assert response.json()["detail"], response.content[:300]
    assert counts() == before, "a refused request changed the database"


@BAD_INPUT_SETTINGS
@given(payload=JSON_VALUES)
def test_random_json_to_article_ingest_is_4xx_or_stored_whole(staff_api, payload):
    before = counts()
    response = staff_api.post("/api/articles/", payload, format="json")
    if response.status_code in (200, 201):
        assert isinstance(payload, dict) and isinstance(payload.get("body"), str)
    else:
        assert_refused_cleanly(response, before)
    assert_no_article_is_half_written()


@BAD_INPUT_SETTINGS
@given(
    title=HOSTILE_TEXT | st.integers() | st.lists(st.integers(), max_size=2),
    body=HOSTILE_TEXT | st.none() | st.integers() | st.just({"a": 1}),
    url=BAD_URLS,
    published_on=BAD_DATES | st.integers(),
)
def test_bad_fields_in_article_ingest_are_4xx(staff_api, title, body, url, published_on):
    before = counts()
    response = staff_api.post(
        "/api/articles/",
        {"title": title, "body": body, "url": url, "published_on": published_on},
        format="json",
    )
    assert_refused_cleanly(response, before)


@BAD_INPUT_SETTINGS
@given(payload=JSON_VALUES)
def test_random_json_to_batches_is_4xx_or_accepted_whole(staff_api, payload):
    before = counts()
    response = staff_api.post("/api/batches/", payload, format="json")
    if response.status_code == 202:
        batch = response.json()
        assert batch["total"] == len(payload["articles"]) == batch["done"] + batch["failed"]
    else:
        assert_refused_cleanly(response, before)
    assert_no_article_is_half_written()


@BAD_INPUT_SETTINGS
@given(
    good=st.integers(min_value=0, max_value=3),
    bad=st.fixed_dictionaries(
        {"title": HOSTILE_TEXT, "body": HOSTILE_TEXT, "url": BAD_URLS, "published_on": BAD_DATES}
    ),
)
def test_one_bad_article_refuses_the_whole_batch(staff_api, good, bad):
    """Validation is all or nothing: no batch is created for a request with a bad entry."""
    articles = [{"title": f"ok {n}", "body": f"Officials said {n} died."} for n in range(good)]
    articles.append({**bad, "url": bad["url"] if "://" not in bad["url"] else "ftp://x"})
    before = counts()
    response = staff_api.post("/api/batches/", {"articles": articles}, format="json")
    assert_refused_cleanly(response, before)


@pytest.mark.parametrize("depth", [50, 5_000])
@pytest.mark.parametrize("path", ["/api/articles/", "/api/batches/"])
def test_deeply_nested_json_is_4xx(staff_api, path, depth):
    before = counts()
    response = staff_api.post(path, nested_json(depth), content_type="application/json")
    assert_refused_cleanly(response, before)


def test_malformed_json_is_400(staff_api):
    before = counts()
    response = staff_api.post(
        "/api/articles/", '{"body": "unterminated', content_type="application/json"
    )
    assert_refused_cleanly(response, before)


def test_article_over_the_size_limit_is_refused(staff_api, settings):
    settings.ARTICLE_MAX_BYTES = 1_000
    before = counts()
    response = staff_api.post("/api/articles/", {"body": "Killed. " * 200}, format="json")
    assert_refused_cleanly(response, before)
