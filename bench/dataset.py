"""A synthetic newsroom, loaded into PostgreSQL with COPY so 200,000 claims take seconds.

The shape follows what a tracker accumulates over a year: most claims unverified, a few
hundred reviewed each week (one or two reviews each), casualty counts attributed to a few
claimants who are quoted far more often than the rest, and ``updated_at`` spread over the
last twelve months. Claims are real spans of their article's body, so ``body[start:end]``
is the claim text as it is for ingested articles.

The connection given is a psycopg one in autocommit mode (VACUUM needs it); each batch is
its own transaction. Only this module writes rows directly; everything measured goes
through the project's code.
"""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import random
from dataclasses import dataclass, field

from tqdm import tqdm

from sources.models import claimant_key

STATUS_WEIGHTS = {
    "unverified": 78.0,
    "in_review": 6.0,
    "confirmed": 8.0,
    "disputed": 3.5,
    "false": 2.5,
    "unverifiable": 2.0,
}
KIND_WEIGHTS = {"casualty": 45.0, "quantity": 25.0, "statement": 30.0}
OUTCOME_WEIGHTS = {
    "killed": 50.0,
    "injured": 30.0,
    "missing": 8.0,
    "displaced": 8.0,
    "arrested": 4.0,
}
GROUPS = ["civilians", "people", "soldiers", "children", "police officers", "aid workers", ""]
PLACES = [
    "Kabul",
    "Jalalabad",
    "Kandahar",
    "Herat",
    "Mazar-i-Sharif",
    "Kunduz",
    "Ghazni",
    "Khost",
    "Nangarhar",
    "Helmand",
    "Baghlan",
    "Bamiyan",
    "Paktia",
    "Zabul",
    "Farah",
    "Badakhshan",
]
FIRST_NAMES = [
    "Amina",
    "John",
    "Farid",
    "Lena",
    "Omar",
    "Sofia",
    "Ahmad",
    "Maria",
    "Yusuf",
    "Grace",
    "Hamid",
    "Ingrid",
    "Karim",
    "Nadia",
    "Pedro",
    "Rahim",
    "Sara",
    "Tariq",
    "Uma",
    "Victor",
    "Wahid",
    "Xenia",
    "Yasmin",
    "Zabihullah",
    "Abdul",
    "Beatrice",
    "Chen",
    "Dawood",
    "Elena",
    "Fatima",
    "Gul",
    "Hassan",
    "Irina",
    "Jamal",
    "Khalid",
    "Leila",
    "Mohammad",
    "Nasrin",
    "Olga",
    "Parwin",
]
LAST_NAMES = [
    "Okafor",
    "Kirby",
    "Rahimi",
    "Schmidt",
    "Haidari",
    "Rossi",
    "Ahmadzai",
    "Garcia",
    "Karimi",
    "Mujahid",
    "Nguyen",
    "Popal",
    "Qureshi",
    "Sultani",
    "Tanaka",
    "Usmani",
    "Wardak",
    "Yusufzai",
    "Zaman",
    "Barakzai",
    "Durrani",
    "Ghani",
    "Hotak",
    "Jalali",
    "Kakar",
    "Ludin",
    "Mangal",
    "Noori",
    "Osmani",
    "Panjshiri",
    "Rasuli",
    "Safi",
    "Tokhi",
    "Wali",
    "Andar",
    "Baheer",
    "Chaudhry",
    "Dost",
    "Ebadi",
    "Faizi",
    "Gardezi",
    "Habibi",
    "Ishaqzai",
    "Jan",
    "Khan",
    "Laghmani",
    "Momand",
    "Nazari",
    "Omari",
    "Paiman",
]
ROLES = [
    "spokesman for the interior ministry",
    "provincial police chief",
    "Pentagon spokesman",
    "health ministry official",
    "local elder",
    "UN envoy",
    "hospital director",
    "",
]
ORGANISATIONS = [
    "the United Nations",
    "the Red Cross",
    "the Taliban",
    "the Pentagon",
    "the health ministry",
    "Human Rights Watch",
    "Amnesty International",
    "the interior ministry",
    "NATO",
    "Doctors Without Borders",
    "the provincial governor's office",
    "the World Food Programme",
]
FILLER = [
    "The area has seen repeated fighting over the past months.",
    "Residents described hearing several explosions before dawn.",
    "Roads into the district were closed for most of the day.",
    "The claim could not be independently verified.",
    "Officials did not say when the investigation would be completed.",
    "Hospitals in the city appealed for blood donations.",
]
REVIEW_NOTES = [
    "Matches the hospital's published list.",
    "Two independent sources give a different figure.",
    "Checked against the ministry's statement.",
    "No primary source found after two days.",
    "Taking this one; calling the provincial office.",
]
YEAR = datetime.timedelta(days=365)


