"""The benchmark's report (issue 7 §2): every figure with its target and whether it was met,
as JSON for machines and a Markdown table for people, written to bench/results/.

    <date>-<commit>-<smoke|full>.json   the figures, the raw measurements, machine and commit
    <date>-<commit>-<smoke|full>.md     the same as tables
    latest.md                           a copy of the last Markdown report (for the README)

A figure without a target is reported for what it is (met: null); a figure that could not be
measured carries the reason instead of a value.
"""

from __future__ import annotations

import json
import math
import operator
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

SCHEMA = 1


@dataclass(frozen=True)
class Target:
    op: str  # ">=" or "<=" or "=="
    value: float
    text: str

    def met(self, value: Any) -> bool | None:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        compare: Callable[[Any, Any], bool] = {
            ">=": operator.ge,
            "<=": operator.le,
            "==": operator.eq,
        }[self.op]
        return bool(compare(value, self.value))


# The targets of issue 7 §4.
THROUGHPUT_RATIO = Target(">=", 0.7, "≥ 0.7× the bare flow")
REVIEW_STATEMENTS_RATIO = Target("<=", 1.3, "≤ 1.3× the bare flow")
PAGE_P95_RATIO = Target("<=", 1.5, "≤ 1.5× the small size")
QUERIES_CONSTANT = Target("==", 0, "the same at both sizes")
SWEEP_RATE = Target(">=", 1000, "≥ 1,000 nominations/s")

# Actions of (b): the bare flow's counterpart, and whether it is a review action (targeted).
ACTIONS: list[tuple[str, str | None, bool]] = [
    ("start", "start", False),
    ("claim", "claim", True),
    ("approve", "approve", True),
    ("return", "approve", True),
    ("vote", None, False),
    ("decide", None, False),
]


@dataclass
class Figure:
    id: str
    section: str
    label: str
    value: Any
    unit: str = ""
    target: str | None = None
    met: bool | None = None
    note: str = ""


def _figure(
    id: str,
    section: str,
    label: str,
    value: Any,
    unit: str = "",
    target: Target | None = None,
    note: str = "",
) -> Figure:
    return Figure(
        id=id,
        section=section,
        label=label,
        value=value,
        unit=unit,
        target=target.text if target else None,
        met=target.met(value) if target else None,
        note=note,
    )


def _ratio(numerator: Any, denominator: Any) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _not_run(id: str, section: str, label: str, reason: str, target: Target | None) -> Figure:
    return Figure(
        id=id,
        section=section,
        label=label,
        value=None,
        target=target.text if target else None,
        met=None,
        note=reason,
    )


def _throughput(result: dict[str, Any]) -> list[Figure]:
    bare, cycle = result.get("bare"), result.get("cycle")
    if not bare or not cycle:
        return [_not_run("a.ratio", "a", "Full-cycle throughput", "not run", THROUGHPUT_RATIO)]
    return [
        _figure(
            "a.project",
            "a",
            f"Nomination flow, full cycle ({cycle['nominations']:,} nominations)",
            cycle["per_second"],
            "nominations/s",
            note=f"{cycle['completed']:,} awarded; "
            f"{cycle['statements_per_nomination']:.0f} statements per nomination",
        ),
        _figure(
            "a.bare",
            "a",
            f"Bare flow, start → review → end ({bare['nominations']:,} processes)",
            bare["per_second"],
            "processes/s",
            note=f"{bare['statements_per_nomination']:.0f} statements per process",
        ),
        _figure(
            "a.ratio",
            "a",
            "Full-cycle throughput / bare flow",
            _ratio(cycle["per_second"], bare["per_second"]),
            "×",
            THROUGHPUT_RATIO,
        ),
    ]


