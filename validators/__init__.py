"""Policy figures, the schedule of a term, and the rules that check a case file.

``validators`` reads ``forms`` and nothing else of this project. Every figure a
rule uses lives in a :class:`~validators.policy.Policy` profile (DOMAIN.md §6),
not in code.
"""

from validators.errors import PolicyError, ValidatorsError
from validators.policy import Policy, default_policy, load_policy

__all__ = [
    "Policy",
    "PolicyError",
    "ValidatorsError",
    "default_policy",
    "load_policy",
]
