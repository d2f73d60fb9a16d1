"""Score the claim extractor against the hand-labelled corpus in ``tests/extraction_corpus``.

Casualties are matched per passage as multisets of ``(outcome, count_min, count_max)``;
speakers as sets of normalised names taken from the extractor's statement claims (lower case,
no leading article, no possessive "'s", punctuation folded to spaces). Precision, recall and
F1 are micro-averaged over the corpus.

Acronyms: where a passage itself defines an acronym ("the State Emergency Service (DSNS)"), the
full name and the acronym denote the same speaker by the text's own declaration, so both the
labels and the extractor's names are folded to one key before matching: the acronym itself, the
words written right before "(DSNS)" (two words or more, so a bare head such as "service" never
aliases), and "Full Name (DSNS)" written as one string. The extractor's own convention is to
name the organisation in full; the rule only keeps a label or an answer that uses the acronym
from being counted as a different speaker. Acronyms the text does not define are not expanded.

    python -m tests.extraction_score [--corpus PATH] [--verbose]
        [--min-casualty-f1 0.9] [--min-speaker-f1 0.85]
    python -m tests.extraction_score --all [--loco]
    python -m tests.extraction_score --raise-floors

``--all`` scores every corpus with the shipped models (in-sample: they were trained on them)
and with the rules alone; ``--loco`` adds the leave-one-corpus-out score, the estimate for
unseen text: for each corpus, a casualty model and a speaker model trained on all the other
corpora score that one (needs requirements-train.txt). Superseded figures are claims (marked
superseded) and are scored. ``--raise-floors`` applies the ratchet to
``tests/extraction_floors.json``: each corpus's floor becomes its in-sample F1 minus 0.01
(rounded down to two decimals) where that is higher, and a new corpus gets one.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from claims.extraction import ExtractedClaim, extract

DEFAULT_CORPUS = Path(__file__).parent / "extraction_corpus" / "corpus.json"
FLOORS_FILE = Path(__file__).parent / "extraction_floors.json"
FLOOR_MARGIN = 0.01

_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_POSSESSIVE = re.compile(r"['’]s\b")
_NOT_WORD = re.compile(r"[^\w]+")
_ACRONYM_DEFINITION = re.compile(r"\(([A-Z][A-Za-z0-9&.-]*[A-Z][A-Za-z0-9&.-]*)\)")
_DEFINITION_WINDOW = 160


@dataclass
class Tally:
    """True positives, false positives and false negatives, with P/R/F1 derived from them."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, expected: Counter, found: Counter) -> None:
        matched = sum((expected & found).values())
        self.true_positives += matched
        self.false_positives += sum(found.values()) - matched
        self.false_negatives += sum(expected.values()) - matched

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.true_positives,
            "fp": self.false_positives,
            "fn": self.false_negatives,
        }


@dataclass
class Report:
    """Corpus-wide tallies plus, per passage, what was missed and what was extra."""

    passages: int = 0
    casualties: Tally = field(default_factory=Tally)
    speakers: Tally = field(default_factory=Tally)
    errors: list[str] = field(default_factory=list)


def normalise_speaker(name: str) -> str:
    """Fold a speaker name for matching: "The UN's agency" and "UN agency" become equal."""
    folded = _POSSESSIVE.sub("", name.strip().lower())
    folded = _ARTICLE.sub("", folded)
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def acronym_aliases(text: str) -> list[tuple[str, str]]:
    """``(acronym, words before it)`` for each "Full Name (ACRONYM)" in ``text``, normalised."""
    aliases = []
    for match in _ACRONYM_DEFINITION.finditer(text):
        acronym = normalise_speaker(match.group(1))
        before = normalise_speaker(text[max(0, match.start() - _DEFINITION_WINDOW) : match.start()])
        if acronym and before:
            aliases.append((acronym, before))
    return aliases


def canonical_speaker(name: str, aliases: list[tuple[str, str]]) -> str:
    """The acronym key for a name the text defines as that acronym, else the name unchanged."""
    for acronym, before in aliases:
        if name.endswith(" " + acronym) and len(name) > len(acronym) + 1:
            name = name[: -len(acronym) - 1]
        if name == acronym:
            return f"={acronym}"
        if len(name.split()) >= 2 and (before == name or before.endswith(" " + name)):
            return f"={acronym}"
    return name


