"""Translation checks, in the manner of Weblate's: each one small, declared where its code lives (see
``registry``) with a public id, a severity and a one-line description, and run by ``runner``.

Importing this package declares every check: the modules below register themselves.
"""

from __future__ import annotations

from tools.checks import (  # noqa: F401
    content,
    header,
    markup,
    placeholders,
    previous,
    sync,
    syntax,
    terms,
    typography,
    wrapping,
)
from tools.checks.pair import Pair
from tools.checks.registry import REGISTRY, Check, Scope, Severity, UnknownCheck, of_scope, selection
from tools.checks.runner import check_catalogue, check_catalogues, check_entry

__all__ = [
    "REGISTRY",
    "Check",
    "Pair",
    "Scope",
    "Severity",
    "UnknownCheck",
    "check_catalogue",
    "check_catalogues",
    "check_entry",
    "of_scope",
    "selection",
]
