"""Facts for the rule tests: a nomination in 2025 judged on 1 November 2025, unless told."""

import datetime

from awards.rules.facts import CaseFacts, PersonFacts, ProposalFacts, UnitFacts

YEAR = 2025
REFERENCE_DATE = datetime.date(2025, 11, 1)
D = datetime.date


def proposal(**overrides) -> ProposalFacts:
    values = {"year": YEAR, "award_code": "bang-khen-tld", "reference_date": REFERENCE_DATE}
    return ProposalFacts(**{**values, **overrides})


def case(nominee: PersonFacts | UnitFacts | None = None, **sections) -> CaseFacts:
    """`proposal=` takes a dict of ProposalFacts overrides; the other keywords are sections."""
    overrides = sections.pop("proposal", {})
    return CaseFacts(
        proposal=proposal(**overrides),
        nominee=nominee if nominee is not None else PersonFacts(),
        **sections,
    )


def person(**fields) -> CaseFacts:
    return case(PersonFacts(**fields))


def unit(**fields) -> CaseFacts:
    return case(UnitFacts(**{"code": "CDCS-A", "kind": "cdcs", "level": "co-so", **fields}))
