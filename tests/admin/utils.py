"""Helpers for driving the admin in tests."""

from typing import Any

from django.forms import CheckboxInput, Form
from django.urls import reverse


def admin_url(model: Any, view: str, *args: Any) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def _add_form(data: dict[str, Any], form: Form) -> None:
    for name, field in form.fields.items():
        bound = form[name]
        value = bound.value()
        if isinstance(field.widget, CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        else:
            data[bound.html_name] = str(value)


def change_form_data(response: Any, **changes: Any) -> dict[str, Any]:
    """The POST a browser would send back from an admin change page, with `changes` applied
    (keys are the form's field names)."""
    data: dict[str, Any] = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    data.update({name: str(value) if value is not None else "" for name, value in changes.items()})
    return data


def action_data(action: str, *objects: Any, **confirm: Any) -> dict[str, Any]:
    """The POST of an admin action from the changelist; with `confirm`, the second POST, from
    the action's own page (fields of that page's form, without their prefix)."""
    data: dict[str, Any] = {"action": action, "_selected_action": [str(o.pk) for o in objects]}
    if confirm:
        data["_confirmed"] = "1"
        data.update({f"confirm-{name}": str(value) for name, value in confirm.items()})
    return data


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in response.context["messages"]]
