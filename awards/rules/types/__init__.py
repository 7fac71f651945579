"""The rule types, one module per family. Each is `check_<what>(facts, params) -> RuleResult`:
a pure function of a `CaseFacts` and its typed parameters. The registry (awards/rules/registry.py)
names them with stable type codes."""
