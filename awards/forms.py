from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from awards.models import AwardRecord, AwardType, Track
from organizations.forms import DateInput, RecordForm


class AwardRecordForm(RecordForm):
    class Meta:
        model = AwardRecord
        fields = [
            "award_type",
            "award_name",
            "year",
            "decision_number",
            "decision_date",
            "deciding_body",
            "note",
        ]
        widgets = {"decision_date": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "award_type": _(
                "Choose it when the award is in the catalogue; otherwise type its name."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award_type"].queryset = AwardType.objects.select_related("regulation")
        self.fields["award_type"].label_from_instance = lambda award: (
            f"{award.name} ({award.regulation.number})"
        )
        self.fields["award_name"].required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("award_type") and not cleaned.get("award_name"):
            self.add_error("award_name", _("Choose an award from the catalogue or type its name."))
        return cleaned


class CatalogueFilterForm(forms.Form):
    on = forms.DateField(
        label=_("In force on"),
        required=False,
        widget=DateInput(),
        help_text=_("The award types of the regulation versions in force that day."),
    )
    track = forms.ChoiceField(
        label=_("Track"), choices=[("", _("All")), *Track.choices], required=False
    )
    recipient = forms.ChoiceField(
        label=_("For"),
        required=False,
        choices=[
            ("", _("Everyone")),
            ("individual", _("Individuals")),
            ("collective", _("Collectives")),
        ],
    )
    search = forms.CharField(label=_("Name"), required=False)
