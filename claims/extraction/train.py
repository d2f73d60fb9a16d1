"""Train the casualty decision model and the speaker model from the committed corpora.

    python -m claims.extraction.train            # rebuild model.json and speaker_model.json
    python -m claims.extraction.train --check    # exit 1 unless a rebuild gives the same weights

Training data: every passage of every corpus in ``tests/extraction_corpus`` (each a JSON list
of passages). A passage's candidates take their labels from its span-level "numbers" where the
passage has them (see that folder's README); a passage without them gets labels derived from
its passage-level "casualties" list (each labelled figure assigned to the candidate the rules
give that outcome and count, else to the first candidate with that count). The model is a
multinomial logistic regression (scikit-learn, lbfgs, fixed C and seed); features seen fewer
than twice are dropped and weights are rounded to 6 decimals, so a rebuild is byte-identical.
The speaker model (``speaker_model.json``, :mod:`claims.extraction.speakers`) is a binary
logistic regression over every reading of every attribution the rules find, labelled by
whether the reading's normalised name is one of the passage's "speakers" (matched as the scorer
matches them). Needs requirements-train.txt; the product itself never imports this module.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from claims.extraction.decisions import Proposal, rule_label
from claims.extraction.engine import analyse
from claims.extraction.features import FEATURE_FAMILIES
from claims.extraction.model import MODEL_PATH, NONE, SUPERSEDED
from claims.extraction.speakers import SPEAKER_MODEL_PATH

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "extraction_corpus"
CLASSES = [NONE, "killed", "injured", "missing", "displaced", "arrested", SUPERSEDED]
COUNTED_ROLES = frozenset({"claim", "subcount", "repeat"})
REGULARISATION_C = 2.0
CLASS_WEIGHT: str | None = None
MIN_FEATURE_COUNT = 2
SEED = 0
MODEL_VERSION = "2.5.0"
# The rules' own proposal ("RULE=killed") is not a feature: the rules were tuned on these same
# corpora, so a model leaning on them learns to trust them and its leave-one-corpus-out score
# says nothing about unseen text.
EXCLUDED_FAMILIES: tuple[str, ...] = ()


def corpus_paths(directory: Path = CORPUS_DIR) -> list[Path]:
    """The labelled corpora: every JSON file of the folder that holds a list of passages."""
    paths = []
    for path in sorted(directory.glob("*.json")):
        if isinstance(json.loads(path.read_text(encoding="utf-8")), list):
            paths.append(path)
    return paths


def _count_of(proposal: Proposal) -> tuple[int, int]:
    rule = proposal.rule
    count = rule.found.count if rule and rule.found.count else proposal.candidate.count
    return count.low, count.high


def span_labels(passage: dict, proposals: list[Proposal]) -> list[str]:
    """Labels from the annotators' "numbers": a candidate overlapping a casualty span counted
    as a claim, sub-count or repeat takes its outcome, a superseded one "superseded";
    everything else is "none"."""
    spans = [
        (
            number["start"],
            number["end"],
            number["outcome"] if number["role"] in COUNTED_ROLES else SUPERSEDED,
        )
        for number in passage["numbers"]
        if number.get("label") == "casualty"
    ]
    labels = []
    for proposal in proposals:
        candidate = proposal.candidate
        start, end = candidate.number_start, max(candidate.number_end, candidate.number_start + 1)
        overlapping = [
            span_outcome
            for span_start, span_end, span_outcome in spans
            if span_start < end and start < span_end
        ]
        # "No one was killed or injured" is two spans on one phrase, and the rules give one
        # zero for each outcome: each takes the span of its own outcome.
        said = rule_label(proposal.rule)
        labels.append(said if said in overlapping else (overlapping[0] if overlapping else NONE))
    return labels


def derived_labels(passage: dict, proposals: list[Proposal]) -> list[str]:
    """Labels located from the passage-level "casualties" list (no span labels yet)."""
    remaining = Counter(
        (item["outcome"], item["count_min"], item["count_max"]) for item in passage["casualties"]
    )
    labels = [NONE] * len(proposals)
    for index, proposal in enumerate(proposals):
        key = (rule_label(proposal.rule), *_count_of(proposal))
        if not proposal.revision and remaining[key] > 0:
            labels[index] = key[0]
            remaining[key] -= 1
    for (outcome, low, high), left in remaining.items():
        for index, proposal in enumerate(proposals):
            if left <= 0:
                break
            if (
                labels[index] == NONE
                and not proposal.revision
                and _count_of(proposal) == (low, high)
            ):
                labels[index] = outcome
                left -= 1
    labelled = {(labels[i], *_count_of(p)) for i, p in enumerate(proposals) if labels[i] != NONE}
    for index, proposal in enumerate(proposals):
        key = (rule_label(proposal.rule), *_count_of(proposal))
        if labels[index] == NONE and key in labelled:
            labels[index] = key[0]
    return labels


def examples(passages: list[dict]) -> tuple[list[list[str]], list[str], Counter]:
    """Features and labels of every candidate of ``passages``, and which labels were used."""
    features, labels = [], []
    sources: Counter = Counter()
    for passage in passages:
        found = analyse(passage["text"], speaker_model=None).proposals
        if "numbers" in passage:
            passage_labels = span_labels(passage, found)
            sources["span"] += 1
        else:
            passage_labels = derived_labels(passage, found)
            sources["derived"] += 1
        features.extend(proposal.features for proposal in found)
        labels.extend(passage_labels)
    return features, labels, sources


def fit(passages: list[dict], excluded_families: tuple[str, ...] = EXCLUDED_FAMILIES) -> dict:
    """Train on ``passages`` and return the model payload (weights as plain lists).

    Features of ``excluded_families`` are left out of training (the run-time model then has no
    weight for them and ignores them).
    """
    features, labels, sources = examples(passages)
    return fit_examples(features, labels, sources, excluded_families)


def feature_matrix(features):
    """The 0/1 sparse matrix of the features seen at least MIN_FEATURE_COUNT times, and each
    feature's column (in sorted order, so a rebuild gives the same weights)."""
    from scipy.sparse import csr_matrix

    seen = Counter(name for row in features for name in set(row))
    vocabulary = sorted(name for name, count in seen.items() if count >= MIN_FEATURE_COUNT)
    column = {name: index for index, name in enumerate(vocabulary)}
    rows, columns = [], []
    for row_index, row in enumerate(features):
        for name in sorted(set(row)):
            if name in column:
                rows.append(row_index)
                columns.append(column[name])
    shape = (len(features), len(column))
    return csr_matrix(([1.0] * len(rows), (rows, columns)), shape=shape), column