# Span roles counted as claims of the passage: a superseded figure is a claim a source made
# (the extractor returns it marked superseded); a repeat is not counted again.
COUNTED_ROLES = frozenset({"claim", "subcount", "superseded"})


def load_corpus(path: Path = DEFAULT_CORPUS) -> list[dict]:
    """Read a corpus: a JSON list of {"id", "text", "casualties", "speakers", "numbers"}.

    Where a passage has span labels ("numbers"), its "casualties" are derived from them (one
    source of truth): every casualty span with a role in :data:`COUNTED_ROLES`.
    """
    corpus = json.loads(Path(path).read_text(encoding="utf-8"))
    for passage in corpus:
        if "numbers" in passage:
            passage["casualties"] = derived_casualties(passage["numbers"])
    return corpus


def derived_casualties(numbers: list[dict]) -> list[dict]:
    """The passage-level casualty labels its span labels imply."""
    return [
        {key: number[key] for key in ("outcome", "count_min", "count_max")}
        for number in numbers
        if number["label"] == "casualty" and number["role"] in COUNTED_ROLES
    ]


def casualty_keys(claims: Iterable[ExtractedClaim]) -> Counter:
    """The multiset of ``(outcome, count_min, count_max)`` over numeric casualty claims."""
    return Counter(
        (claim.outcome, claim.count_min, claim.count_max)
        for claim in claims
        if claim.kind == "casualty" and claim.count_min is not None
    )


def speaker_keys(claims: Iterable[ExtractedClaim]) -> Counter:
    """The set (as a Counter of ones) of normalised speaker names of statement claims."""
    names = {
        normalise_speaker(claim.speaker.name)
        for claim in claims
        if claim.kind == "statement" and claim.speaker is not None
    }
    return Counter(name for name in names if name)


def score(corpus: list[dict], extractor: Callable[[str], list[ExtractedClaim]] = extract) -> Report:
    """Run ``extractor`` over every passage and tally casualties and speakers against labels."""
    report = Report()
    for passage in corpus:
        claims = extractor(passage["text"])
        expected_casualties = Counter(
            (item["outcome"], item["count_min"], item["count_max"])
            for item in passage["casualties"]
        )
        aliases = acronym_aliases(passage["text"])
        expected_speakers = Counter(
            {canonical_speaker(normalise_speaker(name), aliases) for name in passage["speakers"]}
        )
        found_casualties = casualty_keys(claims)
        found_speakers = Counter(
            {canonical_speaker(name, aliases) for name in speaker_keys(claims)}
        )
        report.passages += 1
        report.casualties.add(expected_casualties, found_casualties)
        report.speakers.add(expected_speakers, found_speakers)
        for label, expected, found in (
            ("casualty", expected_casualties, found_casualties),
            ("speaker", expected_speakers, found_speakers),
        ):
            missed = sorted(map(str, (expected - found).elements()))
            extra = sorted(map(str, (found - expected).elements()))
            if missed or extra:
                report.errors.append(f"{passage['id']} {label}: missed {missed} extra {extra}")
    return report


def loco_report(paths: list[Path] | None = None) -> dict[str, dict[str, Report]]:
    """Per corpus: "rules" (rules alone), "in_sample" (shipped model) and "loco" (a model
    trained on every other corpus). Training needs scikit-learn. Each corpus is turned into
    training examples once and each fold refits on the others' examples: the same models as
    training on the other corpora's passages, without analysing every text once per fold."""
    from claims.extraction.model import LinearModel
    from claims.extraction.speakers import SpeakerModel
    from claims.extraction.train import (
        corpus_paths,
        examples,
        fit_examples,
        fit_speaker_groups,
        load_passages,
        speaker_examples,
    )

    paths = corpus_paths() if paths is None else paths
    casualty_examples, speaker_groups = {}, {}
    for path in paths:
        passages = load_passages([path])
        casualty_examples[path] = examples(passages)
        speaker_groups[path] = speaker_examples(passages)
    results: dict[str, dict[str, Report]] = {}
    for held_out in paths:
        corpus = load_corpus(held_out)
        others = [path for path in paths if path != held_out]
        features = [row for path in others for row in casualty_examples[path][0]]
        labels = [label for path in others for label in casualty_examples[path][1]]
        sources = sum((casualty_examples[path][2] for path in others), Counter())
        model = LinearModel(fit_examples(features, labels, sources))
        groups = [group for path in others for group in speaker_groups[path]]
        speakers = SpeakerModel(fit_speaker_groups(groups))
        results[held_out.stem] = {
            "rules": score(corpus, rules_only),
            "in_sample": score(corpus),
            "loco": score(
                corpus, lambda text, m=model, s=speakers: extract(text, model=m, speaker_model=s)
            ),
        }
    return results


