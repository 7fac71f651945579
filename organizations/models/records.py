"""Yearly ratings and initiatives: the achievements that eligibility rules count."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.history import tracked_history
from common.models import TimeStampedModel

from .people import YEAR_VALIDATORS, Person
from .units import Unit


class Rating(models.TextChoices):
    """The annual rating of a person or a collective, best first."""

    EXCELLENT = "HTXSNV", _("Excellently completed duties (HTXSNV)")
    GOOD = "HTTNV", _("Well completed duties (HTTNV)")
    COMPLETED = "HTNV", _("Completed duties (HTNV)")
    NOT_COMPLETED = "KHTNV", _("Did not complete duties (KHTNV)")

    @classmethod
    def rank(cls, value: str) -> int:
        """0 for the best rating; rules compare ratings with it ("HTTNV or better")."""
        return [member.value for member in cls].index(value)


def one_subject_constraint(name: str) -> models.CheckConstraint:
    """Exactly one of person and unit: a record is about an individual or a collective."""
    return models.CheckConstraint(
        condition=(Q(person__isnull=False) & Q(unit__isnull=True))
        | (Q(person__isnull=True) & Q(unit__isnull=False)),
        name=name,
    )


class AnnualRating(TimeStampedModel):
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ratings",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ratings",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices)
    decided_by = models.CharField(_("rated by"), max_length=255, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    note = models.TextField(_("note"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("annual rating")
        verbose_name_plural = _("annual ratings")
        constraints = [
            one_subject_constraint("rating_one_subject"),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(person__isnull=False),
                name="rating_one_per_person_year",
            ),
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(unit__isnull=False),
                name="rating_one_per_unit_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.rating}"


class InitiativeKind(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative")
    SCIENTIFIC_TOPIC = "scientific_topic", _("Scientific topic")
    MANAGEMENT_SOLUTION = "management_solution", _("Management improvement")


class RecognitionLevel(models.TextChoices):
    """Who recognised an initiative, lowest first."""

    GRASSROOTS = "grassroots", _("Grassroots level")
    PROVINCIAL = "provincial", _("Provincial / ministerial level")
    NATIONAL = "national", _("National level")


class Initiative(TimeStampedModel):
    person = models.ForeignKey(
        Person, verbose_name=_("author"), on_delete=models.PROTECT, related_name="initiatives"
    )
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(
        _("kind"), max_length=30, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE
    )
    recognition_level = models.CharField(
        _("recognised at"), max_length=20, choices=RecognitionLevel.choices
    )
    year = models.PositiveSmallIntegerField(_("year recognised"), validators=YEAR_VALIDATORS)
    recognized_by = models.CharField(_("recognised by"), max_length=255, blank=True)
    decision_number = models.CharField(_("recognition decision"), max_length=60, blank=True)
    # Giá trị làm lợi, in VND; empty when the benefit was not quantified.
    beneficial_value = models.PositiveBigIntegerField(
        _("beneficial value (VND)"), null=True, blank=True
    )
    is_applied = models.BooleanField(_("applied effectively"), default=True)
    co_authors = models.CharField(_("co-authors"), max_length=500, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [models.Index(fields=["person", "year"])]

    def __str__(self) -> str:
        return self.title
