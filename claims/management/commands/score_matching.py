"""Measure incident matching and the contradiction flag: ``python manage.py score_matching``.

Two figures, on the hand-labelled set in ``tests/incident_pairs/`` (see the README):

1. Pairs: each labelled article pair is scored (claims.matching.score, the extractor's
   claims as facts) and counted as matched at the join threshold, and as matched or
   proposed at the proposal threshold: precision and recall, overall and per kind of pair.
2. Desk: every article is ingested for real, in publication order, inside a transaction
   that is rolled back at the end (nothing stays). Then: are reports of one event in one
   incident (pairwise precision and recall), and how many contradiction flags hold
   against the labelled contradictions (the flag's precision).
"""

import datetime
import json
from itertools import combinations
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from claims.extraction import extract
from claims.matching import JOIN_THRESHOLD, PROPOSE_THRESHOLD, score
from claims.models import Claim, ClaimKind
from claims.selectors import conflicts_for, with_conflict_flag
from claims.services.ingest import ingest_articles, merge_mentions
from claims.services.matching import facts_for_extracted
from sources.incoming import IncomingArticle

DEFAULT_SET = Path(__file__).resolve().parents[3] / "tests" / "incident_pairs"


class _RolledBack(Exception):
    pass


def load_set(folder: Path) -> tuple[dict[str, dict], dict]:
    articles = json.loads((folder / "articles.json").read_text("utf-8"))
    labels = json.loads((folder / "pairs.json").read_text("utf-8"))
    return {article["id"]: article for article in articles}, labels


def article_facts_of(article: dict):
    published = datetime.date.fromisoformat(article["published_on"])
    extracted = merge_mentions(extract(article["body"]))
    return facts_for_extracted(
        title=article["title"], body=article["body"], published_on=published, extracted=extracted
    )


def precision_recall(predicted: list[bool], actual: list[bool]) -> dict:
    true_positive = sum(p and a for p, a in zip(predicted, actual, strict=True))
    flagged, relevant = sum(predicted), sum(actual)
    precision = true_positive / flagged if flagged else None
    recall = true_positive / relevant if relevant else None
    return {
        "precision": None if precision is None else round(precision, 3),
        "recall": None if recall is None else round(recall, 3),
        "true_positive": true_positive,
        "predicted": flagged,
        "actual": relevant,
    }


def score_pairs(articles: dict[str, dict], pairs: list[dict]) -> dict:
    """Precision and recall of matching on the labelled pairs, at both thresholds."""
    facts = {key: article_facts_of(article) for key, article in articles.items()}
    scored = []
    for pair in pairs:
        match = score(facts[pair["a"]], facts[pair["b"]])
        scored.append({**pair, "score": match.score})
    actual = [pair["same"] for pair in scored]
    report = {
        "pairs": len(scored),
        "joined": precision_recall([p["score"] >= JOIN_THRESHOLD for p in scored], actual),
        "joined_or_proposed": precision_recall(
            [p["score"] >= PROPOSE_THRESHOLD for p in scored], actual
        ),
        "by_kind": {},
        "scores": scored,
    }
    for kind in sorted({pair["kind"] for pair in scored}):
        of_kind = [pair for pair in scored if pair["kind"] == kind]
        report["by_kind"][kind] = {
            "pairs": len(of_kind),
            "joined": sum(pair["score"] >= JOIN_THRESHOLD for pair in of_kind),
            "proposed": sum(
                PROPOSE_THRESHOLD <= pair["score"] < JOIN_THRESHOLD for pair in of_kind
            ),
        }
    return report


def _holds(labels: list[dict], claim: Claim, other: Claim, event_of: dict[int, str]) -> bool:
    for label in labels:
        if label["outcome"] != claim.outcome:
            continue
        if sorted(label["counts"]) != sorted([claim.count_min, other.count_min]):
            continue
        allowed = label.get("articles")
        if allowed and not {event_of[claim.article_id][1], event_of[other.article_id][1]} <= set(
            allowed
        ):
            continue
        return True
    return False


