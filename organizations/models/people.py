"""People (union members and officials) and the records the commendation rules read."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.history import tracked_history
from common.models import TimeStampedModel

from .units import Unit

YEAR_VALIDATORS = [MinValueValidator(1950), MaxValueValidator(2100)]


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class EducationLevel(models.TextChoices):
    """Ordered from lowest to highest. The creative-labour certificate sets a lower threshold for
    people with a college education or below (regulations.md §B.2)."""

    GENERAL = "general", _("General education")
    VOCATIONAL = "vocational", _("Vocational / intermediate")
    COLLEGE = "college", _("College")
    UNIVERSITY = "university", _("University")
    MASTER = "master", _("Master")
    DOCTORATE = "doctorate", _("Doctorate")


class Person(TimeStampedModel):
    code = models.CharField(
        _("person code"),
        max_length=40,
        unique=True,
        help_text=_("Member or staff code; imports match rows to people by it."),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    education_level = models.CharField(
        _("education level"), max_length=20, choices=EducationLevel.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["full_name", "code"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["full_name"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"


class Membership(TimeStampedModel):
    """A period during which a person belongs to a unit, with the position held there.

    A person has at most one open membership; a transfer closes one and opens the next, so the
    past stays readable (the old unit's comments are needed for transfers, regulations.md §B.4).
    """

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    # Leaders and managers versus direct workers: rules and reports weigh them differently.
    is_leader = models.BooleanField(_("leader or manager"), default=False)
    is_union_member = models.BooleanField(_("union member"), default=True)

    history = tracked_history()

    class Meta:
        ordering = ["person", "-started_on"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(ended_on__isnull=True),
                name="membership_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="membership_period_order",
            ),
        ]
        indexes = [models.Index(fields=["unit", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.unit_id} {self.started_on}–{self.ended_on or ''}"


class ServiceMode(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time union official")
    PART_TIME = "part_time", _("Part-time union official")


class ServiceUnitCategory(models.TextChoices):
    """The kind of unit a period of union service was spent in; the commemorative medal counts
    service years differently for each (regulations.md §B.2, HD 149)."""

    UNION_BODY = "union_body", _("Union body (upper levels)")
    GRASSROOTS_STATE = "grassroots_state", _("Grassroots union, state sector")
    GRASSROOTS_NON_STATE = "grassroots_non_state", _("Grassroots union, non-state enterprise")
    UNION_PUBLIC_SERVICE = "union_public_service", _("Union public-service unit")
    UNION_ENTERPRISE = "union_enterprise", _("Union-owned enterprise")


class Committee(models.TextChoices):
    NONE = "", _("None")
    EXECUTIVE = "executive", _("Executive Committee (BCH)")
    STANDING = "standing", _("Standing Committee (BTV)")
    INSPECTION = "inspection", _("Inspection Committee (UBKT)")
    PRESIDIUM = "presidium", _("Presidium (ĐCT)")


class UnionServicePeriod(TimeStampedModel):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="service_periods"
    )
    # Service often predates the system or happened in units that no longer exist: the unit is
    # optional and its name and category are kept as they were.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_periods",
    )
    unit_name = models.CharField(_("unit name"), max_length=255, blank=True)
    unit_category = models.CharField(
        _("kind of unit"), max_length=30, choices=ServiceUnitCategory.choices
    )
    mode = models.CharField(_("mode"), max_length=20, choices=ServiceMode.choices)
    position = models.CharField(_("position"), max_length=200, blank=True)
    committee = models.CharField(
        _("committee"), max_length=20, choices=Committee.choices, blank=True, default=""
    )
    term_label = models.CharField(_("term"), max_length=40, blank=True)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["person", "started_on"]
        verbose_name = _("union service period")
        verbose_name_plural = _("union service periods")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="service_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.mode} {self.started_on}–{self.ended_on or ''}"


class SanctionForm(models.TextChoices):
    REPRIMAND = "reprimand", _("Reprimand")
    WARNING = "warning", _("Warning")
    SALARY_DOWNGRADE = "salary_downgrade", _("Salary downgrade")
    DEMOTION = "demotion", _("Demotion")
    DISMISSAL_FROM_POST = "dismissal_from_post", _("Dismissal from post")
    REMOVAL = "removal", _("Removal from office")
    FORCED_RESIGNATION = "forced_resignation", _("Forced resignation")
    EXPULSION = "expulsion", _("Expulsion")


class DisciplinarySanction(TimeStampedModel):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="sanctions"
    )
    form = models.CharField(_("form"), max_length=30, choices=SanctionForm.choices)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decided_on = models.DateField(_("decided on"))
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force to"), null=True, blank=True)
    issuer = models.CharField(_("issued by"), max_length=255, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["person", "-effective_from"]
        verbose_name = _("disciplinary sanction")
        verbose_name_plural = _("disciplinary sanctions")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="sanction_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_form_display()} {self.decision_number}".strip()


class PendingCaseKind(models.TextChoices):
    DISCIPLINARY_REVIEW = "disciplinary_review", _("Under disciplinary review")
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    LEGAL_CASE = "legal_case", _("Legal case under investigation")


class PendingCase(TimeStampedModel):
    """A review, complaint, denunciation or case about a person. While it is open (no
    `resolved_on`) some awards are put on hold (regulations.md rule KNC-04)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="pending_cases"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PendingCaseKind.choices)
    opened_on = models.DateField(_("opened on"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    resolution = models.TextField(_("resolution"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["person", "-opened_on"]
        verbose_name = _("pending case")
        verbose_name_plural = _("pending cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=F("opened_on")),
                name="pending_case_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.opened_on}"
