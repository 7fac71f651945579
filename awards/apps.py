from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Award catalogue")

    def ready(self) -> None:
        from awards.models import AwardRecord
        from organizations.services.records import register_record_model

        # Award history is kept like the other records of people and collectives.
        register_record_model(AwardRecord)