@dataclass
class Newsroom:
    """The fixed cast (outlets, claimants, reviewers) that every batch of articles reuses."""

    outlet_ids: list[int]
    outlet_domains: dict[int, str]
    claimants: list[tuple[int, str]]  # (id, name as quoted)
    claimant_weights: list[float]
    reviewer_ids: list[int]
    now: datetime.datetime
    rng: random.Random = field(default_factory=lambda: random.Random(7))


def _weighted(rng: random.Random, weights: dict[str, float], k: int) -> list[str]:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def _next_id(cursor, table: str) -> int:
    cursor.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")
    return cursor.fetchone()[0]


def _reset_sequence(cursor, table: str) -> None:
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1)) FROM {table}"
    )


def create_newsroom(
    connection, *, claimants: int, reviewer_ids: list[int], outlets: int = 60, seed: int = 7
) -> Newsroom:
    """Insert outlets and claimants (once per database) and return the cast for batches."""
    rng = random.Random(seed)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    with connection.transaction(), connection.cursor() as cursor:
        first_outlet = _next_id(cursor, "sources_outlet")
        outlet_rows = [
            (first_outlet + n, f"The {PLACES[n % len(PLACES)]} Courier {n}", f"courier{n}.example")
            for n in range(outlets)
        ]
        with cursor.copy("COPY sources_outlet (id, name, domain) FROM STDIN") as copy:
            for row in outlet_rows:
                copy.write_row(row)
        first_claimant = _next_id(cursor, "sources_claimant")
        names = _claimant_names(claimants)
        claimant_rows = []
        for n, name in enumerate(names):
            organisation = name in ORGANISATIONS
            claimant_rows.append(
                (
                    first_claimant + n,
                    name,
                    claimant_key(name),
                    rng.choice(["organisation", "government", "military", "armed_group"])
                    if organisation
                    else rng.choice(["person", "person", "unknown"]),
                    "" if organisation else rng.choice(ROLES),
                    "",
                    now - YEAR,
                    False,
                )
            )
        with cursor.copy(
            "COPY sources_claimant (id, name, key, kind, role, affiliation, created_at, generic) "
            "FROM STDIN"
        ) as copy:
            for row in tqdm(claimant_rows, desc="claimants", unit="row", leave=False):
                copy.write_row(row)
        _reset_sequence(cursor, "sources_outlet")
        _reset_sequence(cursor, "sources_claimant")
    # A few claimants (officials, agencies) are quoted far more often than the rest.
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(claimant_rows))]
    return Newsroom(
        outlet_ids=[row[0] for row in outlet_rows],
        outlet_domains={row[0]: row[2] for row in outlet_rows},
        claimants=[(row[0], row[1]) for row in claimant_rows],
        claimant_weights=list(itertools.accumulate(weights)),
        reviewer_ids=reviewer_ids,
        now=now,
        rng=rng,
    )


def _claimant_names(count: int) -> list[str]:
    names = list(ORGANISATIONS)
    for suffix in itertools.count():
        for first, last in itertools.product(FIRST_NAMES, LAST_NAMES):
            if len(names) >= count:
                return names[:count]
            names.append(f"{first} {last}" + (f" {suffix + 1}" if suffix else ""))
    raise AssertionError("unreachable")