def _actions(result: dict[str, Any]) -> list[Figure]:
    actions = result.get("actions")
    if not actions:
        return [_not_run("b", "b", "Statements per action", "not run", None)]
    project, bare = actions["project"], actions["bare"]
    figures = []
    for action, counterpart, review in ACTIONS:
        ours = project[action]["statements"]
        if counterpart is None:
            figures.append(
                _figure(
                    f"b.{action}",
                    "b",
                    f"Statements: {action}",
                    ours,
                    "statements",
                    note="no counterpart in the bare flow",
                )
            )
            continue
        theirs = bare[counterpart]["statements"]
        figures.append(
            _figure(
                f"b.{action}",
                "b",
                f"Statements: {action} (bare flow: {counterpart} = {theirs})",
                _ratio(ours, theirs),
                "×",
                REVIEW_STATEMENTS_RATIO if review else None,
                note=f"{ours} vs {theirs}",
            )
        )
    return figures


def _pages(result: dict[str, Any]) -> list[Figure]:
    pages = result.get("pages") or {}
    if not pages.get("run"):
        return [_not_run("c", "c", "Page latency", pages.get("reason", "not run"), PAGE_P95_RATIO)]
    base, large = pages["base"], pages.get("large")
    figures = []
    for key, small in base["pages"].items():
        label = small["label"]
        status = "" if small["status"] == [200] else f"HTTP {small['status']}"
        if large is None:
            figures.append(
                _figure(
                    f"c.{key}.p95",
                    "c",
                    f"{label}: p95 at {base['nominations']:,}",
                    small["p95_ms"],
                    "ms",
                    note=f"p50 {small['p50_ms']:.1f} ms; {small['queries']} queries {status}",
                )
            )
            continue
        big = large["pages"][key]
        status = status or ("" if big["status"] == [200] else f"HTTP {big['status']}")
        figures.append(
            _figure(
                f"c.{key}.p95_ratio",
                "c",
                f"{label}: p95 at {large['nominations']:,} / at {base['nominations']:,}",
                _ratio(big["p95_ms"], small["p95_ms"]),
                "×",
                PAGE_P95_RATIO,
                note=f"{small['p95_ms']:.1f} → {big['p95_ms']:.1f} ms {status}".strip(),
            )
        )
        figures.append(
            _figure(
                f"c.{key}.queries",
                "c",
                f"{label}: queries at {large['nominations']:,} − at {base['nominations']:,}",
                big["queries"] - small["queries"],
                "queries",
                QUERIES_CONSTANT,
                note=f"{small['queries']} → {big['queries']}",
            )
        )
    return figures


def _decision(result: dict[str, Any]) -> list[Figure]:
    decision = result.get("decision")
    if not decision:
        return [_not_run("d", "d", "One decision over many", "not run", None)]
    label = f"One decision over {decision['nominations']:,} nominations"
    return [
        _figure(
            "d.seconds",
            "d",
            f"{label}: time",
            decision["seconds"],
            "s",
            note=f"draft {decision['draft']['seconds']:.2f} s, "
            f"issue {decision['issue']['seconds']:.2f} s; {decision['awarded']:,} awarded; "
            f"nominations: {decision.get('source', 'unknown')}",
        ),
        _figure(
            "d.statements",
            "d",
            f"{label}: statements",
            decision["statements"],
            "statements",
            note=f"{decision['statements_per_nomination']:.1f} per nomination",
        ),
    ]


def _sweep(result: dict[str, Any]) -> list[Figure]:
    sweep = result.get("sweep")
    if not sweep or not sweep["nominations"]:
        return [_not_run("e.rate", "e", "Rule sweep", "no nominations to check", SWEEP_RATE)]
    label = f"Rule sweep over {sweep['nominations']:,} nominations"
    return [
        _figure(
            "e.rate",
            "e",
            f"{label}: rate",
            sweep["per_second"],
            "nominations/s",
            SWEEP_RATE,
            note=f"{sweep['seconds']:.2f} s in batches of {sweep['batch']}",
        ),
        _figure(
            "e.statements",
            "e",
            f"{label}: statements",
            sweep["statements"],
            "statements",
            note=f"{sweep['statements_per_batch']:.0f} per batch of {sweep['batch']}",
        ),
    ]


def _memory(result: dict[str, Any]) -> list[Figure]:
    memory = result.get("memory", {})
    peak = memory.get("peak_rss_mb")
    reached = next((p for p, mb in memory.get("peak_after", {}).items() if mb == peak), "")
    return [
        _figure(
            "f.peak_rss",
            "f",
            "Peak memory of the process (RSS)",
            peak,
            "MB",
            note=f"reached by: {reached}" if reached else "",
        )
    ]


