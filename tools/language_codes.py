"""Language codes: what is one, and the one way each form of it is derived (gettext's ``pt_BR``, the base
language ``pt``, comparison whatever the separator or case).

Every module that compares or converts a code does it with these functions, so that ``pt-BR`` in a header,
``pt_BR`` in a folder and ``pt`` in a dictionary name are the same language everywhere.
"""

from __future__ import annotations

import re

# A locale identifier as gettext, Sphinx and Babel write it: language, then optional script, territory and
# modifier (fr, pt_BR, zh_Hans_CN, es_419, sr@latin). Nothing else is a language: a code travels into folder
# names, URLs, HTML attributes and the CI's job matrix, so it may hold only these characters.
_CODE = re.compile(r"[a-z]{2,3}(?:_[A-Z][a-z]{3})?(?:_(?:[A-Z]{2}|[0-9]{3}))?(?:@[a-z0-9]{1,16})?")
CODE_FORM = "a code such as fr, pt_BR, zh_Hans_CN or sr@latin"


class LanguageError(ValueError):
    """Names that should be language codes and are not, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def code_problem(code: str) -> str | None:
    """Why ``code`` is not a language code, or None when it is one."""
    if _CODE.fullmatch(code) is None:
        suggestion = _suggestion(code)
        return f"not a language code ({CODE_FORM})" + (f"; did you mean {suggestion}?" if suggestion else "")
    from babel.core import parse_locale  # only here: the reader imports this module, and Babel is slow to load

    try:
        parse_locale(code)
    except ValueError as error:
        return f"not a language code ({error})"
    return None


def _suggestion(code: str) -> str | None:
    """The code meant by a common slip (``pt-BR``, ``pt_br``, ``FR``), if that is one."""
    first, *rest = re.split(r"[-_]", code)
    candidate = "_".join([first.lower(), *(part.title() if len(part) == 4 else part.upper() for part in rest)])
    return candidate if candidate != code and _CODE.fullmatch(candidate) else None


def check_code(code: str, where: str | None = None) -> str:
    """``code`` itself when it is a language code; otherwise raise LanguageError naming ``where`` it came from."""
    problem = code_problem(code)
    if problem:
        raise LanguageError([f"{where or repr(code)}: {problem}"])
    return code


def underscored(code: str) -> str:
    """The form gettext, Sphinx and Babel use: ``pt-BR`` gives ``pt_BR``."""
    return code.replace("-", "_")


def base_language(code: str) -> str:
    """The language without script, territory or modifier: ``pt_BR``, ``pt-BR`` and ``sr@latin`` give ``pt``, ``sr``."""
    return re.split(r"[-_@]", code, maxsplit=1)[0]


def same_language(a: str, b: str) -> bool:
    """Whether two codes name the same locale, whatever their separators and case (``pt-br`` and ``pt_BR``)."""
    return underscored(a).lower() == underscored(b).lower()
