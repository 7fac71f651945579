"""Clusters and blocs (cụm, khối thi đua): the list, forming one, its page with the members (who
joined and left, when and why), the head and deputy of each year with the minutes of the choice,
and its yearly agreements."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from common.exceptions import DomainNotFound
from common.views import FilteredListView
from emulation.choices import OfficerPosition
from emulation.forms import (
    ClusterFilterForm,
    ClusterForm,
    MemberAddForm,
    MemberRemoveForm,
    OfficerForm,
)
from emulation.models import Cluster, ClusterMembership, ClusterOfficer
from emulation.permissions import (
    can_manage_cluster,
    cluster_lead_grant,
    officer_electing_grant,
)
from emulation.selectors import staff_unit_list
from emulation.selectors_clusters import (
    cluster_get_visible,
    cluster_list_visible_to,
    cluster_members_in,
)
from emulation.services import (
    cluster_create,
    cluster_member_add,
    cluster_member_remove,
    cluster_officer_elect,
)
from emulation.views.base import (
    ActionView,
    EmulationFormView,
    download,
    int_or_none,
    refusal_messages,
)
from organizations.models import Unit

CLUSTER_EXPORT_COLUMNS = [
    (gettext_lazy("Cluster or bloc"), lambda c: c.name),
    (gettext_lazy("Kind"), lambda c: c.get_kind_display()),
    (gettext_lazy("Formed by"), lambda c: c.parent_unit.name),
    (gettext_lazy("Formed on"), lambda c: c.formed_on),
    (gettext_lazy("Formed by decision"), lambda c: c.formed_by_decision),
    (gettext_lazy("Dissolved on"), lambda c: c.dissolved_on),
]


class ClusterListView(FilteredListView):
    template_name = "emulation/cluster_list.html"
    filter_form_class = ClusterFilterForm
    export_name = "cum-khoi-thi-dua"
    export_title = gettext_lazy("Emulation clusters and blocs")
    export_columns = CLUSTER_EXPORT_COLUMNS

    def get_filter_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def select(self, **filters: Any) -> QuerySet[Cluster]:
        return cluster_list_visible_to(self.request.user, **filters)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_create"] = staff_unit_list(self.request.user).exists()
        return context


class ClusterCreateView(EmulationFormView):
    template_name = "emulation/form.html"
    form_class = ClusterForm
    success_message = gettext_lazy(
        "The cluster was formed. Record its head and deputy for the year: the head then draws "
        "up the year's agreement, which the members sign."
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not staff_unit_list(request.user).exists():
            raise PermissionDenied(_("Only the emulation staff of a unit form its clusters."))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def perform(self, form: ClusterForm) -> Cluster:
        data = form.cleaned_data
        self.created = cluster_create(
            actor=self.request.user,
            parent_unit=data["parent_unit"],
            name=data["name"],
            kind=data["kind"],
            formed_on=data["formed_on"],
            formed_by_decision=data["formed_by_decision"],
            note=data["note"],
            members=data["members"],
        )
        return self.created

    def get_success_url(self) -> str:
        return reverse("emulation:cluster_detail", args=[self.created.pk])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Form a cluster or bloc"),
            next_step=_(
                "A cluster groups units under your unit by region; a bloc, by sector. A unit "
                "sits in one open cluster (and one bloc) of the same forming unit."
            ),
            back_url=reverse("emulation:cluster_list"),
            submit_label=_("Form the cluster"),
        )
        return context


class ClusterMixin:
    request: HttpRequest
    kwargs: dict[str, Any]

    def get_cluster(self) -> Cluster:
        if not hasattr(self, "_cluster"):
            try:
                self._cluster = cluster_get_visible(self.request.user, self.kwargs["pk"])
            except DomainNotFound as exc:
                raise Http404(exc.message) from exc
        return self._cluster


def page_year(asked: Any) -> int:
    year = int_or_none(asked)
    return year if year and 2000 <= year <= 2100 else timezone.localdate().year


def cluster_context(
    request: HttpRequest,
    cluster: Cluster,
    *,
    forms: dict[str, Any] | None = None,
    refusal: Any = None,
) -> dict[str, Any]:
    user = request.user
    year = page_year(request.GET.get("year"))
    memberships = list(cluster.memberships.all())
    officers = list(cluster.officers.all())
    agreements = sorted(cluster.agreements.all(), key=lambda a: -a.year)
    in_year = {unit.pk for unit in cluster_members_in(cluster, year)}
    year_officers = {o.position: o for o in officers if o.year == year}
    agreement = next((a for a in agreements if a.year == year), None)
    can_manage = can_manage_cluster(user, cluster)
    elect_years = [
        y
        for y in (year, year + 1)
        if len([o for o in officers if o.year == y]) < len(OfficerPosition)
        and officer_electing_grant(user, cluster, y) is not None
    ]
    can_draw_up = agreement is None and cluster_lead_grant(user, cluster, year) is not None
    head = year_officers.get(OfficerPosition.HEAD)
    if cluster.dissolved_on:
        next_step = _("The cluster was dissolved; its records stay here.")
    elif not in_year and can_manage:
        next_step = _("Add the cluster's members: the units under your unit that compete in it.")
    elif head is None and elect_years:
        next_step = _(
            "Record the head and deputy chosen for %(year)s, by election or rotation, with the "
            "minutes of the meeting."
        ) % {"year": year}
    elif can_draw_up:
        next_step = _(
            "Draw up the agreement for %(year)s: its indicators, scoring, bonus and penalty "
            "items and tie-break rules. The members then sign it with their targets."
        ) % {"year": year}
    elif agreement is not None:
        next_step = _("Open the %(year)s agreement to sign it, score, rank and propose.") % {
            "year": year
        }
    else:
        next_step = _(
            "The cluster's head draws up each year's agreement; members sign it, score "
            "themselves at year end and the cluster proposes its leading units."
        )
    forms = forms or {}
    return {
        "cluster": cluster,
        "year": year,
        "current": [m for m in memberships if m.left_on is None],
        "past": [m for m in memberships if m.left_on is not None],
        "members_in_year": [m for m in memberships if m.unit_id in in_year],
        "officers": officers,
        "year_officers": year_officers,
        "agreements": agreements,
        "agreement": agreement,
        "can_manage": can_manage and not cluster.dissolved_on,
        "elect_years": elect_years,
        "can_draw_up": can_draw_up and not cluster.dissolved_on,
        "member_form": forms.get("member")
        or MemberAddForm(
            cluster=cluster, members=[m.unit_id for m in memberships if not m.left_on]
        ),
        "refusal": refusal,
        "refusal_messages": refusal_messages(forms),
        "next_step": next_step,
    }


class ClusterDetailView(ClusterMixin, LoginRequiredMixin, TemplateView):
    template_name = "emulation/cluster_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(cluster_context(self.request, self.get_cluster()))
        return context


class MemberAddView(ClusterMixin, ActionView):
    form_key = "member"
    section = "members"

    def get_object(self) -> Cluster:
        self.__dict__.pop("_cluster", None)
        return self.get_cluster()

    def build_form(self, obj: Cluster) -> MemberAddForm:
        current = [m.unit_id for m in obj.memberships.all() if m.left_on is None]
        return MemberAddForm(self.request.POST, cluster=obj, members=current)

    def perform(self, obj: Cluster, form: MemberAddForm) -> str:
        data = form.cleaned_data
        cluster_member_add(
            actor=self.request.user,
            cluster=obj,
            unit=data["unit"],
            joined_on=data["joined_on"],
            reason=data["reason"],
        )
        return _("%(unit)s joined the cluster from %(date)s.") % {
            "unit": data["unit"].name,
            "date": data["joined_on"].strftime("%d/%m/%Y"),
        }

    def success_url(self, obj: Cluster) -> str:
        return reverse("emulation:cluster_detail", args=[obj.pk])

    def render_page(self, obj: Cluster, forms: dict[str, Any], refusal: Any) -> HttpResponse:
        context = cluster_context(self.request, obj, forms=forms, refusal=refusal)
        return render(self.request, "emulation/cluster_detail.html", context)


class MemberRemoveView(ClusterMixin, EmulationFormView):
    template_name = "emulation/form.html"
    form_class = MemberRemoveForm

    def get_membership(self) -> ClusterMembership:
        for membership in self.get_cluster().memberships.all():
            if membership.pk == self.kwargs["membership_pk"]:
                return membership
        raise Http404

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and not can_manage_cluster(
            request.user, self.get_cluster()
        ):
            raise PermissionDenied(_("Only the forming unit's staff changes the members."))
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form: MemberRemoveForm) -> ClusterMembership:
        self.membership = cluster_member_remove(
            actor=self.request.user,
            membership=self.get_membership(),
            left_on=form.cleaned_data["left_on"],
            reason=form.cleaned_data["reason"],
        )
        return self.membership

    def get_success_message(self) -> str:
        return _("%(unit)s left the cluster; its membership stays on record.") % {
            "unit": self.membership.unit.name
        }

    def get_success_url(self) -> str:
        return reverse("emulation:cluster_detail", args=[self.get_cluster().pk]) + "#members"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        membership = self.get_membership()
        context.update(
            cluster=self.get_cluster(),
            title=_("%(unit)s leaves the cluster") % {"unit": membership.unit.name},
            next_step=_(
                "The membership is kept with its dates and reasons: the unit still counts as a "
                "member in the years it belonged."
            ),
            back_url=self.get_success_url(),
            submit_label=_("Record the departure"),
        )
        return context


class OfficerCreateView(ClusterMixin, EmulationFormView):
    template_name = "emulation/form.html"
    form_class = OfficerForm

    def year(self) -> int:
        return page_year(self.request.POST.get("year") or self.request.GET.get("year"))

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (
            request.user.is_authenticated
            and officer_electing_grant(request.user, self.get_cluster(), self.year()) is None
        ):
            raise PermissionDenied(
                _("The forming unit's staff, or the outgoing head's, records the choice.")
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        ids = {m.unit_id for m in self.get_cluster().memberships.all()}
        members = Unit.objects.filter(pk__in=ids).order_by("name")
        return {**super().get_form_kwargs(), "members": members}

    def get_initial(self) -> dict[str, Any]:
        taken = {o.position for o in self.get_cluster().officers.all() if o.year == self.year()}
        position = OfficerPosition.DEPUTY if OfficerPosition.HEAD in taken else OfficerPosition.HEAD
        return {"year": self.year(), "position": position, "method": "election"}

    def perform(self, form: OfficerForm) -> ClusterOfficer:
        data = form.cleaned_data
        self.officer = cluster_officer_elect(
            actor=self.request.user,
            cluster=self.get_cluster(),
            year=data["year"],
            unit=data["unit"],
            position=data["position"],
            method=data["method"],
            chosen_on=data["chosen_on"],
            minutes_number=data["minutes_number"],
            minutes_file=data["minutes_file"],
            note=data["note"],
        )
        return self.officer

    def get_success_message(self) -> str:
        officer = self.officer
        return _("%(unit)s is the %(position)s for %(year)s.") % {
            "unit": officer.unit.name,
            "position": officer.get_position_display().lower(),
            "year": officer.year,
        }

    def get_success_url(self) -> str:
        url = reverse("emulation:cluster_detail", args=[self.get_cluster().pk])
        return f"{url}?year={self.officer.year}#officers"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        cluster = self.get_cluster()
        context.update(
            cluster=cluster,
            title=_("Record the head or deputy of the cluster"),
            next_step=_(
                "Each year the members choose a head and a deputy among themselves, by election "
                "or rotation. Record the minutes: their number, the signed file, or both."
            ),
            back_url=reverse("emulation:cluster_detail", args=[cluster.pk]),
            submit_label=_("Record the choice"),
            multipart=True,
        )
        return context


class OfficerMinutesView(ClusterMixin, LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int, officer_pk: int) -> FileResponse:
        for officer in self.get_cluster().officers.all():
            if officer.pk == officer_pk:
                return download(officer.minutes_file, officer.minutes_file_name)
        raise Http404
