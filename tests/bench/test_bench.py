"""The benchmark harness (issue 7 §2): its report, its bare flow, its statement counter, and one
tiny run of the whole command."""

import io
import json
import sys
import types

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from viewflow.workflow import lock
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS, STATUS

from bench import report
from bench.flows import BareFlow, bare_claim, bare_complete, bare_review_task, bare_start
from bench.measure import system
from bench.measure.counting import StatementCounter, measured, percentile
from bench.measure.cycle import decision_over_many
from bench.measure.world import UNVOTED_AWARD, world_build
from nominations.models import Attachment, NominationStatus
from nominations.services import nomination_review, nomination_submit
from organizations.models import Role
from tests.factories import AnnualRatingFactory, PersonFactory
from tests.nominations.conftest import actor_at, nominate

MACHINE = {
    "platform": "Linux-6.1-x86_64",
    "cpu": "Test CPU",
    "cpu_count": 2,
    "memory_mb": 4096.0,
    "python": "3.13.0",
    "django": "6.1.3",
    "viewflow": "2.4.0",
    "database": "PostgreSQL 15.20",
}


def _page(label, p95, queries):
    return {
        "label": label,
        "url": "/x/",
        "user": "reviewer",
        "status": [200],
        "requests": 5,
        "p50_ms": p95 / 2,
        "p95_ms": p95,
        "median_ms": p95 / 2,
        "queries": queries,
        "queries_min": queries,
        "queries_max": queries,
    }


def fake_result(**changes):
    actions = {"statements_all": [], "seconds": 0.01}
    result = {
        "kind": "smoke",
        "date": "2026-11-24T06:00:00+07:00",
        "config": {"nominations": 2000, "base": 1000, "repeat": 5},
        "machine": MACHINE,
        "commit": "abc1234",
        "dirty": False,
        "debug": False,
        "duration_s": 42.0,
        "pages": {
            "run": True,
            "base": {
                "nominations": 1000,
                "pages": {
                    "inbox": _page("Reviewer inbox", 20.0, 12),
                    "quotas": _page("Quota view", 30.0, 9),
                },
            },
            "large": {
                "nominations": 2000,
                "pages": {
                    "inbox": _page("Reviewer inbox", 25.0, 12),
                    "quotas": _page("Quota view", 60.0, 10),
                },
            },
        },
        "actions": {
            "bare": {
                "start": {"statements": 9, **actions},
                "claim": {"statements": 6, **actions},
                "approve": {"statements": 13, **actions},
            },
            "project": {
                action: {"statements": count, **actions}
                for action, count in (
                    ("start", 87),
                    ("claim", 7),
                    ("approve", 80),
                    ("return", 67),
                    ("vote", 10),
                    ("decide", 116),
                )
            },
        },
        "bare": {
            "nominations": 100,
            "completed": 100,
            "seconds": 2.0,
            "per_second": 50.0,
            "statements": 2400,
            "statements_per_nomination": 24.0,
        },
        "cycle": {
            "nominations": 10,
            "completed": 10,
            "seconds": 10.0,
            "per_second": 1.0,
            "statements": 4750,
            "statements_per_nomination": 475.0,
            "phases": {},
        },
        "decision": {
            "nominations": 200,
            "awarded": 200,
            "seconds": 20.0,
            "statements": 14000,
            "statements_per_nomination": 70.0,
            "draft": {"seconds": 2.0},
            "issue": {"seconds": 18.0},
        },
        "sweep": {
            "nominations": 500,
            "batch": 500,
            "seconds": 0.25,
            "per_second": 2000.0,
            "statements": 14,
            "statements_per_batch": 14.0,
        },
        "memory": {"peak_rss_mb": 113.0},
        "pgbench": {"run": False, "reason": "not run: the database is sqlite"},
    }
    result.update(changes)
    return result


def _by_id(doc):
    return {figure["id"]: figure for figure in doc["figures"]}


# --- the report ----------------------------------------------------------------------------------


