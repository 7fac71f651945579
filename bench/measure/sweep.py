"""(e) A rule sweep: the checks of many nominations, in batches, as a nightly re-check would run
them (issue 7 §2 e).

Each nomination is checked at the step it goes to next (`nominations.checks.NEXT_CHECK_STEP`);
a closed one at the decision step, the last it went through. `checks_evaluate` gathers the
facts of a whole batch in a bounded number of queries and runs every rule in memory; it writes
nothing. The nominations are the first `count` by id (the generated ones).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from awards.models import CheckStep
from bench.measure.counting import measured
from nominations.checks import NEXT_CHECK_STEP, Outcome, checks_evaluate
from nominations.models import Nomination

BATCH = 500


def rule_sweep(count: int, *, batch: int = BATCH) -> dict[str, Any]:
    rows = list(Nomination.objects.order_by("pk").values_list("pk", "status")[:count])
    by_step: dict[str, list[int]] = defaultdict(list)
    for pk, status in rows:
        by_step[NEXT_CHECK_STEP.get(status, CheckStep.DECISION)].append(pk)
    outcomes: Counter[str] = Counter()
    checked = blocked = batches = 0
    with measured() as run:
        for step, ids in by_step.items():
            for start in range(0, len(ids), batch):
                chunk = [Nomination(pk=pk) for pk in ids[start : start + batch]]
                evaluated = checks_evaluate(chunk, step)
                batches += 1
                for checks in evaluated.values():
                    checked += 1
                    blocked += bool(checks.blocked)
                    outcomes.update(result.outcome for result in checks.results)
    return {
        "requested": count,
        "nominations": checked,
        "batch": batch,
        "batches": batches,
        "by_step": {step: len(ids) for step, ids in sorted(by_step.items())},
        "seconds": run.seconds,
        "per_second": checked / run.seconds if run.seconds else None,
        "statements": run.statements,
        "statements_per_batch": run.statements / batches if batches else None,
        "results": dict(sorted(outcomes.items())),
        "rules_failed": outcomes.get(Outcome.FAILED, 0),
        "nominations_blocked": blocked,
    }
