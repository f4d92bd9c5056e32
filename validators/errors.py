"""Errors of the ``validators`` package.

::

    ValidatorsError         base of everything this package raises
    └── PolicyError         a policy profile or override cannot be used; names
                            the file, the field and what was expected
    └── ScheduleError       no schedule: the case file has no report date yet

Findings about a case file are not errors: ``check_case`` returns them as
:class:`validators.findings.Finding` values and never raises on a valid
``CaseFile``.
"""

from __future__ import annotations


class ValidatorsError(Exception):
    """Base of the errors raised by ``validators``; the message is for the user."""


class PolicyError(ValidatorsError):
    """A policy profile that cannot be used: unreadable, unknown, or invalid.

    ``source`` is the profile file (or ``archive.yaml`` for overrides) and
    ``problems`` lists ``(field, what was expected)`` pairs, every one found.
    """

    def __init__(self, source: str, problems: list[tuple[str, str]]) -> None:
        self.source = source
        self.problems = problems
        lines = [f"{source}：{field}：{reason}" for field, reason in problems]
        super().__init__("政策参数档无法使用：\n" + "\n".join(lines))


class ScheduleError(ValidatorsError):
    """No schedule can be computed: the case file has no report date yet."""
