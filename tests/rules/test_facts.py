"""The codes and orders the rules compare by follow the models' choices.

The rules never import models; this test does (no database needed) so that a new rating or
education level cannot silently sort wrong."""

from awards.models import Confidence as ModelConfidence
from awards.models import Occasion
from awards.rules import facts
from awards.rules.result import Confidence
from organizations.models.people import (
    Committee,
    EducationLevel,
    PendingCaseKind,
    ServiceMode,
    ServiceUnitCategory,
)
from organizations.models.records import InitiativeKind, Rating, RecognitionLevel


def values(choices):
    return tuple(value for value in choices.values if value)


def test_orders_and_codes_follow_the_models():
    assert values(Rating) == facts.RATINGS
    assert values(EducationLevel) == facts.EDUCATION_LEVELS
    assert values(RecognitionLevel) == facts.RECOGNITION_LEVELS
    assert values(InitiativeKind) == facts.INITIATIVE_KINDS
    assert values(ServiceMode) == facts.SERVICE_MODES
    assert values(ServiceUnitCategory) == facts.SERVICE_UNIT_CATEGORIES
    assert values(Committee) == facts.COMMITTEES
    assert values(PendingCaseKind) == facts.PENDING_CASE_KINDS
    assert values(Occasion) == facts.OCCASIONS
    assert tuple(Confidence) == values(ModelConfidence)


def test_women_share_of_a_collective():
    assert facts.UnitFacts(headcount=40, women_headcount=30).women_share_pct == 75
    assert facts.UnitFacts(headcount=0, women_headcount=0).women_share_pct is None
    assert facts.UnitFacts().women_share_pct is None