def _pgbench(result: dict[str, Any]) -> list[Figure]:
    pgbench = result.get("pgbench") or {}
    if not pgbench.get("run"):
        return [_not_run("g.tps", "g", "pgbench", pgbench.get("reason", "not run"), None)]
    return [
        _figure(
            "g.tps",
            "g",
            f"pgbench TPC-B-like, scale {pgbench['scale']}, {pgbench['clients']} clients, "
            f"{pgbench['seconds']} s",
            pgbench["tps"],
            "transactions/s",
            note=f"latency {pgbench['latency_ms']} ms" if pgbench.get("latency_ms") else "",
        )
    ]


def figures(result: dict[str, Any]) -> list[Figure]:
    return [
        *_throughput(result),
        *_actions(result),
        *_pages(result),
        *_decision(result),
        *_sweep(result),
        *_memory(result),
        *_pgbench(result),
    ]


def document(result: dict[str, Any]) -> dict[str, Any]:
    """The JSON report: what was run where, every figure against its target, the raw result."""
    listed = figures(result)
    targeted = [f for f in listed if f.met is not None]
    return {
        "schema": SCHEMA,
        "kind": result["kind"],
        "date": result["date"],
        "commit": result["commit"],
        "dirty": result.get("dirty"),
        "machine": result["machine"],
        "config": result["config"],
        "duration_s": result.get("duration_s"),
        "summary": {
            "targets": len(targeted),
            "met": sum(1 for f in targeted if f.met),
            "not_met": [f.id for f in targeted if not f.met],
        },
        "figures": [asdict(f) for f in listed],
        "result": result,
    }


# --- Markdown ----------------------------------------------------------------------------------

SECTIONS = {
    "a": "a. Full-cycle throughput",
    "b": "b. SQL statements per action",
    "c": "c. Page latency (test client)",
    "d": "d. One decision over many nominations",
    "e": "e. Rule sweep",
    "f": "f. Memory",
    "g": "g. Database ceiling (pgbench)",
}
MET = {True: "met", False: "**not met**", None: "–"}
HOW = [
    "- a. Drafts of a small world of the benchmark's own go through the services role by role: "
    "submit, district review, province review, one council session (every member present, "
    "every vote yes), one decision. The bare flow (bench/flows.py: start → review → end, "
    "viewflow alone: no audit, no rules, no task history) runs in the same process.",
    "- b. Each action counted on its own (the last of its repetitions, caches warm); return is "
    "compared with the bare flow's completion of its review.",
    "- c. Django's test client, signed in as the bench users; one request to warm up, then the "
    "timed ones. The same addresses at both sizes.",
    "- d. Drafted and issued by the deciding unit's signer: numbered, award records written, "
    "every nomination's checks run and decision task completed.",
    "- e. `checks_evaluate` in batches, each nomination at the step it goes to next.",
    "- f. `ru_maxrss` of the process, data generation included.",
    "- g. pgbench's default script on the same server, in a throwaway database.",
]


def _value(value: Any, unit: str) -> str:
    if value is None:
        return "not measured"
    if isinstance(value, float):
        text = f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    else:
        text = f"{value:,}" if isinstance(value, int) else str(value)
    return f"{text} {unit}".strip()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _phases_line(result: dict[str, Any]) -> list[str]:
    phases = result.get("phases_seconds") or {}
    if not phases:
        return []
    return ["- Time per phase: " + ", ".join(f"{name} {s:.1f} s" for name, s in phases.items())]


def _machine_line(doc: dict[str, Any]) -> str:
    m = doc["machine"]
    memory = f"{m['memory_mb'] / 1024:.1f} GB" if m.get("memory_mb") else "memory unknown"
    return (
        f"{m['platform']}; {m['cpu']} × {m['cpu_count']}; {memory}; Python {m['python']}; "
        f"Django {m['django']}; viewflow {m['viewflow']}; {m['database']}"
    )


