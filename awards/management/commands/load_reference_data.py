from django.core.management.base import BaseCommand

from accounts.selectors import system_user
from awards.reference_loader import reference_data_load


class Command(BaseCommand):
    help = (
        "Create the missing reference data: unit levels and kinds, regulation documents, the "
        "award catalogue (QĐ 1689/QĐ-TLĐ, and QĐ 999/QĐ-TLĐ as a copy to verify), council "
        "composition rules and the default step deadlines. Idempotent."
    )

    def handle(self, *args, **options):
        counts = reference_data_load(actor=system_user())
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} created")
