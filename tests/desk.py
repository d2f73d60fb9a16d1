"""A realistic reviewer's desk built in a few bulk inserts: 43 articles from 8 outlets, 344
casualty claims by 60 claimants about 20 incidents (so many contradict each other), each
claim a real span of a sentence of its article, with the hedges reporters use ("more than",
"at least", "about", ranges)."""

import random

from claims.models import Claim, ClaimKind, Incident, Outcome
from sources.models import Article, Claimant, Outlet, claimant_key, content_hash

PLACES = ["Kabul", "Jalalabad", "Kandahar", "Herat", "Kunduz", "Ghazni", "Khost", "Helmand"]
HEDGES = [
    ("", {}),
    ("more than ", {"approximate": True}),
    ("at least ", {"lower_bound": True}),
    ("about ", {"approximate": True}),
    ("up to ", {"upper_bound": True}),
    ("nearly ", {"approximate": True}),
]
GROUPS = ["people", "civilians", "soldiers", "children", "police officers"]
OUTCOMES = [Outcome.KILLED, Outcome.INJURED, Outcome.MISSING]


def create_desk(*, articles: int = 43, claims_per_article: int = 8, seed: int = 18) -> dict:
    """Build the desk; returns its counts. Claims are newest-updated in creation order."""
    rng = random.Random(seed)
    outlets = Outlet.objects.bulk_create(
        [Outlet(name=f"The {place} Courier", domain=f"{place.lower()}.example") for place in PLACES]
    )
    names = [
        f"{first} {last}"
        for first in ("Amina", "Farid", "Lena", "Omar", "Sofia", "Yusuf")
        for last in (
            "Haidari",
            "Karimi",
            "Stone",
            "Nazari",
            "Weber",
            "Rahimi",
            "Ortiz",
            "Sultani",
            "Fischer",
            "Noori",
        )
    ]
    claimants = Claimant.objects.bulk_create(
        [
            Claimant(
                name=name, key=claimant_key(name), kind=Claimant.Kind.PERSON, role="spokesperson"
            )
            for name in names
        ]
    )
    incidents = Incident.objects.bulk_create(
        [Incident(title=f"Attack in {PLACES[n % len(PLACES)]} #{n}") for n in range(20)]
    )
    pending = []
    article_rows = []
    for number in range(articles):
        place = PLACES[number % len(PLACES)]
        incident = incidents[number % len(incidents)]
        sentences, spans = [], []
        offset = 0
        for position in range(claims_per_article):
            claimant = rng.choice(claimants)
            hedge, flags = rng.choice(HEDGES)
            low = rng.randint(2, 400)
            high = low + rng.randint(10, 300) if rng.random() < 0.1 else low
            if high != low:
                hedge, flags = "between ", {}
            figure = f"{low:,}" if high == low else f"{low:,} and {high:,}"
            outcome = OUTCOMES[position % len(OUTCOMES)]
            group = rng.choice(GROUPS)
            text = f"{hedge}{figure} {group} were {outcome.label.lower()}"
            sentence = (
                f"{claimant.name}, a spokesperson, said on Tuesday that {text} in {place} "
                f"after the attack on the market."
            )
            start = offset + sentence.index(text)
            spans.append(
                {
                    "claimant": claimant,
                    "incident": incident,
                    "text": text,
                    "start": start,
                    "end": start + len(text),
                    "outcome": outcome,
                    "count_min": low,
                    "count_max": high,
                    "group": group,
                    "attribution": f"{claimant.name}, a spokesperson",
                    **flags,
                }
            )
            sentences.append(sentence)
            offset += len(sentence) + 1
        body = " ".join(sentences)
        article_rows.append(
            Article(
                title=f"Casualties rise after the {place} market attack ({number + 1})",
                outlet=outlets[number % len(outlets)],
                body=body,
                content_hash=content_hash(body),
            )
        )
        pending.append(spans)
    stored = Article.objects.bulk_create(article_rows)
    claims = [
        Claim(article=article, kind=ClaimKind.CASUALTY, **span)
        for article, spans in zip(stored, pending, strict=True)
        for span in spans
    ]
    Claim.objects.bulk_create(claims)
    return {"articles": len(stored), "claims": len(claims), "claimants": len(claimants)}
