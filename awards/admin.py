"""Administration of the award catalogue (system administrators edit it, every administrator
reads it) and of award history (kept like the other records, inside the administrator's
subtree)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from awards.models import (
    AwardDocumentRequirement,
    AwardQuota,
    AwardRecord,
    AwardRule,
    AwardTopic,
    AwardType,
    BaseSalary,
    CheckStep,
    DossierDocumentType,
    RegulationDocument,
)
from awards.rules import RULE_TYPES, ParamSpec, validate_params
from awards.services import catalogue_delete, catalogue_save, regulation_version_copy
from common.admin import (
    CatalogueAdminMixin,
    ServiceAdminForm,
    ServiceInlineMixin,
    ServiceModelAdmin,
    admin_site,
    confirm_action,
)
from organizations.admin import BOTH_LOCATIONS, RecordAdmin
from organizations.permissions import can_manage_catalogue

AWARD_TYPE_M2M = ("topics", "collective_unit_kinds")


class CatalogueAdmin(CatalogueAdminMixin, ServiceModelAdmin):
    """One catalogue model: written with catalogue_save / catalogue_delete."""

    actions = ["delete_selected_through_service"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_catalogue(request.user)

    def m2m_values(self, form: Any, change: bool) -> dict[str, Any]:
        return {}

    def create_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        return catalogue_save(actor=request.user, instance=obj, m2m=self.m2m_values(form, False))

    def update_through_service(self, request: HttpRequest, obj: Any, form: Any) -> Any:
        return catalogue_save(
            actor=request.user,
            instance=obj,
            m2m=self.m2m_values(form, True),
            reason=form.cleaned_data.get("change_reason", ""),
        )

    def delete_through_service(self, request: HttpRequest, obj: Any, reason: str) -> None:
        catalogue_delete(actor=request.user, instance=obj, reason=reason)


class CatalogueInline(ServiceInlineMixin, admin.TabularInline):
    def can_write(self, request: HttpRequest, obj: Any = None) -> bool:
        return can_manage_catalogue(request.user)

    def create_through_service(self, request: HttpRequest, obj: Any) -> Any:
        return catalogue_save(actor=request.user, instance=obj)

    def update_through_service(
        self, request: HttpRequest, obj: Any, changed: list[str], reason: str
    ) -> Any:
        # catalogue_save diffs against the stored row, so the changed instance goes as it is.
        return catalogue_save(actor=request.user, instance=obj, reason=reason)

    def delete_through_service(self, request: HttpRequest, obj: Any, reason: str) -> None:
        catalogue_delete(actor=request.user, instance=obj, reason=reason)


# --- regulation documents and catalogue versions -------------------------------------------------


def previous_version(target: RegulationDocument) -> RegulationDocument | None:
    """The version a new catalogue version most likely continues: the one it supersedes, else
    the latest earlier version of its track."""
    if target.supersedes_id and target.supersedes.catalogue_track == target.catalogue_track:
        return target.supersedes
    return (
        RegulationDocument.objects.filter(
            catalogue_track=target.catalogue_track, effective_from__lt=target.effective_from
        )
        .exclude(pk=target.pk)
        .order_by("-effective_from")
        .first()
    )


class CatalogueCopyForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Copy the award types of"), queryset=RegulationDocument.objects.none()
    )

    def __init__(self, *args: Any, target: RegulationDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["source"]
        if target.catalogue_track:
            field.queryset = RegulationDocument.objects.filter(
                catalogue_track=target.catalogue_track
            ).exclude(pk=target.pk)
        field.initial = previous_version(target)


@admin.register(RegulationDocument, site=admin_site)
class RegulationDocumentAdmin(CatalogueAdmin):
    list_display = (
        "number",
        "title",
        "kind",
        "issuer",
        "effective_from",
        "effective_to",
        "catalogue_track",
        "confidence",
    )
    list_filter = ("catalogue_track", "kind", "confidence")
    search_fields = ("number", "title", "code", "issuer")
    autocomplete_fields = ("supersedes",)
    ordering = ("-effective_from", "number")
    actions = ["copy_previous_catalogue", "delete_selected_through_service"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[RegulationDocument]:
        return super().get_queryset(request).select_related("supersedes")

    @admin.action(
        permissions=["change"],
        description=_("Copy the catalogue of the previous version into this one…"),
        location=BOTH_LOCATIONS,
    )
    def copy_previous_catalogue(
        self, request: HttpRequest, queryset: QuerySet[RegulationDocument]
    ) -> HttpResponse | None:
        targets = list(queryset[:2])
        if len(targets) != 1:
            self.message_user(
                request,
                _("Choose exactly one catalogue version to copy into."),
                messages.ERROR,
            )
            return None
        return confirm_action(
            self,
            request,
            targets,
            form_class=CatalogueCopyForm,
            form_kwargs={"target": targets[0]},
            title=_("Start a catalogue version from another one"),
            submit_label=_("Copy"),
            next_step=_(
                "Choose the version to copy from. Every award type, topic, required document "
                "and quota is copied and marked uncertain: check each against the new text and "
                "correct it."
            ),
            perform=lambda target, data: regulation_version_copy(
                actor=request.user, source=data["source"], target=target
            ),
            success_message=lambda done: (
                gettext("Award types copied: %(count)d.") % {"count": sum(done)}
            ),
        )


@admin.register(AwardTopic, site=admin_site)
class AwardTopicAdmin(CatalogueAdmin):
    list_display = ("name", "code", "regulation")
    list_select_related = ("regulation",)
    list_filter = ("regulation",)
    search_fields = ("name", "code")
    ordering = ("regulation", "name")


@admin.register(DossierDocumentType, site=admin_site)
class DossierDocumentTypeAdmin(CatalogueAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
    ordering = ("name",)


# --- award types ---------------------------------------------------------------------------------


class DocumentRequirementInline(CatalogueInline):
    model = AwardDocumentRequirement
    fields = ("document_type", "copies", "is_mandatory", "note")

    def get_queryset(self, request: HttpRequest) -> QuerySet[AwardDocumentRequirement]:
        return super().get_queryset(request).select_related("document_type")


class QuotaInline(CatalogueInline):
    model = AwardQuota
    fields = ("scope", "topic", "limit_count", "limit_percent", "citation", "confidence", "note")


@admin.register(AwardType, site=admin_site)
class AwardTypeAdmin(CatalogueAdmin):
    list_display = (
        "name",
        "code",
        "regulation",
        "track",
        "category",
        "occasion",
        "deciding_level",
        "for_individuals",
        "is_active",
        "confidence",
    )
    list_select_related = ("regulation", "deciding_level")
    list_filter = ("regulation", "track", "category", "occasion", "is_active", "confidence")
    search_fields = ("name", "short_name", "code")
    filter_horizontal = AWARD_TYPE_M2M
    ordering = ("regulation", "sort_order", "name")
    inlines = [DocumentRequirementInline, QuotaInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "regulation",
                    "code",
                    "name",
                    "short_name",
                    "track",
                    "category",
                    "occasion",
                    "topics",
                    "is_active",
                    "sort_order",
                )
            },
        ),
        (
            _("Who receives it, who decides"),
            {
                "fields": (
                    "for_individuals",
                    "collective_unit_kinds",
                    "deciding_level",
                    "deciding_body",
                )
            },
        ),
        (
            _("Council vote"),
            {
                "fields": (
                    "requires_council_vote",
                    "ballot_type",
                    "vote_base",
                    "vote_threshold_pct",
                    "quorum_pct",
                )
            },
        ),
        (
            _("Amount and source"),
            {"fields": ("amount_multiplier", "citation", "confidence", "note")},
        ),
        (None, {"fields": ("change_reason",)}),
    )

    def m2m_values(self, form: Any, change: bool) -> dict[str, Any]:
        # Only what changed, so that the audit log does not repeat unchanged lists.
        return {
            name: list(form.cleaned_data[name])
            for name in AWARD_TYPE_M2M
            if name in form.cleaned_data and (not change or name in form.changed_data)
        }


@admin.register(BaseSalary, site=admin_site)
class BaseSalaryAdmin(CatalogueAdmin):
    list_display = ("effective_from", "amount_vnd", "legal_basis")
    list_select_related = ("legal_basis",)
    autocomplete_fields = ("legal_basis",)
    ordering = ("-effective_from",)


# --- rule packs ----------------------------------------------------------------------------------


def _spec_lines(specs: tuple[ParamSpec, ...], indent: str = "") -> list[str]:
    lines = []
    for spec in specs:
        parts = [f"{indent}{spec.name} ({spec.type}{'' if spec.required else ', optional'})"]
        if spec.choices:
            parts.append("∈ {" + ", ".join(spec.choices) + "}")
        if spec.minimum is not None:
            parts.append(f"≥ {spec.minimum}")
        if spec.maximum is not None:
            parts.append(f"≤ {spec.maximum}")
        if not spec.required:
            parts.append(f"= {spec.default!r}")
        if spec.help:
            parts.append(f"— {spec.help}")
        lines.append(" ".join(parts))
        lines.extend(_spec_lines(spec.fields, indent + "    "))
    return lines


def rule_type_schema_text(type_code: str) -> str:
    rule_type = RULE_TYPES.get(type_code)
    if rule_type is None:
        return ""
    return "\n".join(_spec_lines(rule_type.schema())) or gettext("No parameters.")


def award_code_choices() -> list[tuple[str, str]]:
    rows = (
        AwardType.objects.exclude(regulation__catalogue_track="")
        .order_by("sort_order", "code")
        .values_list("code", "name")
    )
    return list(dict(rows).items())


class AwardRuleForm(ServiceAdminForm):
    """A rule-pack row: its parameters are checked against the type's schema (shown below the
    field) when saved, and again by the catalogue service."""

    rule_type = forms.ChoiceField(label=_("rule type"))
    award_codes = forms.MultipleChoiceField(
        label=_("awards"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every award of the version."),
    )
    steps = forms.MultipleChoiceField(
        label=_("checked at"), choices=CheckStep.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = AwardRule
        fields = "__all__"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule_type"].choices = [
            (code, f"{code} ({rule_type.family})") for code, rule_type in RULE_TYPES.items()
        ]
        self.fields["award_codes"].choices = award_code_choices()
        schema = rule_type_schema_text(self.instance.rule_type) if self.instance.pk else ""
        if "params" in self.fields:
            self.fields["params"].help_text = gettext(
                "A JSON object with the parameters of the rule type."
            ) + (" " + gettext("Parameters of this type:") + "\n" + schema if schema else "")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        type_code, params = cleaned.get("rule_type"), cleaned.get("params")
        if type_code and params is not None and "params" not in self.errors:
            if not isinstance(params, dict):
                self.add_error("params", gettext("The parameters must be a JSON object."))
            else:
                errors = validate_params(type_code, params)
                if errors:
                    schema = rule_type_schema_text(type_code)
                    self.add_error(
                        "params",
                        [str(error) for error in errors]
                        + [gettext("Parameters of this type:") + " " + schema],
                    )
        return cleaned


@admin.register(AwardRule, site=admin_site)
class AwardRuleAdmin(CatalogueAdmin):
    """The rule packs: which rule types apply to which awards of a version (issue 5 §2). Only
    a verified rule blocks a step; the others warn until an administrator checks them against
    the regulation in force and marks them verified."""

    form = AwardRuleForm
    list_display = (
        "rule_id",
        "regulation",
        "rule_type",
        "awards_text",
        "severity",
        "confidence",
        "enabled",
        "citation",
    )
    list_select_related = ("regulation",)
    list_filter = ("regulation", "enabled", "severity", "confidence", "rule_type")
    search_fields = ("rule_id", "rule_type", "citation", "message", "note")
    ordering = ("regulation", "rule_id")
    readonly_fields = ("parameters_schema", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("regulation", "rule_id", "rule_type", "enabled")}),
        (_("Where it applies"), {"fields": ("award_codes", "nominees", "steps")}),
        (_("What it checks"), {"fields": ("params", "parameters_schema")}),
        (
            _("What a failure means"),
            {"fields": ("severity", "confidence", "citation", "message")},
        ),
        (_("Validity"), {"fields": ("valid_from", "valid_to", "note")}),
        (None, {"fields": ("change_reason",)}),
    )

    @admin.display(description=_("awards"))
    def awards_text(self, obj: AwardRule) -> str:
        return ", ".join(obj.award_codes) if obj.award_codes else gettext("every award")

    @admin.display(description=_("parameters of the rule type"))
    def parameters_schema(self, obj: AwardRule) -> Any:
        from django.utils.html import format_html

        text = rule_type_schema_text(obj.rule_type) if obj.pk else ""
        if not text:
            return gettext("Choose the rule type and save: its parameters are listed here.")
        return format_html('<pre style="white-space:pre-wrap">{}</pre>', text)


# --- award history -------------------------------------------------------------------------------


@admin.register(AwardRecord, site=admin_site)
class AwardRecordAdmin(RecordAdmin):
    list_display = (
        "award_name",
        "year",
        "person",
        "unit",
        "decision_number",
        "deciding_unit",
        "source",
        "revoked_on",
    )
    list_select_related = ("person", "unit", "deciding_unit")
    list_filter = ("year", "source")
    search_fields = (
        "award_name",
        "award_code",
        "decision_number",
        "person__full_name",
        "person__code",
        "unit__name",
    )
    autocomplete_fields = ("person", "unit", "award_type", "topic", "deciding_unit")
    ordering = ("-year", "award_name")
