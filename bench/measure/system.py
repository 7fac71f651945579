"""The machine, the commit, the process's memory (issue 7 §2 f) and the database's own ceiling
measured by pgbench (§2 g)."""

from __future__ import annotations

import os
import platform
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import django
from django.conf import settings
from django.db import connection

PGBENCH_TPS = re.compile(r"^tps = ([0-9.]+)", re.MULTILINE)
PGBENCH_LATENCY = re.compile(r"^latency average = ([0-9.]+) ms", re.MULTILINE)


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()


def commit() -> dict[str, Any]:
    """The checkout's short commit ("unknown" outside a git checkout) and whether it has
    changes not committed."""
    short = _git("rev-parse", "--short", "HEAD")
    status = _git("status", "--porcelain", "--untracked-files=no") if short else None
    return {"commit": short or "unknown", "dirty": bool(status) if short else None}


def _memory_total_mb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def database_version() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    return connection.vendor


def machine() -> dict[str, Any]:
    from importlib.metadata import version

    return {
        "platform": platform.platform(),
        "cpu": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "memory_mb": _memory_total_mb(),
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "viewflow": version("django-viewflow"),
        "database": database_version(),
    }


def peak_memory_mb() -> float:
    """The process's peak resident set size so far (ru_maxrss: kilobytes on Linux, bytes on
    macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    return round(peak / divisor, 1)


# --- pgbench -----------------------------------------------------------------------------------


def _pg_env() -> dict[str, str]:
    db = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def pgbench_run(*, scale: int, seconds: int, clients: int = 2) -> dict[str, Any]:
    """pgbench's TPC-B-like script on the same server, in a database of its own (created, then
    dropped): the ceiling of the database on this machine, in transactions per second."""
    if connection.vendor != "postgresql":
        return {"run": False, "reason": f"not run: the database is {connection.vendor}"}
    program = shutil.which("pgbench")
    if program is None:
        return {"run": False, "reason": "not run: pgbench is not installed"}
    name = f"khenthuong_pgbench_{os.getpid()}"
    env = _pg_env()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # a role without CREATEDB, a read-only replica, …
        return {"run": False, "reason": f"not run: cannot create a database ({exc})"}
    try:
        init = subprocess.run(
            [program, "-i", "-q", "-s", str(scale), name],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if init.returncode != 0:
            return {"run": False, "reason": f"not run: pgbench -i failed: {init.stderr.strip()}"}
        threads = min(clients, os.cpu_count() or 1)
        done = subprocess.run(
            [program, "-c", str(clients), "-j", str(threads), "-T", str(seconds), name],
            env=env,
            capture_output=True,
            text=True,
            timeout=seconds + 120,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return {"run": False, "reason": f"not run: {exc}"}
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    tps, latency = pgbench_parse(done.stdout)
    if done.returncode != 0 or tps is None:
        return {"run": False, "reason": f"not run: pgbench failed: {done.stderr.strip()[-300:]}"}
    return {
        "run": True,
        "script": "TPC-B (sort of), pgbench's default",
        "scale": scale,
        "clients": clients,
        "threads": threads,
        "seconds": seconds,
        "tps": tps,
        "latency_ms": latency,
    }


def pgbench_parse(output: str) -> tuple[float | None, float | None]:
    """(transactions per second, average latency in ms) from pgbench's report."""
    tps = PGBENCH_TPS.search(output)
    latency = PGBENCH_LATENCY.search(output)
    return (
        float(tps.group(1)) if tps else None,
        float(latency.group(1)) if latency else None,
    )
