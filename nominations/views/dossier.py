"""The dossier box of the nomination's page: upload and remove documents (HTMX refreshes the box
and the checks in place), and download them through the reader's scope, never a public URL."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from common.exceptions import DomainError, DomainNotFound, DomainPermissionError
from common.views import add_domain_error
from nominations.forms import AttachmentForm, AttachmentRemoveForm
from nominations.models import Attachment, Nomination
from nominations.selectors import nomination_get_visible
from nominations.services import attachment_add, attachment_remove
from nominations.views.detail import actions_for, checks_context, dossier_context, render_detail


def attachment_of(nomination: Nomination, pk: int) -> Attachment:
    """One document of a nomination the reader can see (already loaded with it)."""
    for attachment in nomination.attachments.all():
        if attachment.pk == pk:
            return attachment
    raise Http404


class DossierActionView(LoginRequiredMixin, View):
    """Shared by upload and removal: HTMX gets the dossier box back (and the checks, out of
    band); a plain form post goes back to the page."""

    def dossier_response(
        self, request: HttpRequest, pk: int, *, form: Any = None, notice: str = ""
    ) -> HttpResponse:
        nomination = nomination_get_visible(request.user, pk)  # as it is now
        actions = actions_for(request.user, nomination, [])
        context = {
            **dossier_context(request.user, nomination, can_edit=actions.can_edit, form=form),
            **checks_context(nomination, request.user),
            "notice": notice,
            "checks_out_of_band": True,
        }
        return render(request, "nominations/_dossier.html", context)

    def run(self, request: HttpRequest, pk: int, form: Any, action: Any, notice: str):
        try:
            action()
        except DomainNotFound as exc:
            raise Http404(exc.message) from exc
        except DomainPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except DomainError as exc:
            add_domain_error(form, exc)
            if request.htmx:
                return self.dossier_response(request, pk, form=form)
            return render_detail(request, pk, forms={"attachment": form}, refusal=exc)
        if request.htmx:
            return self.dossier_response(request, pk, notice=notice)
        messages.success(request, notice)
        return redirect("nominations:detail", pk=pk)


class AttachmentAddView(DossierActionView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        nomination = nomination_get_visible(request.user, pk)
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            if request.htmx:
                return self.dossier_response(request, pk, form=form)
            return render_detail(request, pk, forms={"attachment": form})
        data = form.cleaned_data
        return self.run(
            request,
            pk,
            form,
            lambda: attachment_add(
                actor=request.user,
                nomination=nomination,
                document_type=data["document_type"],
                file=data["file"],
            ),
            _("“%(document)s” was attached.") % {"document": data["document_type"].name},
        )


class AttachmentRemoveView(DossierActionView):
    def post(self, request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
        nomination = nomination_get_visible(request.user, pk)
        attachment = attachment_of(nomination, attachment_pk)
        form = AttachmentRemoveForm(request.POST)
        form.is_valid()  # the reason is optional
        return self.run(
            request,
            pk,
            AttachmentForm(),
            lambda: attachment_remove(
                actor=request.user,
                attachment=attachment,
                reason=form.cleaned_data.get("reason", ""),
            ),
            _("“%(file)s” was removed from the dossier.") % {"file": attachment.original_name},
        )


class AttachmentDownloadView(LoginRequiredMixin, View):
    """A dossier document, for anyone who can read the nomination; 404 for anyone else."""

    def get(self, request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
        nomination = nomination_get_visible(request.user, pk)
        attachment = attachment_of(nomination, attachment_pk)
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )
