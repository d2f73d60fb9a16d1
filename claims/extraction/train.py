"""Train the casualty decision model from the committed corpora and write ``model.json``.

    python -m claims.extraction.train            # rebuild claims/extraction/model.json
    python -m claims.extraction.train --check    # exit 1 unless a rebuild gives the same weights

Training data: every passage of every corpus in ``tests/extraction_corpus`` (each a JSON list
of passages). A passage's candidates take their labels from its span-level "numbers" where the
passage has them (see that folder's README); a passage without them gets labels derived from
its passage-level "casualties" list (each labelled figure assigned to the candidate the rules
give that outcome and count, else to the first candidate with that count). The model is a
multinomial logistic regression (scikit-learn, lbfgs, fixed C and seed); features seen fewer
than twice are dropped and weights are rounded to 6 decimals, so a rebuild is byte-identical.
Needs requirements-train.txt; the product itself never imports this module.
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

CORPUS_DIR = Path(__file__).resolve().parents[2] / "tests" / "extraction_corpus"
CLASSES = [NONE, "killed", "injured", "missing", "displaced", "arrested", SUPERSEDED]
COUNTED_ROLES = frozenset({"claim", "subcount", "repeat"})
REGULARISATION_C = 1.0
CLASS_WEIGHT: str | None = None
MIN_FEATURE_COUNT = 2
SEED = 0
MODEL_VERSION = "2.1.0"
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
        outcome = NONE
        for span_start, span_end, span_outcome in spans:
            if span_start < end and start < span_end:
                outcome = span_outcome
                break
        labels.append(outcome)
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
        found = analyse(passage["text"]).proposals
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
    seen = Counter(name for row in features for name in set(row))
    vocabulary = sorted(name for name, count in seen.items() if count >= MIN_FEATURE_COUNT)
    column = {name: index for index, name in enumerate(vocabulary)}
    from scipy.sparse import csr_matrix

    rows, columns = [], []
    for row_index, row in enumerate(features):
        for name in sorted(set(row)):
            if name in column:
                rows.append(row_index)
                columns.append(column[name])
    matrix = csr_matrix(([1.0] * len(rows), (rows, columns)), shape=(len(features), len(column)))
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
    payload = fit(load_passages(paths))
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
    """CLI: write the model, or with --check compare a rebuild with the shipped file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped model")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    arguments = parser.parse_args(argv)
    text = serialise(build())
    if arguments.check:
        shipped = json.loads(arguments.output.read_text(encoding="utf-8"))
        differences = weight_differences(shipped, json.loads(text))
        for line in differences[:20]:
            print(line)
        if differences:
            print(f"{arguments.output} differs from a rebuild from the committed corpora")
            return 1
        print(f"{arguments.output} matches a rebuild from the committed corpora (6 decimals)")
        return 0
    arguments.output.write_text(text, encoding="utf-8")
    payload = json.loads(text)
    print(f"wrote {arguments.output}: {len(payload['weights'])} features, {payload['training']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