def fit_examples(
    features: list[list[str]],
    labels: list[str],
    sources: Counter,
    excluded_families: tuple[str, ...] = EXCLUDED_FAMILIES,
) -> dict:
    """Train on candidates already turned into features (see :func:`examples`)."""
    from sklearn.linear_model import LogisticRegression

    if excluded_families:
        features = [
            [name for name in row if name.split("=")[0] not in excluded_families]
            for row in features
        ]
    matrix, column = feature_matrix(features)
    present = [label for label in CLASSES if label in set(labels)]
    classifier = LogisticRegression(
        C=REGULARISATION_C, class_weight=CLASS_WEIGHT, max_iter=5000, random_state=SEED
    )
    classifier.fit(matrix, labels)
    order = [list(classifier.classes_).index(label) for label in present]
    weights = {}
    for name, index in column.items():
        row = [round(float(classifier.coef_[class_index][index]), 6) for class_index in order]
        if any(abs(weight) >= 1e-6 for weight in row):
            weights[name] = row
    return {
        "version": MODEL_VERSION,
        "classes": present,
        "intercepts": [round(float(classifier.intercept_[index]), 6) for index in order],
        "weights": weights,
        "training": {
            "candidates": len(labels),
            "labels": dict(sorted(Counter(labels).items())),
            "passages_with_span_labels": sources["span"],
            "passages_with_derived_labels": sources["derived"],
            "C": REGULARISATION_C,
            "min_feature_count": MIN_FEATURE_COUNT,
            "class_weight": CLASS_WEIGHT,
            "seed": SEED,
            "excluded_feature_families": list(excluded_families),
        },
        "feature_families": FEATURE_FAMILIES,
    }


def load_passages(paths: list[Path]) -> list[dict]:
    """All passages of the given corpus files, in file order."""
    passages = []
    for path in paths:
        passages.extend(json.loads(path.read_text(encoding="utf-8")))
    return passages


def build(paths: list[Path] | None = None) -> dict:
    """The shipped model's payload: trained on every corpus, recording which files and hashes."""
    paths = corpus_paths() if paths is None else paths
    return trained_on(fit(load_passages(paths)), paths)


