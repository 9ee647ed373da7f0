"""The rule registry: each rule is a small pure function registered with id, severity and a line.

A case rule takes a case's tables and yields findings; a run rule takes the whole grouping
(for what belongs to no single case). Every module in validators/rules registers its rules
at import.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from backtax.validators.findings import SEVERITIES, Evidence, Finding


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    description: str
    func: Callable[[Any], Iterable[Finding]]
    scope: str  # "case" or "run"


_RULES: dict[str, Rule] = {}


def rule(id: str, severity: str, description: str, scope: str = "case") -> Callable:
    """Register the decorated function as rule `id` with its usual severity and one line."""
    if severity not in SEVERITIES:
        raise ValueError(f"{id}: unknown severity {severity!r}")

    def wrap(func: Callable[[Any], Iterable[Finding]]) -> Callable[[Any], Iterable[Finding]]:
        if id in _RULES and _RULES[id].func.__qualname__ != func.__qualname__:
            raise ValueError(f"rule {id} registered twice")
        _RULES[id] = Rule(id, severity, description, func, scope)
        return func

    return wrap


def all_rules() -> list[Rule]:
    """Every registered rule, ordered by id (importing validators.rules.* once)."""
    from backtax.validators import rules

    for info in pkgutil.iter_modules(rules.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{rules.__name__}.{info.name}")
    return sorted(_RULES.values(), key=lambda r: r.id)


def finding(
    rule_id: str,
    case_id: str | None,
    message: str,
    evidence: list[Evidence],
    *,
    amount: Decimal | None = None,
    candidate: bool = False,
    severity: str | None = None,
    **details: Any,
) -> Finding:
    """A finding of a registered rule, at the rule's severity unless told otherwise."""
    return Finding(
        rule=rule_id,
        severity=severity or _RULES[rule_id].severity,
        case_id=case_id,
        message=message,
        evidence=evidence,
        amount=amount,
        amended_return_candidate=candidate,
        details=details,
    )
