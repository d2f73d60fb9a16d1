"""Forms editors fill in the admin. They check input with the services' own rules (so a
rule has one home) and leave the writes to claims.services."""

from django import forms
from django.contrib.auth import get_user_model

from claims import selectors
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
    """The note, rationale and evidence an admin bulk action asks for before reviewing many
    claims. A confirmation that contradicts a confirmed claim comes back with the
    acknowledgement fields (``conflict_step``)."""

    note = forms.CharField(
        label="Internal note",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Why, for the desk: never shown to readers. Recorded on every review.",
    )
    rationale = forms.CharField(
        label="Public rationale",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="What readers see once an editor publishes the verdict; required to publish.",
    )
    evidence_url = forms.URLField(
        label="Evidence URL",
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"size": 60}),
        help_text="A source that backs the decision (confirmed, false and disputed need one).",
    )
    evidence_label = forms.CharField(
        label="Evidence label",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text="Optional: what the source is, e.g. “Provincial hospital casualty list”.",
    )

    def __init__(self, *args, conflict_step: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if conflict_step or (self.data and "acknowledge_conflict" in self.data):
            self.fields["acknowledge_conflict"] = forms.BooleanField(
                label="Confirm both anyway",
                required=False,
                help_text="Another confirmed claim gives an incompatible figure.",
            )
            self.fields["conflict_note"] = forms.CharField(
                label="Why both can stand",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
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

    def verdict_fields(self) -> dict:
        """The keyword arguments of services.review for what this form holds."""
        url, label = self.cleaned_data.get("evidence_url"), self.cleaned_data.get("evidence_label")
        return {
            "note": self.cleaned_data["note"],
            "rationale": self.cleaned_data.get("rationale", ""),
            "evidence_urls": self.evidence_urls,
            "evidence_labels": {url: label} if url and label else {},
            "acknowledge_conflict": bool(self.cleaned_data.get("acknowledge_conflict")),
            "conflict_note": self.cleaned_data.get("conflict_note", ""),
        }


class ClaimReviewForm(BulkReviewForm):
    """One claim's review. ``version`` is the version the editor saw, so a stale save fails."""

    status = forms.ChoiceField(choices=Status.choices)
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Why the claim gets this status. Recorded in its history.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    field_order = ["status", "note", "rationale", "evidence_url", "evidence_label", "version"]

    @classmethod
    def for_claim(cls, claim: Claim) -> "ClaimReviewForm":
        return cls(initial={"status": claim.status, "version": claim.version})


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
        help_text="Columns id, status, note, and optionally evidence_url, rationale and version.",
    )


class AssignForm(forms.Form):
    """Who gets the selected claims, with an optional message for their e-mail."""

    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Nobody (unassign)",
        help_text="Reviewers and editors.",
    )
    message = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Optional: sent to the assignee and kept in the claims' history.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = selectors.reviewer_users()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Readers see it on the claim's page and in the ClaimReview feed.",
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