def trained_on(payload: dict, paths: list[Path]) -> dict:
    """The payload, recording the corpus files (and their hashes) it was trained on."""
    payload["training"]["corpora"] = [
        {"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()[:16]}
        for path in paths
    ]
    return payload


def serialise(payload: dict) -> str:
    """The model file's exact text (sorted keys, one line per weight row)."""
    weights = payload["weights"]
    head = {key: value for key, value in payload.items() if key != "weights"}
    lines = [json.dumps(head, sort_keys=True)[:-1] + ', "weights": {']
    names = sorted(weights)
    for position, name in enumerate(names):
        comma = "," if position < len(names) - 1 else ""
        lines.append(f"{json.dumps(name)}: {json.dumps(weights[name])}{comma}")
    lines.append("}}")
    return "\n".join(lines) + "\n"


def weight_differences(shipped: dict, rebuilt: dict, tolerance: float = 1.5e-6) -> list[str]:
    """Where two model payloads differ: classes, features, or a weight beyond 6 decimals."""
    differences = []
    for key in ("classes", "feature_families"):
        if shipped.get(key) != rebuilt.get(key):
            differences.append(f"{key}: {shipped.get(key)} != {rebuilt.get(key)}")
    if set(shipped["weights"]) != set(rebuilt["weights"]):
        extra = sorted(set(shipped["weights"]) ^ set(rebuilt["weights"]))
        differences.append(f"features differ: {extra[:10]}")
    rows = [("intercepts", shipped["intercepts"], rebuilt["intercepts"])]
    rows += [
        (name, row, rebuilt["weights"][name])
        for name, row in sorted(shipped["weights"].items())
        if name in rebuilt["weights"]
    ]
    for name, old, new in rows:
        if len(old) != len(new) or any(
            abs(a - b) > tolerance for a, b in zip(old, new, strict=True)
        ):
            differences.append(f"{name}: {old} != {new}")
    return differences


def main(argv: list[str] | None = None) -> int:
    """CLI: write both models, or with --check compare rebuilds with the shipped files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped models")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--speaker-output", type=Path, default=SPEAKER_MODEL_PATH)
    arguments = parser.parse_args(argv)
    text = serialise(build())
    speaker_text = serialise_speakers(build_speakers())
    if arguments.check:
        shipped = json.loads(arguments.output.read_text(encoding="utf-8"))
        differences = weight_differences(shipped, json.loads(text))
        shipped_speakers = json.loads(arguments.speaker_output.read_text(encoding="utf-8"))
        differences += speaker_weight_differences(shipped_speakers, json.loads(speaker_text))
        for line in differences[:20]:
            print(line)
        if differences:
            print(f"{arguments.output} or {arguments.speaker_output} differs from a rebuild")
            return 1
        print(
            f"{arguments.output} and {arguments.speaker_output} match a rebuild from the "
            "committed corpora (6 decimals)"
        )
        return 0
    arguments.output.write_text(text, encoding="utf-8")
    payload = json.loads(text)
    print(f"wrote {arguments.output}: {len(payload['weights'])} features, {payload['training']}")
    arguments.speaker_output.write_text(speaker_text, encoding="utf-8")
    speakers = json.loads(speaker_text)
    print(
        f"wrote {arguments.speaker_output}: "
        f"{len(speakers['keep']['weights'])} + {len(speakers['choose']['weights'])} features, "
        f"{speakers['training']}"
    )
    return 0


SPEAKER_MODEL_VERSION = "1.0.0"
SPEAKER_REGULARISATION_C = 1.0
# Unweighted: weighting the few right alternatives up ("balanced") raised the pooled in-sample
# speaker F1 and lowered the pooled leave-one-corpus-out one (README, Extraction).
CHOOSE_CLASS_WEIGHT: str | None = None


def speaker_examples(passages: list[dict]) -> list[list[tuple[tuple[str, ...], int]]]:
    """Per attribution of ``passages``, its readings' features, each with whether the
    reading's name is one of the passage's labelled speakers (matched as the scorer does)."""
    from claims.extraction.engine import attribute
    from claims.extraction.sentences import find_quotes, mask_quotes, split_sentences
    from claims.extraction.speakers import CandidateRecorder
    from tests.extraction_score import acronym_aliases, canonical_speaker, normalise_speaker

    groups = []
    for passage in passages:
        text = passage["text"]
        recorder = CandidateRecorder()
        attribute(text, mask_quotes(text, find_quotes(text)), split_sentences(text), recorder)
        aliases = acronym_aliases(text)
        wanted = {
            canonical_speaker(normalise_speaker(name), aliases) for name in passage["speakers"]
        }
        lowered = " ".join(text.lower().split())
        for group in recorder.groups:
            if _titles_a_listed_speaker(group[0].speaker.name, lowered, passage["speakers"]):
                continue
            matches = [
                canonical_speaker(normalise_speaker(candidate.speaker.name), aliases) in wanted
                for candidate in group
            ]
            # The passage's speakers are labelled wherever they are named, so a reading is only
            # taken as this attribution's speaker where the rules' own reading is not one.
            rules_right = matches[0]
            groups.append(
                [
                    (candidate.features, int(match and (index == 0 or not rules_right)))
                    for index, (match, candidate) in enumerate(zip(matches, group, strict=True))
                ]
            )
    return groups


def _titles_a_listed_speaker(name: str, lowered_text: str, speakers: list[str]) -> bool:
    """Whether the rules' words are the title of a speaker the passage names elsewhere ("Lebanon's
    health minister said" where "Health Minister Firass Abiad" is labelled): the passage-level
    labels list the name only, which says nothing about whether the title names a speaker, so
    such an attribution is no training example either way."""
    words = name.lower().split()
    if not words or name in speakers:
        return False
    return any(
        f"{words[-1]} {speaker.lower()}" in lowered_text
        for speaker in speakers
        if speaker.lower() != name.lower()
    )


def _fit_logistic(
    features: list[tuple[str, ...]], labels: list[int], class_weight: str | None = None
) -> dict:
    """A binary logistic regression over named features, as plain rounded weights."""
    from sklearn.linear_model import LogisticRegression

    matrix, column = feature_matrix(features)
    classifier = LogisticRegression(
        C=SPEAKER_REGULARISATION_C, class_weight=class_weight, max_iter=5000, random_state=SEED
    )
    classifier.fit(matrix, labels)
    return {
        "intercept": round(float(classifier.intercept_[0]), 6),
        "weights": {
            name: round(float(classifier.coef_[0][index]), 6)
            for name, index in column.items()
            if abs(classifier.coef_[0][index]) >= 1e-6
        },
        "examples": len(labels),
        "positives": sum(labels),
    }


def fit_speakers(passages: list[dict]) -> dict:
    """Train the speaker model on ``passages``: "keep" on the rules' reading of every
    attribution (is any reading a labelled speaker?), "choose" on every other reading (is it
    the speaker where the rules' reading is not?)."""
    return fit_speaker_groups(speaker_examples(passages))


def fit_speaker_groups(groups: list[list[tuple[tuple[str, ...], int]]]) -> dict:
    """The speaker model of attributions already turned into readings (:func:`speaker_examples`)."""
    keep = _fit_logistic(
        [group[0][0] for group in groups],
        [int(any(label for _, label in group)) for group in groups],
    )
    alternatives = [reading for group in groups for reading in group[1:]]
    choose = _fit_logistic(
        [features for features, _ in alternatives],
        [label for _, label in alternatives],
        CHOOSE_CLASS_WEIGHT,
    )
    return {
        "version": SPEAKER_MODEL_VERSION,
        "keep": keep,
        "choose": choose,
        "training": {
            "attributions": len(groups),
            "C": SPEAKER_REGULARISATION_C,
            "min_feature_count": MIN_FEATURE_COUNT,
            "seed": SEED,
        },
    }


def build_speakers(paths: list[Path] | None = None) -> dict:
    """The shipped speaker model: trained on every corpus, recording which files and hashes."""
    paths = corpus_paths() if paths is None else paths
    return trained_on(fit_speakers(load_passages(paths)), paths)


def serialise_speakers(payload: dict) -> str:
    """The speaker model file's exact text (sorted keys, one line per weight)."""
    head = {key: value for key, value in payload.items() if key not in ("keep", "choose")}
    lines = [json.dumps(head, sort_keys=True)[:-1] + ","]
    for part in ("choose", "keep"):
        model = payload[part]
        model_head = {key: value for key, value in model.items() if key != "weights"}
        lines.append(f"{json.dumps(part)}: " + json.dumps(model_head, sort_keys=True)[:-1])
        lines.append(', "weights": {')
        names = sorted(model["weights"])
        for position, name in enumerate(names):
            comma = "," if position < len(names) - 1 else ""
            lines.append(f"{json.dumps(name)}: {json.dumps(model['weights'][name])}{comma}")
        lines.append("}}," if part == "choose" else "}}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def speaker_weight_differences(
    shipped: dict, rebuilt: dict, tolerance: float = 1.5e-6
) -> list[str]:
    """Where two speaker model payloads differ: features, or a weight beyond 6 decimals."""
    differences = []
    for part in ("keep", "choose"):
        old_model, new_model = shipped[part], rebuilt[part]
        if set(old_model["weights"]) != set(new_model["weights"]):
            extra = sorted(set(old_model["weights"]) ^ set(new_model["weights"]))
            differences.append(f"speaker {part} features differ: {extra[:10]}")
        pairs = [("intercept", old_model["intercept"], new_model["intercept"])]
        pairs += [
            (name, weight, new_model["weights"][name])
            for name, weight in sorted(old_model["weights"].items())
            if name in new_model["weights"]
        ]
        for name, old, new in pairs:
            if abs(old - new) > tolerance:
                differences.append(f"speaker {part} {name}: {old} != {new}")
    return differences


if __name__ == "__main__":
    sys.exit(main())