def test_report_gives_every_figure_its_target_and_whether_it_was_met():
    # given the result of a run
    result = fake_result()

    # when the report is made
    doc = report.document(result)

    # then every measurement is a figure, each with its target and verdict
    figures = _by_id(doc)
    assert figures["a.ratio"]["value"] == pytest.approx(0.02)
    assert figures["a.ratio"]["target"] == "≥ 0.7× the bare flow"
    assert figures["a.ratio"]["met"] is False
    assert figures["b.claim"]["value"] == pytest.approx(7 / 6)
    assert figures["b.claim"]["met"] is True
    assert figures["b.approve"]["met"] is False
    assert figures["b.return"]["note"] == "67 vs 13"
    assert figures["b.start"]["target"] is None and figures["b.start"]["met"] is None
    assert figures["b.vote"]["value"] == 10
    assert figures["c.inbox.p95_ratio"]["value"] == pytest.approx(1.25)
    assert figures["c.inbox.p95_ratio"]["met"] is True
    assert figures["c.inbox.queries"]["met"] is True
    assert figures["c.quotas.p95_ratio"]["met"] is False
    assert figures["c.quotas.queries"]["value"] == 1
    assert figures["c.quotas.queries"]["met"] is False
    assert figures["d.seconds"]["value"] == 20.0
    assert figures["d.statements"]["value"] == 14000
    assert figures["e.rate"]["met"] is True
    assert figures["f.peak_rss"]["value"] == 113.0
    assert figures["g.tps"]["value"] is None
    assert figures["g.tps"]["note"] == "not run: the database is sqlite"
    assert doc["summary"] == {
        "targets": 9,
        "met": 4,
        "not_met": ["a.ratio", "b.approve", "b.return", "c.quotas.p95_ratio", "c.quotas.queries"],
    }
    assert {"date", "commit", "machine", "config", "kind", "result"} <= set(doc)


def test_report_markdown_lists_each_figure_against_its_target():
    # given the report of a run
    doc = report.document(fake_result())

    # when it is written as Markdown
    text = report.markdown(doc)

    # then the header names the run, and each figure is a row with its target and verdict
    assert text.startswith("# Benchmark (smoke) — 2026-11-24T06:00:00+07:00\n")
    assert "- Commit: `abc1234`" in text
    assert "Test CPU × 2" in text and "PostgreSQL 15.20" in text
    assert (
        "| a | Full-cycle throughput / bare flow | 0.02 × | ≥ 0.7× the bare flow "
        "| **not met** |  |" in text
    )
    assert (
        "| b | Statements: claim (bare flow: claim = 6) | 1.17 × | ≤ 1.3× the bare flow "
        "| met | 7 vs 6 |" in text
    )
    assert (
        "| e | Rule sweep over 500 nominations: rate | 2,000 nominations/s "
        "| ≥ 1,000 nominations/s | met |" in text
    )
    assert "| g | pgbench | not measured | – | – | not run: the database is sqlite |" in text
    assert "| Reviewer inbox | 10.0 / 20.0 ms | 12 | 12.5 / 25.0 ms | 12 | 1.25× |" in text
    assert "| approve | 80 | 13 (approve) | 6.2× |" in text


def test_report_says_why_pages_were_not_measured():
    # given a run without the data generator
    result = fake_result(pages={"run": False, "reason": "not run: no generator"})

    # when the report is made
    figures = _by_id(report.document(result))

    # then the page figure carries the reason and no verdict
    assert figures["c"]["value"] is None
    assert figures["c"]["note"] == "not run: no generator"
    assert figures["c"]["met"] is None


def test_report_writes_json_markdown_and_latest(tmp_path):
    # given the result of a run, with a percentile of nothing
    result = fake_result()
    result["pages"]["base"]["pages"]["inbox"]["median_ms"] = float("nan")

    # when it is written
    json_path, md_path = report.write(result, tmp_path / "results")

    # then the files are named by date, commit and kind, and latest.md is the last Markdown
    assert json_path.name == "2026-11-24-abc1234-smoke.json"
    assert md_path.name == "2026-11-24-abc1234-smoke.md"
    assert (tmp_path / "results" / "latest.md").read_text() == md_path.read_text()
    saved = json.loads(json_path.read_text())
    assert saved["commit"] == "abc1234"
    assert saved["result"]["pages"]["base"]["pages"]["inbox"]["median_ms"] is None
    assert {f["id"] for f in saved["figures"]} >= {"a.ratio", "b.approve", "e.rate", "g.tps"}


def test_percentile_is_the_nearest_rank():
    # given twenty timings 1..20
    values = [float(n) for n in range(20, 0, -1)]

    # then p50 is the 10th and p95 the 19th
    assert percentile(values, 50) == 10.0
    assert percentile(values, 95) == 19.0
    assert percentile([3.0], 95) == 3.0


