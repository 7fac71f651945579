"""The award catalogue as versioned regulation data.

A `RegulationDocument` is any legal text the system cites. Those with a `catalogue_track` are
*catalogue versions*: they set the award types of their track (the union's commendation
regulation, or the State decree) for the period they are in force. Everything a regulation sets
(award types, dossier requirements, council voting parameters, quotas, amounts) hangs off the
version, so a nomination is always judged by the version in force on its reference date.
See docs/decisions/0004-award-catalogue-versions.md.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.history import tracked_history
from common.models import TimeStampedModel
from organizations.models import Person, Unit, UnitKind, UnitLevel
from organizations.models.people import YEAR_VALIDATORS
from organizations.models.records import one_subject_constraint


class Track(models.TextChoices):
    UNION = "union", _("Union track")
    STATE = "state", _("State track")


class Confidence(models.TextChoices):
    """How sure we are of a provision (regulations.md §0)."""

    VERIFIED = "verified", _("Verified")
    HISTORICAL = "historical", _("From an older regulation")
    UNCERTAIN = "uncertain", _("Uncertain")


class DocumentKind(models.TextChoices):
    LAW = "law", _("Law")
    DECREE = "decree", _("Decree")
    CIRCULAR = "circular", _("Circular")
    DECISION = "decision", _("Decision")
    GUIDANCE = "guidance", _("Guidance")
    OTHER = "other", _("Other")


class RegulationDocument(TimeStampedModel):
    code = models.SlugField(
        _("code"), max_length=60, unique=True, help_text=_("For example TLD-1689-2019.")
    )
    number = models.CharField(_("number"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(pgettext_lazy("legal document", "title"), max_length=500)
    issuer = models.CharField(_("issuer"), max_length=255)
    issued_on = models.DateField(_("issued on"))
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force to"), null=True, blank=True)
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("supersedes"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    catalogue_track = models.CharField(
        _("sets the award catalogue of"),
        max_length=10,
        choices=Track.choices,
        blank=True,
        help_text=_("Set for a commendation regulation whose award types the system applies."),
    )
    confidence = models.CharField(
        _("confidence"), max_length=20, choices=Confidence.choices, default=Confidence.VERIFIED
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["-effective_from", "number"]
        verbose_name = _("regulation document")
        verbose_name_plural = _("regulation documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                name="regulation_period_order",
            ),
        ]
        indexes = [models.Index(fields=["catalogue_track", "effective_from"])]

    def __str__(self) -> str:
        return self.number

    @property
    def is_catalogue_version(self) -> bool:
        return bool(self.catalogue_track)


class AwardCategory(models.TextChoices):
    TITLE = "title", _("Emulation title")
    FORM = "form", _("Reward form")


class Occasion(models.TextChoices):
    GENERAL = "general", _("General (annual)")
    TOPIC = "topic", _("Topic")
    PHASE = "phase", _("By phase")
    AD_HOC = "ad_hoc", _("Ad hoc")
    COMMEMORATIVE = "commemorative", _("Commemorative / anniversary")
    LIFETIME = "lifetime", _("Lifetime contribution")


class BallotType(models.TextChoices):
    SECRET = "secret", _("Secret ballot")
    OPEN = "open", _("Show of hands")


class VoteBase(models.TextChoices):
    ALL_MEMBERS = "all_members", _("All council members")
    PRESENT = "present", _("Members present")


class AwardTopic(TimeStampedModel):
    """A topic of topic awards (chuyên đề), e.g. "Xanh – Sạch – Đẹp, bảo đảm ATVSLĐ"."""

    regulation = models.ForeignKey(
        RegulationDocument,
        verbose_name=_("regulation"),
        on_delete=models.PROTECT,
        related_name="topics",
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=255)

    history = tracked_history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("award topic")
        verbose_name_plural = _("award topics")
        constraints = [
            models.UniqueConstraint(fields=["regulation", "code"], name="topic_code_per_version")
        ]

    def __str__(self) -> str:
        return self.name


class DossierDocumentType(TimeStampedModel):
    """A kind of document a dossier may need: tờ trình, báo cáo thành tích, biên bản..."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("dossier document type")
        verbose_name_plural = _("dossier document types")

    def __str__(self) -> str:
        return self.name


PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class AwardType(TimeStampedModel):
    regulation = models.ForeignKey(
        RegulationDocument,
        verbose_name=_("regulation version"),
        on_delete=models.PROTECT,
        related_name="award_types",
        limit_choices_to=~Q(catalogue_track=""),
    )
    # Stable across versions: the same award in 1689 and in 999 has the same code.
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    track = models.CharField(_("track"), max_length=10, choices=Track.choices)
    category = models.CharField(_("category"), max_length=10, choices=AwardCategory.choices)
    occasion = models.CharField(_("occasion"), max_length=20, choices=Occasion.choices)
    topics = models.ManyToManyField(
        AwardTopic, verbose_name=_("topics"), blank=True, related_name="award_types"
    )
    for_individuals = models.BooleanField(_("for individuals"), default=False)
    collective_unit_kinds = models.ManyToManyField(
        UnitKind,
        verbose_name=_("for collectives of kinds"),
        blank=True,
        related_name="award_types",
    )
    deciding_level = models.ForeignKey(
        UnitLevel,
        verbose_name=_("deciding level"),
        on_delete=models.PROTECT,
        related_name="decided_award_types",
    )
    deciding_body = models.CharField(
        _("deciding body"),
        max_length=255,
        blank=True,
        help_text=_("For example Đoàn Chủ tịch TLĐ."),
    )
    # Council voting parameters, set per award and version (regulations.md §D.3).
    requires_council_vote = models.BooleanField(_("council vote required"), default=True)
    ballot_type = models.CharField(
        _("ballot"), max_length=10, choices=BallotType.choices, default=BallotType.OPEN
    )
    vote_base = models.CharField(
        _("threshold counted over"),
        max_length=20,
        choices=VoteBase.choices,
        default=VoteBase.PRESENT,
    )
    vote_threshold_pct = models.DecimalField(
        _("approval threshold (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    quorum_pct = models.DecimalField(
        _("quorum (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    # The money that goes with the award, as a multiple of the statutory base salary.
    amount_multiplier = models.DecimalField(
        _("amount (× base salary)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    citation = models.CharField(_("citation"), max_length=255, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=20, choices=Confidence.choices, default=Confidence.UNCERTAIN
    )
    note = models.TextField(_("note"), blank=True)
    is_active = models.BooleanField(_("open for nominations"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = tracked_history(m2m_fields=[topics, collective_unit_kinds])

    class Meta:
        ordering = ["regulation", "sort_order", "name"]
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        constraints = [
            models.UniqueConstraint(fields=["regulation", "code"], name="award_code_per_version"),
        ]

    def __str__(self) -> str:
        return self.name


class AwardDocumentRequirement(TimeStampedModel):
    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("award type"),
        on_delete=models.CASCADE,
        related_name="document_requirements",
    )
    document_type = models.ForeignKey(
        DossierDocumentType,
        verbose_name=_("document type"),
        on_delete=models.PROTECT,
        related_name="requirements",
    )
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    is_mandatory = models.BooleanField(_("mandatory"), default=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["award_type", "document_type__name"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "document_type"], name="requirement_once_per_award"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type} – {self.document_type}"


class QuotaScope(models.TextChoices):
    PER_PROPOSING_UNIT = "per_proposing_unit", _("Per proposing unit and year")
    NATIONAL = "national", _("National total per year")
    PERCENT_OF_UNITS = "percent_of_units", _("Percentage of the units in a subtree")
    PERCENT_OF_HEADCOUNT = "percent_of_headcount", _("Percentage of the headcount of a unit")


class AwardQuota(TimeStampedModel):
    award_type = models.ForeignKey(
        AwardType, verbose_name=_("award type"), on_delete=models.CASCADE, related_name="quotas"
    )
    scope = models.CharField(_("scope"), max_length=30, choices=QuotaScope.choices)
    topic = models.ForeignKey(
        AwardTopic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotas",
    )
    limit_count = models.PositiveIntegerField(_("at most (count)"), null=True, blank=True)
    limit_percent = models.DecimalField(
        _("at most (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT_VALIDATORS,
    )
    citation = models.CharField(_("citation"), max_length=255, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=20, choices=Confidence.choices, default=Confidence.UNCERTAIN
    )
    note = models.TextField(_("note"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["award_type", "scope"]
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.CheckConstraint(
                condition=Q(limit_count__isnull=False) | Q(limit_percent__isnull=False),
                name="quota_has_a_limit",
            ),
        ]

    def __str__(self) -> str:
        limit = self.limit_count if self.limit_count is not None else f"{self.limit_percent}%"
        return f"{self.award_type}: {self.get_scope_display()} ≤ {limit}"


class BaseSalary(TimeStampedModel):
    """The statutory base salary (mức lương cơ sở) from a date; award amounts are multiples."""

    effective_from = models.DateField(_("in force from"), unique=True)
    amount_vnd = models.PositiveBigIntegerField(_("amount (VND)"))
    legal_basis = models.ForeignKey(
        RegulationDocument,
        verbose_name=_("legal basis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = tracked_history()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")

    def __str__(self) -> str:
        return f"{self.amount_vnd:,} VND ({self.effective_from})"


class AwardRecordSource(models.TextChoices):
    IMPORTED = "imported", _("Imported")
    ENTERED = "entered", _("Entered by hand")
    DECISION = "decision", _("Issued in the system")


class AwardRecord(TimeStampedModel):
    """An award a person or collective received: the award history later rules read.

    Awards granted before the system existed, or by bodies outside it, have no catalogue entry:
    `award_name` keeps what the decision said (e.g. the former Huy chương).
    """

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("collective"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_records",
    )
    award_type = models.ForeignKey(
        AwardType,
        verbose_name=_("award type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
    )
    award_code = models.SlugField(
        _("award code"),
        max_length=60,
        blank=True,
        help_text=_("The catalogue code, kept across regulation versions."),
    )
    award_name = models.CharField(_("award"), max_length=255)
    topic = models.ForeignKey(
        AwardTopic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    deciding_unit = models.ForeignKey(
        Unit,
        verbose_name=_("deciding unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_award_records",
    )
    deciding_body = models.CharField(_("deciding body"), max_length=255, blank=True)
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=AwardRecordSource.choices,
        default=AwardRecordSource.ENTERED,
    )
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    note = models.TextField(_("note"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["-year", "award_name"]
        verbose_name = _("award record")
        verbose_name_plural = _("award records")
        constraints = [one_subject_constraint("award_record_one_subject")]
        indexes = [
            models.Index(fields=["person", "year"]),
            models.Index(fields=["unit", "year"]),
            models.Index(fields=["award_code", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.award_name} ({self.year})"

    def clean(self) -> None:
        # A catalogue award names itself; the code links the record across regulation versions.
        award = self.award_type if self.award_type_id else None
        if award is not None:
            self.award_code = award.code
            if not self.award_name:
                self.award_name = award.name


class CouncilCompositionRule(TimeStampedModel):
    """How a council of a given level must be composed under a regulation version
    (e.g. at most 9 members for a provincial federation, QĐ 2106 art. 35)."""

    regulation = models.ForeignKey(
        RegulationDocument,
        verbose_name=_("regulation version"),
        on_delete=models.PROTECT,
        related_name="council_rules",
    )
    unit_level = models.ForeignKey(
        UnitLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="+"
    )
    min_members = models.PositiveSmallIntegerField(_("at least (members)"), default=1)
    max_members = models.PositiveSmallIntegerField(_("at most (members)"), null=True, blank=True)
    requires_chair = models.BooleanField(_("a chair is required"), default=True)
    citation = models.CharField(_("citation"), max_length=255, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=20, choices=Confidence.choices, default=Confidence.UNCERTAIN
    )
    note = models.TextField(_("note"), blank=True)

    history = tracked_history()

    class Meta:
        verbose_name = _("council composition rule")
        verbose_name_plural = _("council composition rules")
        constraints = [
            models.UniqueConstraint(
                fields=["regulation", "unit_level"], name="council_rule_once_per_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_level}: {self.min_members}–{self.max_members or '∞'}"


# --- rule packs (issue 5 §2) ---------------------------------------------------------------------


class CheckStep(models.TextChoices):
    """The points of the workflow where a nomination is checked."""

    SUBMIT = "submit", _("Submission")
    REVIEW = "review", _("Review")
    COUNCIL = "council", _("Council vote")
    DECISION = "decision", _("Decision")


class RuleSeverity(models.TextChoices):
    """What a failure of the rule means (awards.rules.result.Severity); only a verified rule may
    block, whatever is stored here (effective_severity)."""

    BLOCK = "block", _("Blocks the step")
    WARN = "warn", _("Warning")
    INFO = "info", _("Information")


class RuleNominees(models.TextChoices):
    ANY = "any", _("Individuals and collectives")
    INDIVIDUALS = "individuals", _("Individuals only")
    COLLECTIVES = "collectives", _("Collectives only")


def every_step() -> list[str]:
    return list(CheckStep.values)


class AwardRule(TimeStampedModel):
    """One row of a version's rule pack: a rule type of awards.rules, its parameters, what a
    failure means and where the regulation says so (docs/decisions/0012-rule-packs.md).

    Which awards it applies to is a list of award codes, empty for every award of the version:
    one provision often applies to several awards (the dossier of every reward form), and codes
    are stable across versions (ADR 0004), so copying a version copies its pack unchanged.
    """

    regulation = models.ForeignKey(
        RegulationDocument,
        verbose_name=_("regulation version"),
        on_delete=models.PROTECT,
        related_name="award_rules",
        limit_choices_to=~Q(catalogue_track=""),
    )
    rule_id = models.CharField(
        _("rule"), max_length=40, help_text=_("A stable identifier, for example BKTLD-01.")
    )
    award_codes = models.JSONField(
        _("awards"),
        default=list,
        blank=True,
        help_text=_("Codes of the award types it applies to; empty: every award of the version."),
    )
    nominees = models.CharField(
        _("nominees"), max_length=20, choices=RuleNominees.choices, default=RuleNominees.ANY
    )
    rule_type = models.CharField(_("rule type"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    severity = models.CharField(
        _("severity"), max_length=10, choices=RuleSeverity.choices, default=RuleSeverity.BLOCK
    )
    confidence = models.CharField(
        _("confidence"),
        max_length=20,
        choices=Confidence.choices,
        default=Confidence.UNCERTAIN,
        help_text=_(
            "Only a verified rule blocks a step; the others run as warnings at most, until "
            "checked against the regulation in force."
        ),
    )
    citation = models.CharField(
        _("citation"),
        max_length=255,
        help_text=_("Document, article and clause, for example QĐ 1689/QĐ-TLĐ, điều 14 khoản 1."),
    )
    message = models.CharField(
        _("message"),
        max_length=500,
        blank=True,
        help_text=_("Optional: shown instead of the rule type's message when the rule fails."),
    )
    steps = models.JSONField(
        _("checked at"),
        default=every_step,
        help_text=_("The steps where the rule runs: submit, review, council, decision."),
    )
    valid_from = models.DateField(
        _("applies from"), null=True, blank=True, help_text=_("Empty: from the version's start.")
    )
    valid_to = models.DateField(
        _("applies to"), null=True, blank=True, help_text=_("Empty: until the version's end.")
    )
    enabled = models.BooleanField(_("enabled"), default=True)
    note = models.TextField(_("note"), blank=True)

    history = tracked_history()

    class Meta:
        ordering = ["regulation", "rule_id"]
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")
        constraints = [
            models.UniqueConstraint(fields=["regulation", "rule_id"], name="rule_id_per_version"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="award_rule_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} ({self.regulation})"
