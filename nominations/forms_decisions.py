"""Forms of the decision pages: they parse input and offer the choices that make sense; the
decision services decide and validate (a choice that slips through is refused there)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import RegulationDocument
from awards.selectors import regulation_list
from nominations.forms import ALL, NominationsField
from nominations.models import CouncilSession, Decision, DecisionStatus, Nomination
from nominations.permissions import decision_drafting_units
from nominations.selectors_councils import (
    council_session_list_for_decision,
    decision_unit_list_visible_to,
    nomination_list_for_decision,
    nomination_list_for_draft,
)
from organizations.forms import DateInput
from organizations.models import Unit
from organizations.selectors import unit_list_visible_to


def drafting_units(user: Any) -> Any:
    """The units whose decisions the user prepares (council secretary or signer there)."""
    return unit_list_visible_to(user).filter(pk__in=decision_drafting_units(user))


# --- the list --------------------------------------------------------------------------------


class DecisionFilterForm(forms.Form):
    search = forms.CharField(label=gettext_lazy("Number or title"), required=False)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), choices=[*ALL, *DecisionStatus.choices], required=False
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2100
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Deciding units are few (the levels that decide): a plain list of those with decisions.
        self.fields["unit"] = forms.ModelChoiceField(
            label=gettext_lazy("Deciding unit"),
            queryset=decision_unit_list_visible_to(user),
            required=False,
            empty_label=str(ALL[0][1]),
        )


# --- drafting and editing --------------------------------------------------------------------


class DocumentsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        label = f"{obj.number} – {obj.title}"
        if obj.effective_to is not None and obj.effective_to < timezone.localdate():
            label += f" ({_('no longer in force')})"
        return label


class SessionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        when = timezone.localtime(obj.scheduled_at).strftime("%d/%m/%Y")
        return f"{obj.title} ({obj.council.name}, {when})"


class DecisionTextsForm(forms.Form):
    """What the secretary writes in a draft, besides its recipients."""

    title = forms.CharField(
        label=gettext_lazy("Subject of the decision"),
        max_length=500,
        help_text=gettext_lazy("For example: Về việc khen thưởng thành tích năm 2025."),
    )
    legal_basis = forms.CharField(
        label=gettext_lazy("Legal bases"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    signer_title = forms.CharField(
        label=gettext_lazy("Signer's title"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "As printed above the signature, e.g. TM. BAN THƯỜNG VỤ – CHỦ TỊCH."
        ),
    )
    funding_source = forms.CharField(
        label=gettext_lazy("Funding source"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Where the award money comes from, e.g. Quỹ Thi đua – Khen thưởng."),
    )

    def setup_choices(self, unit: Unit | None, nominations: Any) -> None:
        self.fields["nominations"] = NominationsField(
            label=gettext_lazy("Recipients"),
            queryset=nominations,
            required=False,
            help_text=gettext_lazy(
                "The nominations that passed the council (or need no vote) and wait for this "
                "unit's decision. Tick those the decision grants."
            ),
        )
        self.fields["council_session"] = SessionField(
            label=gettext_lazy("Council session"),
            queryset=(
                council_session_list_for_decision(unit)
                if unit is not None
                else CouncilSession.objects.none()
            ),
            required=False,
            help_text=gettext_lazy(
                "The meeting whose result the decision carries out. Left empty, the session where "
                "all the ticked nominations passed is cited, if there is one."
            ),
        )
        self.fields["legal_documents"] = DocumentsField(
            label=gettext_lazy("Regulations applied"),
            queryset=regulation_list(),
            required=False,
        )
        self.order_fields(
            [
                "deciding_unit",
                "title",
                "nominations",
                "council_session",
                "legal_documents",
                "legal_basis",
                "signer_title",
                "funding_source",
            ]
        )


class DecisionDraftForm(DecisionTextsForm):
    """A new draft: the deciding unit first, then what waits for its decision."""

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = drafting_units(user)
        self.fields["deciding_unit"] = forms.ModelChoiceField(
            label=gettext_lazy("Deciding unit"), queryset=units, widget=forms.HiddenInput
        )
        chosen = self.data.get("deciding_unit") if self.is_bound else None
        chosen = chosen or self.initial.get("deciding_unit")
        self.unit: Unit | None = units.filter(pk=_int(chosen)).first() if chosen else None
        self.setup_choices(
            self.unit,
            nomination_list_for_decision(self.unit)
            if self.unit is not None
            else Nomination.objects.none(),
        )
        self.fields["legal_documents"].help_text = gettext_lazy(
            "Left empty, the laws in force and the regulations that define the awards granted."
        )
        self.fields["legal_basis"].help_text = gettext_lazy(
            'The "Căn cứ …" lines of the decision. Left empty, they are written from the '
            "regulations applied and the council session; you can edit them afterwards."
        )


class DecisionEditForm(DecisionTextsForm):
    """A draft being edited: its texts, its regulations and the nominations it grants."""

    def __init__(self, *args: Any, decision: Decision, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.decision = decision
        self.setup_choices(decision.deciding_unit, nomination_list_for_draft(decision))
        self.fields["legal_documents"].help_text = gettext_lazy(
            "The documents the decision applies. Change the legal bases below to match."
        )
        self.fields["legal_basis"].help_text = gettext_lazy(
            'The "Căn cứ …" lines of the decision, one per line.'
        )

    @staticmethod
    def initial_for(decision: Decision) -> dict[str, Any]:
        return {
            "title": decision.title,
            "legal_basis": decision.legal_basis,
            "signer_title": decision.signer_title,
            "funding_source": decision.funding_source,
            "council_session": decision.council_session_id,
            "legal_documents": [d.pk for d in decision.legal_documents.all()],
            "nominations": [item.nomination_id for item in decision.items.all()],
        }

    def nomination_changes(self) -> tuple[list[Nomination], list[Nomination]]:
        """(to add, to remove): the ticked nominations against those the draft grants now."""
        current = {item.nomination_id for item in self.decision.items.all()}
        chosen = list(self.cleaned_data["nominations"])
        chosen_ids = {n.pk for n in chosen}
        added = [n for n in chosen if n.pk not in current]
        removed = [
            item.nomination
            for item in self.decision.items.all()
            if item.nomination_id not in chosen_ids
        ]
        return added, removed

    def documents(self) -> list[RegulationDocument]:
        return list(self.cleaned_data["legal_documents"])


# --- issuing and revoking --------------------------------------------------------------------


class DecisionIssueForm(forms.Form):
    signed_on = forms.DateField(
        label=gettext_lazy("Signed on"),
        widget=DateInput,
        help_text=gettext_lazy(
            "The date the signer signed it; not in the future, nor before the council meeting."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"signed_on": timezone.localdate()})
        kwargs.setdefault("auto_id", "id_issue_%s")
        super().__init__(*args, **kwargs)


class AwardRevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Law 06/2022, chapter VII: fraud in declaring achievements, a false dossier, an "
            "unlawful appraisal or proposal, or later proof that the standards were not met. "
            "Cite the finding and its document."
        ),
        error_messages={
            "required": gettext_lazy(
                "Give the reason for revoking the award; it is kept and shown with the decision."
            )
        },
    )
    revoked_on = forms.DateField(
        label=gettext_lazy("Revoked on"),
        widget=DateInput,
        help_text=gettext_lazy("Between the decision date and today."),
    )

    def __init__(self, *args: Any, item_pk: int, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"revoked_on": timezone.localdate()})
        kwargs.setdefault("auto_id", f"id_revoke{item_pk}_%s")  # one form per recipient
        super().__init__(*args, **kwargs)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