def test_pgbench_report_is_parsed():
    # given pgbench's report
    output = (
        "transaction type: <builtin: TPC-B (sort of)>\n"
        "latency average = 1.628 ms\n"
        "initial connection time = 4.120 ms\n"
        "tps = 1228.514393 (without initial connection time)\n"
    )

    # then its throughput and latency are read
    assert system.pgbench_parse(output) == (1228.514393, 1.628)
    assert system.pgbench_parse("") == (None, None)


@pytest.mark.django_db
def test_pgbench_not_run_without_pgbench_says_why(monkeypatch):
    # given no pgbench on the machine
    monkeypatch.setattr(system.shutil, "which", lambda name: None)

    # when it is asked for
    result = system.pgbench_run(scale=1, seconds=1)

    # then it is not run, with the reason (SQLite, or the missing program)
    assert result["run"] is False
    assert result["reason"].startswith("not run: ")


def test_commit_is_unknown_outside_git(monkeypatch):
    # given no git checkout
    monkeypatch.setattr(system, "_git", lambda *args: None)

    # then the commit is unknown
    assert system.commit() == {"commit": "unknown", "dirty": None}


# --- the bare flow -------------------------------------------------------------------------------


def test_bare_flow_takes_the_project_row_lock():
    # then it locks the process row like every flow of the project (ADR 0008)
    assert isinstance(BareFlow.lock_impl, lock.SelectForUpdateLock)
    assert BareFlow.lock_impl.nowait is False


@pytest.mark.django_db
def test_bare_flow_start_claim_complete_ends_the_process(reviewer):
    # given a started bare process
    process = bare_start(subject="test")
    task = bare_review_task(process)
    assert task.status == STATUS.NEW

    # when its review is claimed, then completed
    bare_claim(task=task, user=reviewer)
    task.refresh_from_db()
    assert (task.status, task.owner) == (STATUS.ASSIGNED, reviewer)
    bare_complete(task=task, user=reviewer)

    # then the process is done, every task with it
    process.refresh_from_db()
    assert process.status == PROCESS.DONE
    assert process.flow_class is BareFlow
    assert process.data == {"subject": "test"}
    tasks = Task.objects.filter(process=process)
    assert sorted(t.flow_task.name for t in tasks) == ["end", "review", "start"]
    assert {t.status for t in tasks} == {STATUS.DONE}


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db
def test_bare_flow_locks_the_process_row_when_claiming(reviewer):
    # given a started bare process
    task = bare_review_task(bare_start())

    # when its review is claimed
    with CaptureQueriesContext(connection) as queries:
        bare_claim(task=task, user=reviewer)

    # then the process row was locked first
    first = next(q["sql"] for q in queries if not q["sql"].startswith("SAVEPOINT"))
    assert '"viewflow_process"' in first and first.endswith("FOR UPDATE")


# --- the statement counter -----------------------------------------------------------------------


@pytest.mark.django_db
def test_statement_counter_counts_what_capture_queries_sees(reviewer):
    # given a started bare process
    task = bare_review_task(bare_start())

    # when its completion is counted by both
    with CaptureQueriesContext(connection) as queries, StatementCounter() as counter:
        bare_complete(task=task, user=reviewer)

    # then they agree
    assert counter.count == len(queries) > 0


@pytest.mark.django_db
def test_measured_times_and_counts_a_block():
    # given a started bare process
    task = bare_review_task(bare_start())

    # when a block with two statements is measured
    with measured() as run:
        Task.objects.filter(pk=task.pk).exists()
        Task.objects.filter(process_id=task.process_id).count()

    # then it has a time and both statements
    assert run.seconds > 0
    assert run.statements == 2


# --- one decision over many ---------------------------------------------------------------------


@pytest.fixture
def waiting(reference_data, tree, clerk):
    """A grassroots title of the test tree (not the bench world's) waiting for the decision of
    its union, as generated data would."""
    person = PersonFactory(unit=tree.cdcs_a1x)
    for year in (2024, 2025):
        AnnualRatingFactory(person=person, year=year)
    nomination = nomination_submit(
        actor=clerk, nomination=nominate(clerk=clerk, person=person, code=UNVOTED_AWARD)
    )
    reviewer = actor_at("union_reviewer", Role.REVIEWER, tree.cdcs_a1x)
    nomination = nomination_review(actor=reviewer, nomination=nomination, outcome="approved")
    assert nomination.status == NominationStatus.AWAITING_DECISION
    return nomination


