"""The business event log: one append-only row per business action, chained by hashes.

Only audit.services writes here. Each row's hash covers the previous row's hash and the row's own
canonical content, so rewriting or removing any row breaks every link after it.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    """The closed list of business events. Add a member here before recording a new kind."""

    # accounts
    USER_CREATED = "USER_CREATED", _("User created")
    USER_UPDATED = "USER_UPDATED", _("User updated")
    USER_SIGNED_IN = "USER_SIGNED_IN", _("Signed in")
    USER_SIGN_IN_FAILED = "USER_SIGN_IN_FAILED", _("Failed sign-in")
    API_TOKEN_ISSUED = "API_TOKEN_ISSUED", _("API token issued")
    # organisation tree
    UNIT_LEVEL_SAVED = "UNIT_LEVEL_SAVED", _("Unit level saved")
    UNIT_KIND_SAVED = "UNIT_KIND_SAVED", _("Unit kind saved")
    UNIT_CREATED = "UNIT_CREATED", _("Unit created")
    UNIT_UPDATED = "UNIT_UPDATED", _("Unit updated")
    UNIT_MOVED = "UNIT_MOVED", _("Unit moved")
    UNIT_MERGED = "UNIT_MERGED", _("Unit merged")
    UNIT_DISSOLVED = "UNIT_DISSOLVED", _("Unit dissolved")
    # people and their records
    PERSON_CREATED = "PERSON_CREATED", _("Person created")
    PERSON_UPDATED = "PERSON_UPDATED", _("Person updated")
    PERSON_TRANSFERRED = "PERSON_TRANSFERRED", _("Person transferred")
    RECORD_CREATED = "RECORD_CREATED", _("Record created")
    RECORD_UPDATED = "RECORD_UPDATED", _("Record updated")
    RECORD_DELETED = "RECORD_DELETED", _("Record deleted")
    RECORDS_IMPORTED = "RECORDS_IMPORTED", _("Records imported")
    RECORDS_IMPORT_REJECTED = "RECORDS_IMPORT_REJECTED", _("Import rejected")
    # roles
    ROLE_GRANTED = "ROLE_GRANTED", _("Role granted")
    ROLE_REVOKED = "ROLE_REVOKED", _("Role revoked")
    # catalogue
    CATALOGUE_SAVED = "CATALOGUE_SAVED", _("Catalogue entry saved")
    CATALOGUE_DELETED = "CATALOGUE_DELETED", _("Catalogue entry deleted")
    REGULATION_VERSION_COPIED = "REGULATION_VERSION_COPIED", _("Catalogue copied to a new version")
    IMPORT_UPLOADED = "IMPORT_UPLOADED", _("Import file uploaded")
    IMPORT_FAILED = "IMPORT_FAILED", _("Import failed")
    # nominations
    NOMINATION_CREATED = "NOMINATION_CREATED", _("Nomination created")
    NOMINATION_UPDATED = "NOMINATION_UPDATED", _("Nomination updated")
    NOMINATION_DISCARDED = "NOMINATION_DISCARDED", _("Draft nomination discarded")
    ATTACHMENT_ADDED = "ATTACHMENT_ADDED", _("Dossier document added")
    ATTACHMENT_REMOVED = "ATTACHMENT_REMOVED", _("Dossier document removed")
    SUBMISSION_CREATED = "SUBMISSION_CREATED", _("Submission letter created")
    SUBMISSION_UPDATED = "SUBMISSION_UPDATED", _("Submission letter updated")
    NOMINATION_SUBMITTED = "NOMINATION_SUBMITTED", _("Nomination submitted")
    NOMINATION_APPROVED = "NOMINATION_APPROVED", _("Nomination approved and forwarded")
    NOMINATION_RETURNED = "NOMINATION_RETURNED", _("Nomination returned for changes")
    NOMINATION_RESUBMITTED = "NOMINATION_RESUBMITTED", _("Nomination resubmitted")
    NOMINATION_REJECTED = "NOMINATION_REJECTED", _("Nomination rejected")
    NOMINATION_WITHDRAWN = "NOMINATION_WITHDRAWN", _("Nomination withdrawn")
    CHECKS_BLOCKED = "CHECKS_BLOCKED", _("A step was blocked by a check")
    CHECK_OVERRIDDEN = "CHECK_OVERRIDDEN", _("A blocking check was overridden")
    # tasks
    TASK_CLAIMED = "TASK_CLAIMED", _("Task claimed")
    TASK_RELEASED = "TASK_RELEASED", _("Task released")
    TASK_REASSIGNED = "TASK_REASSIGNED", _("Task reassigned")
    STEP_REMINDED = "STEP_REMINDED", _("Deadline reminder sent")
    STEP_OVERDUE = "STEP_OVERDUE", _("Step past its deadline")
    DELEGATION_CREATED = "DELEGATION_CREATED", _("Delegation given")
    DELEGATION_ENDED = "DELEGATION_ENDED", _("Delegation ended")
    WORKFLOW_SETTING_SAVED = "WORKFLOW_SETTING_SAVED", _("Workflow setting saved")
    # councils and decisions
    COUNCIL_SAVED = "COUNCIL_SAVED", _("Council saved")
    COUNCIL_MEMBER_ADDED = "COUNCIL_MEMBER_ADDED", _("Council member added")
    COUNCIL_MEMBER_REMOVED = "COUNCIL_MEMBER_REMOVED", _("Council member removed")
    COUNCIL_SESSION_CREATED = "COUNCIL_SESSION_CREATED", _("Council session planned")
    COUNCIL_SESSION_OPENED = "COUNCIL_SESSION_OPENED", _("Council session opened")
    COUNCIL_SESSION_CLOSED = "COUNCIL_SESSION_CLOSED", _("Council session closed")
    COUNCIL_SESSION_CANCELLED = "COUNCIL_SESSION_CANCELLED", _("Council session cancelled")
    AGENDA_ITEM_ADDED = "AGENDA_ITEM_ADDED", _("Nomination put on the agenda")
    AGENDA_ITEM_REMOVED = "AGENDA_ITEM_REMOVED", _("Nomination taken off the agenda")
    ATTENDANCE_RECORDED = "ATTENDANCE_RECORDED", _("Attendance recorded")
    VOTE_RECORDED = "VOTE_RECORDED", _("Vote recorded")
    NOMINATION_VOTED = "NOMINATION_VOTED", _("Council result recorded")
    NOMINATION_AWARDED = "NOMINATION_AWARDED", _("Nomination awarded")
    DECISION_DRAFTED = "DECISION_DRAFTED", _("Decision drafted")
    DECISION_UPDATED = "DECISION_UPDATED", _("Decision draft updated")
    DECISION_ISSUED = "DECISION_ISSUED", _("Decision issued")
    AWARD_REVOKED = "AWARD_REVOKED", _("Award revoked")
    # emulation
    CAMPAIGN_CREATED = "CAMPAIGN_CREATED", _("Emulation campaign created")
    CAMPAIGN_UPDATED = "CAMPAIGN_UPDATED", _("Emulation campaign updated")
    CAMPAIGN_LAUNCHED = "CAMPAIGN_LAUNCHED", _("Emulation campaign launched")
    CAMPAIGN_STARTED = "CAMPAIGN_STARTED", _("Emulation campaign in progress")
    CAMPAIGN_CLOSED = "CAMPAIGN_CLOSED", _("Emulation campaign closed")
    CAMPAIGN_PHASE_SAVED = "CAMPAIGN_PHASE_SAVED", _("Campaign phase saved")
    CAMPAIGN_PHASE_REMOVED = "CAMPAIGN_PHASE_REMOVED", _("Campaign phase removed")
    TARGET_INDICATOR_SAVED = "TARGET_INDICATOR_SAVED", _("Target indicator saved")
    TARGET_INDICATOR_REMOVED = "TARGET_INDICATOR_REMOVED", _("Target indicator removed")
    PLANNED_AWARD_SAVED = "PLANNED_AWARD_SAVED", _("Planned award saved")
    PLANNED_AWARD_REMOVED = "PLANNED_AWARD_REMOVED", _("Planned award removed")
    REPORTING_PERIOD_SAVED = "REPORTING_PERIOD_SAVED", _("Reporting period saved")
    REPORTING_PERIOD_REMOVED = "REPORTING_PERIOD_REMOVED", _("Reporting period removed")
    REGISTRATION_SUBMITTED = "REGISTRATION_SUBMITTED", _("Emulation registration submitted")
    REGISTRATION_ACKNOWLEDGED = (
        "REGISTRATION_ACKNOWLEDGED",
        _("Emulation registration acknowledged"),
    )
    REGISTRATION_RETURNED = "REGISTRATION_RETURNED", _("Emulation registration returned")
    PROGRESS_REPORT_SUBMITTED = "PROGRESS_REPORT_SUBMITTED", _("Progress report submitted")
    CLUSTER_CREATED = "CLUSTER_CREATED", _("Emulation cluster formed")
    CLUSTER_MEMBER_ADDED = "CLUSTER_MEMBER_ADDED", _("Unit joined a cluster")
    CLUSTER_MEMBER_REMOVED = "CLUSTER_MEMBER_REMOVED", _("Unit left a cluster")
    CLUSTER_OFFICER_ELECTED = "CLUSTER_OFFICER_ELECTED", _("Cluster head or deputy chosen")
    AGREEMENT_CREATED = "AGREEMENT_CREATED", _("Cluster agreement drawn up")
    AGREEMENT_SIGNED = "AGREEMENT_SIGNED", _("Cluster agreement signed")
    SCORE_SHEET_SUBMITTED = "SCORE_SHEET_SUBMITTED", _("Self-assessed score submitted")
    SCORE_SHEET_CHECKED = "SCORE_SHEET_CHECKED", _("Score cross-checked")
    CLUSTER_RANKING_FINALISED = "CLUSTER_RANKING_FINALISED", _("Cluster ranking finalised")
    LEAD_PROPOSAL_RECORDED = "LEAD_PROPOSAL_RECORDED", _("Leading units proposed")
    # reads that the law asks us to log
    EXPORT_DOWNLOADED = "EXPORT_DOWNLOADED", _("Export downloaded")
    PERSON_RECORDS_VIEWED = "PERSON_RECORDS_VIEWED", _("Personal records opened")


class AuditEvent(models.Model):
    seq = models.PositiveBigIntegerField(_("sequence"), unique=True)
    occurred_at = models.DateTimeField(_("time"), db_index=True)
    event_type = models.CharField(_("event"), max_length=40, choices=EventType.choices)
    # PROTECT everywhere: deleting a referenced row must not rewrite (SET_NULL) the log.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_label = models.CharField(_("actor name"), max_length=200, blank=True)
    actor_role = models.CharField(_("actor role"), max_length=40, blank=True)
    actor_unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("actor unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    client_ip = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    # The unit the object belongs to, so that auditors of a subtree find its events.
    unit = models.ForeignKey(
        "organizations.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["content_type", "object_id", "seq"], name="audit_object"),
            models.Index(fields=["unit", "seq"], name="audit_unit"),
            models.Index(fields=["actor", "seq"], name="audit_actor"),
            models.Index(fields=["event_type", "seq"], name="audit_type"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event_type} {self.object_repr}"


class AuditChainHead(models.Model):
    """The single row that appenders lock, so concurrent writers cannot fork the chain."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="audit_head_single")]

    def __str__(self) -> str:
        return f"#{self.last_seq} {self.last_hash[:12]}"
