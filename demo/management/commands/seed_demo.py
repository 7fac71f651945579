"""`manage.py seed_demo`: load the demo data (run by `make run`; idempotent)."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from accounts.selectors import system_user
from demo.services import SUMMARY_KEYS, demo_seed

# A context keeps these short words apart from the same words in other apps' catalogues.
SUMMARY_LABELS = {
    "units": pgettext_lazy("demo seed summary", "units"),
    "accounts": pgettext_lazy("demo seed summary", "demo accounts"),
    "roles": pgettext_lazy("demo seed summary", "roles granted"),
    "people": pgettext_lazy("demo seed summary", "people"),
    "transfers": pgettext_lazy("demo seed summary", "transfers"),
    "ratings": pgettext_lazy("demo seed summary", "individual ratings"),
    "collective_ratings": pgettext_lazy("demo seed summary", "collective ratings"),
    "initiatives": pgettext_lazy("demo seed summary", "initiatives"),
    "service_periods": pgettext_lazy("demo seed summary", "union service periods"),
    "sanctions": pgettext_lazy("demo seed summary", "disciplinary sanctions"),
    "pending_cases": pgettext_lazy("demo seed summary", "complaints and reviews"),
    "awards": pgettext_lazy("demo seed summary", "prior awards of people"),
    "collective_awards": pgettext_lazy("demo seed summary", "prior awards of collectives"),
    "workflow_accounts": pgettext_lazy("demo seed summary", "staff accounts of the workflow"),
    "councils": pgettext_lazy("demo seed summary", "emulation and commendation councils"),
    "submission_letters": pgettext_lazy("demo seed summary", "submission letters"),
    "nominations": pgettext_lazy("demo seed summary", "nominations"),
    "council_sessions": pgettext_lazy("demo seed summary", "council sessions"),
    "decisions": pgettext_lazy("demo seed summary", "award decisions"),
    "emulation_accounts": pgettext_lazy("demo seed summary", "staff accounts of emulation"),
    "campaigns": pgettext_lazy("demo seed summary", "emulation campaigns"),
    "registrations": pgettext_lazy("demo seed summary", "emulation registrations"),
    "progress_reports": pgettext_lazy("demo seed summary", "emulation progress reports"),
    "clusters": pgettext_lazy("demo seed summary", "emulation clusters and blocs"),
    "cluster_agreements": pgettext_lazy(
        "demo seed summary", "cluster agreements signed, scored and ranked"
    ),
}
assert set(SUMMARY_LABELS) == set(SUMMARY_KEYS)


class Command(BaseCommand):
    help = (
        "Create the demo data that is missing: the reference data, a union tree after the plans "
        "in ../shared/seeds, people with three years of records, and one account per role. "
        "Idempotent: a second run creates nothing."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        result = demo_seed(actor=system_user())
        seconds = time.monotonic() - started
        created = result.created
        if not any(created.values()):
            self.stdout.write(
                _("Demo data is already complete; nothing was created (%(seconds).1f s).")
                % {"seconds": seconds}
            )
        else:
            self.stdout.write(_("Demo data loaded in %(seconds).1f s:") % {"seconds": seconds})
            for key in SUMMARY_KEYS:
                if created[key]:
                    self.stdout.write(f"  {SUMMARY_LABELS[key]}: {created[key]}")
        if result.skipped:
            # Not an error: the demo data was changed since it was loaded (a unit dissolved...).
            self.stdout.write(_("Skipped, because the demo data was changed since it was loaded:"))
            for what, reason in result.skipped:
                self.stdout.write(f"  {what}: {reason}")
        if created["accounts"]:
            self.stdout.write(_("Run “manage.py demo_logins” to see the demo accounts."))