def rules_only(text: str) -> list[ExtractedClaim]:
    """The extractor with neither trained model: the rules' own decisions."""
    return extract(text, model=None, speaker_model=None)


def all_report() -> dict[str, dict[str, Report]]:
    """Per corpus: the rules alone and the shipped model (no training needed)."""
    from claims.extraction.train import corpus_paths

    return {
        path.stem: {
            "rules": score(load_corpus(path), rules_only),
            "in_sample": score(load_corpus(path)),
        }
        for path in corpus_paths()
    }


def _pooled(reports: list[Report]) -> tuple[Tally, Tally]:
    casualties, speakers = Tally(), Tally()
    for report in reports:
        for total, part in ((casualties, report.casualties), (speakers, report.speakers)):
            total.true_positives += part.true_positives
            total.false_positives += part.false_positives
            total.false_negatives += part.false_negatives
    return casualties, speakers


def print_table(results: dict[str, dict[str, Report]]) -> None:
    """A Markdown table: P/R/F1 per corpus and kind of score, pooled over corpora at the end."""
    kinds = [
        kind for kind in ("rules", "in_sample", "loco") if kind in next(iter(results.values()))
    ]
    print("| corpus | score | casualty P | R | F1 | speaker P | R | F1 |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    rows = list(results.items())
    for kind in kinds:
        pooled = _pooled([reports[kind] for _, reports in rows])
        rows_for_kind = [
            (name, reports[kind].casualties, reports[kind].speakers) for name, reports in rows
        ]
        for name, casualties, speakers in [*rows_for_kind, ("all (pooled)", *pooled)]:
            print(
                f"| {name} | {kind} | {casualties.precision:.3f} | {casualties.recall:.3f} | "
                f"{casualties.f1:.3f} | {speakers.precision:.3f} | {speakers.recall:.3f} | "
                f"{speakers.f1:.3f} |"
            )


def raised_floors(floors: dict[str, dict[str, float]], results: dict[str, dict[str, Report]]):
    """The ratchet: a floor only rises, to the in-sample F1 minus the margin, two decimals."""
    raised = {}
    for name, reports in sorted(results.items()):
        report = reports["in_sample"]
        old = floors.get(name, {})
        raised[name] = {
            f"{kind}_f1": max(
                old.get(f"{kind}_f1", 0.0),
                math.floor(round((tally.f1 - FLOOR_MARGIN) * 100, 6)) / 100,
            )
            for kind, tally in (("casualty", report.casualties), ("speaker", report.speakers))
        }
    return raised


def raise_floors() -> None:
    document = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))
    document["floors"] = raised_floors(document["floors"], all_report())
    FLOORS_FILE.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """CLI: print the scores as JSON; exit 1 if a requested minimum F1 is not reached."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--all", action="store_true", help="every corpus, shipped and rules")
    parser.add_argument("--loco", action="store_true", help="with --all: leave-one-corpus-out")
    parser.add_argument("--min-casualty-f1", type=float, default=0.0)
    parser.add_argument("--min-speaker-f1", type=float, default=0.0)
    parser.add_argument("--verbose", action="store_true", help="list every miss and extra")
    parser.add_argument(
        "--raise-floors", action="store_true", help="ratchet tests/extraction_floors.json"
    )
    arguments = parser.parse_args(argv)
    if arguments.raise_floors:
        raise_floors()
        return 0
    if arguments.all:
        print_table(loco_report() if arguments.loco else all_report())
        return 0

    report = score(load_corpus(arguments.corpus))
    if arguments.verbose:
        for line in report.errors:
            print(line)
    summary = {
        "passages": report.passages,
        "casualties": report.casualties.as_dict(),
        "speakers": report.speakers.as_dict(),
    }
    print(json.dumps(summary, indent=2))
    failed = report.casualties.f1 < arguments.min_casualty_f1 or (
        report.speakers.f1 < arguments.min_speaker_f1
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