@pytest.mark.django_db
def test_decision_over_many_decides_waiting_generated_nominations(waiting):
    # given a unit with a nomination waiting for its decision, outside the bench world
    world = world_build(tag="t1")

    # when one decision over one nomination is measured
    result = decision_over_many(world, 1)

    # then that nomination was decided, by a signer made for it
    assert result["source"] == "generated data"
    assert result["awarded"] == 1
    assert result["statements"] > 0 and result["seconds"] > 0
    waiting.refresh_from_db()
    assert waiting.status == NominationStatus.AWARDED


@pytest.mark.django_db
def test_decision_over_many_falls_back_to_the_bench_world_when_checks_refuse(waiting):
    # given the waiting nomination's documents gone: the decision's checks block it
    Attachment.objects.filter(nomination=waiting).delete()
    world = world_build(tag="t2")

    # when one decision over one nomination is measured
    result = decision_over_many(world, 1)

    # then the refusal is reported, and the bench world's own nomination was decided instead
    assert result["source"] == (
        "refused on the generated data (checks_failed: DOS-01); made through the services"
    )
    assert result["awarded"] == 1
    waiting.refresh_from_db()
    assert waiting.status == NominationStatus.AWAITING_DECISION


# --- the whole command, tiny ---------------------------------------------------------------------


@pytest.fixture
def fake_scale(monkeypatch, reviewer, clerk, auditor, council_secretary):
    """The data generator, faked: the test tree's actors stand for the bench users, and
    "generating" leaves the data as it is."""
    module = types.ModuleType("bench.scale")
    module.BENCH_USERS = {
        "reviewer": reviewer.username,
        "clerk": clerk.username,
        "auditor": auditor.username,
        "secretary": council_secretary.username,
    }
    calls = []
    module.generate = lambda nominations, *, seed=1, stdout=None: calls.append(nominations)
    monkeypatch.setitem(sys.modules, "bench.scale", module)
    return calls


@pytest.fixture
def filed(reference_data, tree, clerk):
    """A complete draft of the test tree, for the pages to show."""
    person = PersonFactory(unit=tree.cdcs_a1x)
    for year in (2024, 2025):
        AnnualRatingFactory(person=person, year=year)
    return nominate(clerk=clerk, person=person)


@pytest.mark.django_db
def test_bench_command_measures_everything_and_writes_the_reports(
    fake_scale, filed, monkeypatch, tmp_path
):
    # given the generator faked, one nomination in the database, and no pgbench
    monkeypatch.setattr(
        "bench.measure.system.pgbench_run",
        lambda **kwargs: {"run": False, "reason": "not run: test"},
    )

    # when the smoke benchmark runs at tiny sizes
    call_command(
        "bench",
        "--smoke",
        "--nominations=1",
        "--base=1",
        "--repeat=1",
        "--cycle=1",
        "--bare=2",
        "--actions-repeat=1",
        "--decision=1",
        "--sweep=3",
        f"--output={tmp_path}",
        stdout=io.StringIO(),
    )

    # then the generator was asked for the data, and every figure is in the report
    assert fake_scale == [1]
    (json_path,) = tmp_path.glob("*-smoke.json")
    doc = json.loads(json_path.read_text())
    figures = _by_id(doc)
    assert figures["a.project"]["value"] > 0 and figures["a.bare"]["value"] > 0
    assert doc["result"]["cycle"]["completed"] == 1
    assert doc["result"]["bare"]["completed"] == 2
    assert doc["result"]["decision"]["awarded"] == 1
    assert doc["result"]["sweep"]["nominations"] == 3
    assert doc["result"]["decision"]["source"] == "made through the services"
    assert figures["b.approve"]["value"] > 1
    pages = ("inbox", "nomination_list", "award_history", "audit_timeline", "eligibility", "quotas")
    for page in pages:
        assert doc["result"]["pages"]["base"]["pages"][page]["status"] == [200], page
        assert figures[f"c.{page}.p95"]["value"] > 0
    assert figures["g.tps"]["note"] == "not run: test"
    assert (tmp_path / "latest.md").exists()
