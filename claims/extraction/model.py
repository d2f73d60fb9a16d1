"""The trained decision model, applied in pure Python from its JSON weights.

``model.json`` (written by ``python -m claims.extraction.train``) holds a multinomial logistic
regression over the binary features of :mod:`claims.extraction.features`: one intercept and
one weight per class for each feature. Scoring a candidate is a sum of the weights of its
present features per class and a softmax; no numpy or scikit-learn is needed at run time.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("model.json")
SPEAKER_MODEL_PATH = Path(__file__).with_name("speaker_model.json")
NONE = "none"
# A figure a revision replaced: kept, marked superseded, linked to the new figure.
SUPERSEDED = "superseded"


@dataclass(frozen=True, slots=True)
class Decision:
    """The model's answer for one candidate: the class, its probability and, when traced,
    the features that pushed hardest towards it (name, weight)."""

    label: str
    probability: float
    top_features: tuple[tuple[str, float], ...] = ()


class LinearModel:
    """Multinomial logistic regression over named binary features."""

    def __init__(self, payload: dict):
        self.classes: list[str] = payload["classes"]
        self.intercepts: list[float] = payload["intercepts"]
        self.weights: dict[str, list[float]] = payload["weights"]
        self.metadata: dict = {
            key: value for key, value in payload.items() if key not in ("weights", "intercepts")
        }

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> LinearModel:
        """Read a model file written by the training command."""
        return cls(json.loads(Path(path).read_text(encoding="utf-8")))

    def decide(self, features: list[str], trace: bool = False) -> Decision:
        """The most probable class for a candidate with these features."""
        weights = self.weights
        present = list(filter(None, map(weights.get, features)))
        present.append(self.intercepts)
        scores = list(map(sum, zip(*present, strict=True)))
        best = max(range(len(scores)), key=scores.__getitem__)
        peak = scores[best]
        total = sum(map(math.exp, [score - peak for score in scores]))
        probability = 1.0 / total
        top: tuple[tuple[str, float], ...] = ()
        if trace:
            named = [(name, weights[name][best]) for name in features if name in weights]
            named.sort(key=lambda item: -abs(item[1]))
            top = tuple((name, round(weight, 4)) for name, weight in named[:6])
        return Decision(self.classes[best], round(probability, 4), top)


def weights_digest(paths: tuple[Path, ...] = (MODEL_PATH, SPEAKER_MODEL_PATH)) -> str:
    """A short hash of the weights files (casualty and speaker models): part of
    :data:`EXTRACTOR_VERSION`, so a retrained model of either kind is a new version."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:8]