def _casualty_sentence(rng: random.Random, speaker: str | None) -> tuple[str, dict]:
    outcome = _weighted(rng, OUTCOME_WEIGHTS, 1)[0]
    low = int(rng.paretovariate(1.2) * 3)
    ranged = rng.random() < 0.2
    high = low + rng.randint(1, max(2, low // 2)) if ranged else low
    qualifier = rng.choices(["", "at least ", "about ", "up to "], weights=[55, 25, 15, 5])[0]
    group = rng.choice(GROUPS)
    figure = f"{low:,} to {high:,}" if ranged else f"{low:,}"
    who = f"{figure} {group}".strip() if group else f"{figure} people"
    place = rng.choice(PLACES)
    text = f"{qualifier}{who} were {outcome} in {place}".capitalize()
    text += f", {speaker} said." if speaker else "."
    return text, {
        "outcome": outcome,
        "count_min": low,
        "count_max": high,
        "approximate": qualifier == "about ",
        "lower_bound": qualifier == "at least ",
        "upper_bound": qualifier == "up to ",
        "group": group,
    }


def _quantity_sentence(rng: random.Random, speaker: str | None) -> tuple[str, dict]:
    amount = rng.randint(2, 5_000)
    thing = rng.choice(["tonnes of aid", "families", "homes", "trucks", "checkpoints"])
    text = f"{amount:,} {thing} reached {rng.choice(PLACES)}"
    text += f", according to {speaker}." if speaker else " this week."
    return text, {"outcome": "", "count_min": amount, "count_max": amount, "group": ""}


def _statement_sentence(rng: random.Random, speaker: str | None) -> tuple[str, dict]:
    speaker = speaker or "an official"
    text = f"{speaker} said operations around {rng.choice(PLACES)} would continue."
    return text[0].upper() + text[1:], {
        "outcome": "",
        "count_min": None,
        "count_max": None,
        "group": "",
    }


SENTENCES = {
    "casualty": _casualty_sentence,
    "quantity": _quantity_sentence,
    "statement": _statement_sentence,
}

CLAIM_COLUMNS = (
    'id, article_id, incident_id, kind, text, start, "end", claimant_id, attribution, '
    'outcome, count_min, count_max, approximate, lower_bound, upper_bound, "group", status, '
    "version, created_at, updated_at, mentions, subcount, extractor_version, reported_on"
)
REVIEW_COLUMNS = (
    "id, claim_id, from_status, to_status, version, note, evidence_urls, reviewer_id, created_at"
)
ARTICLE_COLUMNS = (
    "id, title, url, outlet_id, published_on, body, content_hash, language, ingested_at, "
    "ingested_by_id"
)


def add_claims(connection, newsroom: Newsroom, *, claims: int, claims_per_article: float) -> dict:
    """Append ``claims`` claims in new articles (about ``claims_per_article`` each), with
    their incidents and reviews, and return how many rows of each kind were written."""
    rng = newsroom.rng
    written = {"articles": 0, "claims": 0, "reviews": 0, "incidents": 0}
    with connection.cursor() as cursor:
        ids = {
            table: _next_id(cursor, table)
            for table in ("sources_article", "claims_claim", "claims_review", "claims_incident")
        }
    # Each batch covers a whole year, in id order, as a real table would.
    expected_articles = max(1, round(claims / claims_per_article))
    times = sorted(newsroom.now - YEAR * rng.random() for _ in range(expected_articles + 1))
    rows = _empty_rows()
    remaining = claims
    with tqdm(total=claims, desc="claims", unit="claim", leave=False) as progress:
        while remaining > 0:
            lo = max(1, int(claims_per_article * 0.5))
            hi = max(lo, int(claims_per_article * 1.5))
            count = min(remaining, rng.randint(lo, hi))
            ingested_at = times[min(written["articles"], len(times) - 1)]
            _article_rows(rng, newsroom, ids, rows, count, ingested_at)
            written["articles"] += 1
            written["claims"] += count
            remaining -= count
            progress.update(count)
            if len(rows["claims"]) >= 20_000:
                _copy_rows(connection, rows, written)
                rows = _empty_rows()
        _copy_rows(connection, rows, written)
    with connection.cursor() as cursor:
        for table in ("sources_article", "claims_claim", "claims_review", "claims_incident"):
            _reset_sequence(cursor, table)
    return written


def _empty_rows() -> dict[str, list[tuple]]:
    return {"articles": [], "incidents": [], "claims": [], "reviews": []}


COPY_STATEMENTS = {
    "articles": f"COPY sources_article ({ARTICLE_COLUMNS}) FROM STDIN",
    "incidents": "COPY claims_incident (id, title, created_at, match_text, match_facts) FROM STDIN",
    "claims": f"COPY claims_claim ({CLAIM_COLUMNS}) FROM STDIN",
    "reviews": f"COPY claims_review ({REVIEW_COLUMNS}) FROM STDIN",
}


def _copy_rows(connection, rows: dict[str, list[tuple]], written: dict) -> None:
    """COPY one buffered batch, parents first (one COPY at a time per connection)."""
    with connection.transaction(), connection.cursor() as cursor:
        for name in ("articles", "incidents", "claims", "reviews"):
            if name in ("incidents", "reviews"):
                written[name] += len(rows[name])
            with cursor.copy(COPY_STATEMENTS[name]) as copy:
                for row in rows[name]:
                    copy.write_row(row)


def _article_rows(rng, newsroom, ids, rows, count, ingested_at) -> None:
    """One article with ``count`` claims, its incident if it reports casualties, and the
    reviews of the claims that were reviewed."""
    article_id = ids["sources_article"]
    ids["sources_article"] += 1
    outlet_id = rng.choice(newsroom.outlet_ids)
    kinds = _weighted(rng, KIND_WEIGHTS, count)
    title = f"{rng.choice(PLACES)}: report {article_id}"
    incident = None
    if "casualty" in kinds:
        incident = ids["claims_incident"]
        ids["claims_incident"] += 1
        rows["incidents"].append((incident, title[:300], ingested_at, "", "{}"))
    pieces: list[str] = []
    offset = 0
    for kind in kinds:
        filler = rng.choice(FILLER) + " "
        pieces.append(filler)
        offset += len(filler)
        claimant = (
            rng.choices(newsroom.claimants, cum_weights=newsroom.claimant_weights)[0]
            if rng.random() < 0.75
            else None
        )
        text, fields = SENTENCES[kind](rng, claimant[1] if claimant else None)
        pieces.append(text + " ")
        start, end = offset, offset + len(text)
        offset += len(text) + 1
        claim_id = ids["claims_claim"]
        ids["claims_claim"] += 1
        status = _weighted(rng, STATUS_WEIGHTS, 1)[0]
        version, updated_at = 1, ingested_at
        if status != "unverified":
            age = newsroom.now - ingested_at
            updated_at = ingested_at + min(age, datetime.timedelta(days=30)) * rng.random()
            steps = (
                ["in_review"]
                if status == "in_review"
                else rng.choice([[status], ["in_review", status]])
            )
            before = "unverified"
            for step, to_status in enumerate(steps):
                version = step + 2
                reviewed_at = updated_at - (len(steps) - 1 - step) * (
                    updated_at - ingested_at
                ) / len(steps)
                rows["reviews"].append(
                    (
                        ids["claims_review"],
                        claim_id,
                        before,
                        to_status,
                        version,
                        rng.choice(REVIEW_NOTES),
                        "[]",
                        rng.choice(newsroom.reviewer_ids),
                        reviewed_at,
                    )
                )
                ids["claims_review"] += 1
                before = to_status
        rows["claims"].append(
            (
                claim_id,
                article_id,
                incident if kind == "casualty" else None,
                kind,
                text,
                start,
                end,
                claimant[0] if claimant else None,
                claimant[1] if claimant else "",
                fields["outcome"],
                fields["count_min"],
                fields["count_max"],
                fields.get("approximate", False),
                fields.get("lower_bound", False),
                fields.get("upper_bound", False),
                fields["group"],
                status,
                version,
                ingested_at,
                updated_at,
                json.dumps([{"start": start, "end": end, "text": text}]),
                False,
                "",
                ingested_at.date(),
            )
        )
    pieces.append(f"(Reference {article_id}.)")
    body = "".join(pieces)
    rows["articles"].append(
        (
            article_id,
            title,
            f"https://{newsroom.outlet_domains[outlet_id]}/news/{article_id}",
            outlet_id,
            ingested_at.date(),
            body,
            hashlib.sha256(" ".join(body.split()).encode()).hexdigest(),
            "en",
            ingested_at,
            None,
        )
    )


def analyze(connection) -> None:
    """VACUUM ANALYZE what was loaded, as autovacuum would have done on a live database:
    fresh statistics for the planner and a visibility map for index-only scans."""
    for table in (
        "sources_outlet",
        "sources_claimant",
        "sources_article",
        "claims_incident",
        "claims_claim",
        "claims_review",
    ):
        connection.execute(f"VACUUM ANALYZE {table}")
