"""The claim's fields are declared once (claims.spec), and the extractor's vocabulary is the
models': nothing else ties the extractor's Literal types to the TextChoices."""

import dataclasses
import typing

from claims import spec
from claims.extraction import types
from claims.models import Claim, ClaimKind, Outcome
from sources.models import ClaimantKind


def test_the_extractors_kinds_and_outcomes_are_the_models_choices():
    assert set(typing.get_args(types.ClaimKind)) == set(ClaimKind.values)
    assert set(typing.get_args(types.Outcome)) == set(Outcome.values)
    assert set(typing.get_args(types.ClaimantKind)) == set(ClaimantKind.values)


def test_every_field_ingest_copies_is_an_attribute_of_the_extracted_claim():
    extracted = {field.name for field in dataclasses.fields(types.ExtractedClaim)}
    copied = {field.name for field in spec.EXTRACTED_FIELDS}
    assert copied <= extracted, copied - extracted


def test_the_model_has_every_field_of_the_spec_and_no_other_value():
    model_fields = {field.name for field in Claim._meta.get_fields() if field.concrete}
    declared = {*spec.EXTRACTION_FIELDS, *spec.RECORD_FIELDS, *spec.DERIVED_FIELDS, "id"}
    assert model_fields == declared


def test_extracted_values_fit_their_columns():
    found = types.ExtractedClaim(
        kind="casualty", text="three people", start=0, end=12, count_min=3, group="x" * 300
    )

    values = spec.extracted_values(found)

    assert values["outcome"] == ""  # no outcome is stored as the empty choice
    assert len(values["group"]) == 200
    assert values["count_min"] == 3 and values["count_max"] is None
