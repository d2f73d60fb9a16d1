"""Forms editors fill in the admin. They check input with the services' own rules (so a
rule has one home) and leave the writes to claims.services."""

from django import forms

from claims.models import Claim, Status
from claims.services import records, review
from claims.services.exceptions import EditRejected, ReviewRejected


def by_review_rule(check, value):
    """The value claims.services.review's check returns; its refusal as a form error."""
    try:
        return check(value)
    except ReviewRejected as error:
        raise forms.ValidationError(str(error)) from None


class BulkReviewForm(forms.Form):
    """The note and evidence an admin bulk action asks for before reviewing many claims."""

    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Why these claims get this status. Recorded on every review.",
    )
    evidence_url = forms.URLField(
        label="Evidence URL",
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"size": 60}),
        help_text="Optional: a source that backs the decision.",
    )

    def clean_note(self):
        return by_review_rule(review.check_note, self.cleaned_data["note"])

    def clean_evidence_url(self):
        url = self.cleaned_data["evidence_url"]
        return by_review_rule(review.check_evidence_urls, [url])[0] if url else url

    @property
    def evidence_urls(self) -> list[str]:
        url = self.cleaned_data.get("evidence_url")
        return [url] if url else []


class ClaimReviewForm(BulkReviewForm):
    """One claim's review. ``version`` is the version the editor saw, so a stale save fails."""

    status = forms.ChoiceField(choices=Status.choices)
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Why the claim gets this status. Recorded in its history.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    whole_group = forms.BooleanField(
        required=False,
        label="Whole group",
        help_text="Give every claim of this claim's same-claim group this verdict, each with "
        "its own review.",
    )

    field_order = ["status", "note", "evidence_url", "whole_group", "version"]

    @classmethod
    def for_claim(cls, claim: Claim) -> "ClaimReviewForm":
        form = cls(initial={"status": claim.status, "version": claim.version})
        if claim.same_as_id is None:
            del form.fields["whole_group"]
        return form


class DismissConflictForm(forms.Form):
    note = forms.CharField(max_length=5_000, help_text="Why these figures do not contradict.")


class NewIncidentForm(forms.Form):
    title = forms.CharField(
        max_length=300,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text="The event these claims are about, e.g. “Kabul airport bombing”.",
    )

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("Give the new incident a title.")
        return title


class ReviewImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns id, status, note, and optionally evidence_url and version.",
    )


class RecordForm(forms.ModelForm):
    """An admin change form checked by the service's own rules (records.check_fields), so a
    name another claimant goes by ("the U.N." when "UN" exists) or a URL another article
    has is a form error, not an IntegrityError."""

    def clean(self):
        cleaned = super().clean()
        changed = {name: cleaned[name] for name in self.changed_data if name in cleaned}
        try:
            records.check_fields(self._meta.model, changed, self.instance.pk)
        except EditRejected as error:
            self.add_error(error.field, str(error))
        return cleaned


class ArticleForm(RecordForm):
    url = forms.URLField(max_length=2000, required=False, assume_scheme="https")
