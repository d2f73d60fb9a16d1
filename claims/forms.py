"""Forms editors fill in the admin. They check input with the services' own rules (so a
rule has one home) and leave the writes to claims.services."""

from django import forms

from claims.models import Claim, ClaimKind, Outcome, RejectionReason, Status
from claims.services import records, review
from claims.services.curation import ClaimantChoice
from claims.services.exceptions import EditRejected, ReviewRejected
from claims.spec import CORRECTABLE_FIELDS
from sources.models import Claimant


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


# --- Curation ----------------------------------------------------------------------------


class NoteField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3, "cols": 60}))
        kwargs.setdefault("help_text", "Why. Required; recorded in the claim's history.")
        super().__init__(**kwargs)


class ClaimFieldsForm(forms.Form):
    """A claim as an editor adds or corrects it. The span is offsets into the article body
    (the text is always read from the body); claims.services.curation checks the rest."""

    kind = forms.ChoiceField(choices=ClaimKind.choices)
    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    outcome = forms.ChoiceField(choices=[("", "—"), *Outcome.choices], required=False)
    count_min = forms.IntegerField(min_value=0, required=False, label="Count (lowest)")
    count_max = forms.IntegerField(
        min_value=0, required=False, label="Count (highest)", help_text="Empty: same as lowest."
    )
    approximate = forms.BooleanField(required=False, help_text='"about", "nearly"')
    lower_bound = forms.BooleanField(required=False, label="At least")
    upper_bound = forms.BooleanField(required=False, label="Up to")
    group = forms.CharField(max_length=200, required=False, help_text='As written: "civilians"')
    claimant = forms.ModelChoiceField(
        queryset=Claimant.objects.order_by("name"),
        required=False,
        label="Existing claimant",
        help_text="Pick one, or type a new name below; neither: the article's own voice.",
    )
    claimant_name = forms.CharField(max_length=300, required=False, label="New claimant name")
    claimant_role = forms.CharField(max_length=300, required=False, label="New claimant role")
    note = NoteField()

    def claimant_choice(self) -> ClaimantChoice | None:
        data = self.cleaned_data
        if data.get("claimant") is not None:
            return ClaimantChoice(id=data["claimant"].pk)
        if data.get("claimant_name", "").strip():
            return ClaimantChoice(name=data["claimant_name"], role=data.get("claimant_role", ""))
        return None

    def claim_fields(self) -> dict:
        """The cleaned values as claims.services.curation takes them."""
        data = self.cleaned_data
        fields = {name: data[name] for name in CORRECTABLE_FIELDS if name != "claimant"}
        if fields["count_max"] is None:
            fields["count_max"] = fields["count_min"]
        fields["claimant"] = self.claimant_choice()
        return fields


class ClaimCorrectionForm(ClaimFieldsForm):
    """A correction carries the version the editor saw, so a stale save is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def for_claim(cls, claim: Claim) -> "ClaimCorrectionForm":
        initial = {name: getattr(claim, name) for name in CORRECTABLE_FIELDS}
        return cls(initial={**initial, "note": "", "version": claim.version})

    def corrections(self, claim: Claim) -> dict:
        """Only what differs from the claim, so the history lists what the editor changed."""
        fields = self.claim_fields()
        changed = {
            name: value
            for name, value in fields.items()
            if name != "claimant" and getattr(claim, name) != value
        }
        choice = fields["claimant"]
        if choice is None and claim.claimant_id is not None:
            changed["claimant"] = None
        elif choice is not None and choice.id != claim.claimant_id:
            changed["claimant"] = choice
        return changed


class RejectForm(forms.Form):
    reason = forms.ChoiceField(choices=RejectionReason.choices)
    note = NoteField()
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class RestoreForm(forms.Form):
    note = NoteField()
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ClaimantRenameForm(forms.Form):
    name = forms.CharField(max_length=300)
    role = forms.CharField(max_length=300, required=False)
    note = NoteField(help_text="Why. Required; recorded in the history of each of its claims.")


class MergeClaimantsForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Claimant.objects.none(),
        label="Keep",
        widget=forms.RadioSelect,
        help_text="The claimant that keeps every claim; the others are merged into it.",
    )
    note = NoteField(help_text="Why they are one source. Recorded on each claim moved.")

    def __init__(self, *args, claimants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = claimants


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
