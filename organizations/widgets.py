"""A unit picker that scales to a national tree: a search box that fills a short select by HTMX.

The field's queryset is the user's whole scope (validation is one indexed lookup); the page only
renders the chosen unit and up to 30 matches of the search, never the whole scope.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


class UnitPickerWidget(forms.Select):
    template_name = "organizations/widgets/unit_picker.html"

    def __init__(self, *, purpose: str = "read", attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        # Which units the lookup offers: "read" (all in scope), "manage" (administered),
        # "people" (where the user keeps people's records).
        self.purpose = purpose

    def optgroups(self, name: str, value: list[Any], attrs: dict[str, Any] | None = None) -> Any:
        # Render only the blank choice and the current value, not the whole queryset.
        chosen = {str(v) for v in value if v not in (None, "")}
        groups = []
        index = 0
        for option_value, option_label in self.choices:
            key = str(getattr(option_value, "value", option_value))
            if key == "" or key in chosen:
                selected = key in chosen
                groups.append(
                    (
                        None,
                        [
                            self.create_option(
                                name, option_value, option_label, selected, index, attrs=attrs
                            )
                        ],
                        index,
                    )
                )
                index += 1
        return groups

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["lookup_url"] = reverse("organizations:unit_lookup")
        context["widget"]["purpose"] = self.purpose
        context["widget"]["search_placeholder"] = _("Type a name or code to search")
        return context


class UnitChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset: Any, *, purpose: str = "read", **kwargs: Any) -> None:
        kwargs.setdefault("widget", UnitPickerWidget(purpose=purpose))
        super().__init__(queryset, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


def unit_options_html(units: Any) -> SafeString:
    """The <option> list the lookup endpoint returns."""
    if not units:
        return format_html('<option value="">{}</option>', _("No unit matches the search"))
    return mark_safe(
        "".join(
            format_html('<option value="{}">{} ({})</option>', unit.pk, unit.name, unit.code)
            for unit in units
        )
    )
