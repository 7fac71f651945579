"""National-scale data for the benchmark (issue 7 §1): `manage.py generate_scale`.

`generate(nominations=N)` makes the database hold at least N generated nominations, with the
tree, people, records, workflow rows, history and audit events they imply; `BENCH_USERS` names
the accounts the benchmark signs in with (password `BENCH_PASSWORD`).
"""

from bench.scale.run import ScaleReport, generate
from bench.scale.tree import BENCH_PASSWORD, BENCH_USERS

__all__ = ["BENCH_PASSWORD", "BENCH_USERS", "ScaleReport", "generate"]