def _pages_table(result: dict[str, Any]) -> list[str]:
    pages = result.get("pages") or {}
    if not pages.get("run"):
        return []
    base, large = pages["base"], pages.get("large")
    n_small = f"{base['nominations']:,}"
    head = f"| Page | p50 / p95 at {n_small} | queries"
    rule = "|---|---|---"
    if large:
        n_large = f"{large['nominations']:,}"
        head += f" | p50 / p95 at {n_large} | queries | p95 ratio"
        rule += "|---|---|---"
    lines = ["", head + " |", rule + "|"]
    for key, small in base["pages"].items():
        row = (
            f"| {small['label']} | {small['p50_ms']:.1f} / {small['p95_ms']:.1f} ms "
            f"| {small['queries']}"
        )
        if large:
            big = large["pages"][key]
            row += (
                f" | {big['p50_ms']:.1f} / {big['p95_ms']:.1f} ms | {big['queries']} "
                f"| {big['p95_ms'] / small['p95_ms']:.2f}×"
            )
        lines.append(row + " |")
    return lines


def _actions_table(result: dict[str, Any]) -> list[str]:
    actions = result.get("actions")
    if not actions:
        return []
    lines = ["", "| Action | Nomination flow | Bare flow | Ratio |", "|---|---|---|---|"]
    for action, counterpart, _review in ACTIONS:
        ours = actions["project"][action]["statements"]
        if counterpart is None:
            lines.append(f"| {action} | {ours} | – | – |")
        else:
            theirs = actions["bare"][counterpart]["statements"]
            lines.append(f"| {action} | {ours} | {theirs} ({counterpart}) | {ours / theirs:.1f}× |")
    return lines


def markdown(doc: dict[str, Any]) -> str:
    summary = doc["summary"]
    dirty = " (with changes not committed)" if doc.get("dirty") else ""
    duration = f"{doc['duration_s']:.0f} s" if doc.get("duration_s") is not None else "unknown"
    lines = [
        f"# Benchmark ({doc['kind']}) — {doc['date']}",
        "",
        f"- Commit: `{doc['commit']}`{dirty}",
        f"- Machine: {_machine_line(doc)}",
        f"- Sizes: {doc['config']['nominations']:,} nominations (pages also at "
        f"{doc['config']['base']:,}); run took {duration}",
        f"- Targets met: {summary['met']} of {summary['targets']}",
        *_phases_line(doc["result"]),
        "",
        "| | Figure | Value | Target | Met | Note |",
        "|---|---|---|---|---|---|",
    ]
    for figure in doc["figures"]:
        lines.append(
            "| {section} | {label} | {value} | {target} | {met} | {note} |".format(
                section=figure["section"],
                label=_cell(figure["label"]),
                value=_value(figure["value"], figure["unit"]),
                target=_cell(figure["target"] or "–"),
                met=MET[figure["met"]],
                note=_cell(figure["note"]),
            )
        )
    result = doc["result"]
    actions = _actions_table(result)
    if actions:
        lines += ["", f"## {SECTIONS['b']}", *actions]
    pages = _pages_table(result)
    if pages:
        lines += ["", f"## {SECTIONS['c']}", *pages]
    lines += ["", "## How it is measured", "", *HOW]
    return "\n".join(lines) + "\n"


def _finite(value: Any) -> Any:
    """NaN (a percentile of nothing) as null: JSON has no NaN."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def write(result: dict[str, Any], output: Path) -> tuple[Path, Path]:
    """Write the JSON and Markdown reports and refresh latest.md; returns the two paths."""
    doc = _finite(document(result))
    output.mkdir(parents=True, exist_ok=True)
    stem = f"{doc['date'][:10]}-{doc['commit']}-{doc['kind']}"
    json_path, md_path = output / f"{stem}.json", output / f"{stem}.md"
    json_path.write_text(
        json.dumps(doc, indent=2, ensure_ascii=False, default=str, allow_nan=False) + "\n"
    )
    text = markdown(doc)
    md_path.write_text(text)
    (output / "latest.md").write_text(text)
    return json_path, md_path