def score_desk(articles: dict[str, dict], contradictions: dict[str, list]) -> dict:
    """Ingest the whole set (rolled back afterwards); clustering and flag precision."""
    ordered = sorted(
        articles.values(), key=lambda article: (article["published_on"], article["id"])
    )
    report = {}
    try:
        with transaction.atomic():
            results = ingest_articles(
                [
                    IncomingArticle(
                        title=a["title"],
                        body=a["body"],
                        outlet=a["outlet"],
                        published_on=datetime.date.fromisoformat(a["published_on"]),
                    )
                    for a in ordered
                ]
            )
            if not all(result.created for result in results):
                raise CommandError(
                    "Some of these articles are already stored here; run on an empty database."
                )
            event_of = {
                result.article.pk: (a["event"], a["id"])
                for result, a in zip(results, ordered, strict=True)
            }
            incident_of = {}
            for article_id, incident_id in (
                Claim.objects.filter(article_id__in=event_of, kind=ClaimKind.CASUALTY)
                .exclude(incident=None)
                .values_list("article_id", "incident_id")
                .distinct()
            ):
                incident_of[article_id] = incident_id
            clustered = list(combinations(sorted(incident_of), 2))
            report["clustering"] = {
                "articles_with_casualties": len(incident_of),
                "incidents": len(set(incident_of.values())),
                "events": len({event_of[a][0] for a in incident_of}),
                **precision_recall(
                    [incident_of[a] == incident_of[b] for a, b in clustered],
                    [event_of[a][0] == event_of[b][0] for a, b in clustered],
                ),
            }
            casualties = Claim.objects.filter(article_id__in=event_of, kind=ClaimKind.CASUALTY)
            flagged = list(with_conflict_flag(casualties).filter(has_conflict=True))
            pairs = {}
            for claim in flagged:
                for other in conflicts_for(claim):
                    pairs[tuple(sorted((claim.pk, other.pk)))] = (claim, other)
            holding = []
            for claim, other in pairs.values():
                same_event = event_of[claim.article_id][0] == event_of[other.article_id][0]
                labels = contradictions.get(event_of[claim.article_id][0], [])
                holding.append(same_event and _holds(labels, claim, other, event_of))
            labelled = [
                (event, label) for event, labels in contradictions.items() for label in labels
            ]
            found = sum(
                any(
                    event_of[claim.article_id][0] == event
                    and _holds([label], claim, other, event_of)
                    for claim, other in pairs.values()
                )
                for event, label in labelled
            )
            report["contradictions"] = {
                "labelled": len(labelled),
                "labelled_found": found,
                "casualty_claims": casualties.count(),
                "flagged_claims": len(flagged),
                "flagged_pairs": len(pairs),
                "pairs_that_hold": sum(holding),
                "precision": round(sum(holding) / len(pairs), 3) if pairs else None,
                "false_flags": [
                    f"{claim.article.title[:40]!r} {claim.outcome} {claim.count_min} "
                    f"({claim.attribution}) vs {other.count_min} ({other.attribution})"
                    for (claim, other), holds in zip(pairs.values(), holding, strict=True)
                    if not holds
                ],
            }
            raise _RolledBack
    except _RolledBack:
        pass
    return report


class Command(BaseCommand):
    help = "Print incident matching precision/recall and the contradiction flag's precision."

    def add_arguments(self, parser):
        parser.add_argument("--set", default=str(DEFAULT_SET), help="folder of the labelled set")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print JSON")

    def handle(self, *args, set, as_json, **options):
        articles, labels = load_set(Path(set))
        pairs = score_pairs(articles, labels["pairs"])
        desk = score_desk(articles, labels["contradictions"])
        if as_json:
            self.stdout.write(json.dumps({"pairs": pairs, "desk": desk}, indent=2))
            return
        joined, either = pairs["joined"], pairs["joined_or_proposed"]
        self.stdout.write(
            f"Pairs: {pairs['pairs']} labelled ({joined['actual']} same event)\n"
            f"  joined (score >= {JOIN_THRESHOLD}): precision {joined['precision']}, "
            f"recall {joined['recall']}\n"
            f"  joined or proposed (>= {PROPOSE_THRESHOLD}): precision {either['precision']}, "
            f"recall {either['recall']}"
        )
        for kind, counts in pairs["by_kind"].items():
            self.stdout.write(
                f"  {kind}: {counts['pairs']} pairs, {counts['joined']} joined, "
                f"{counts['proposed']} proposed"
            )
        clustering, flags = desk["clustering"], desk["contradictions"]
        self.stdout.write(
            f"Desk: {len(articles)} articles ingested (rolled back), "
            f"{clustering['articles_with_casualties']} with casualty claims, "
            f"{clustering['events']} events -> {clustering['incidents']} incidents; "
            f"same-incident pairs precision {clustering['precision']}, "
            f"recall {clustering['recall']}\n"
            f"  contradictions: {flags['flagged_claims']} of {flags['casualty_claims']} "
            f"casualty claims flagged, {flags['flagged_pairs']} flagged pairs, "
            f"{flags['pairs_that_hold']} hold: precision {flags['precision']}; "
            f"{flags['labelled_found']} of {flags['labelled']} labelled contradictions flagged"
        )
        for line in flags["false_flags"]:
            self.stdout.write(f"    false flag: {line}")
