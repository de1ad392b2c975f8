"""Which languages the publication has, and what each is called in its own tongue."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import parse_locale

SOURCE_LANGUAGE = "en"
# What each language's HTML build leaves for the site assembly: its title, name and PDF.
MANIFEST = "_publication.json"

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


def printable(text: str) -> str:
    """``text`` with every character a terminal or a CI log would act on escaped: echoing it stays one line."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def code_problem(code: str) -> str | None:
    """Why ``code`` is not a language code, or None when it is one."""
    if _CODE.fullmatch(code) is None:
        suggestion = _suggestion(code)
        return f"not a language code ({CODE_FORM})" + (f"; did you mean {suggestion}?" if suggestion else "")
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


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    shown = printable(Path(relative).as_posix() if not relative.startswith("..") else str(path))
    # A CI runner takes a log line that starts with "::" for a command (::error::, ::add-mask::, ...).
    return f"./{shown}" if shown.startswith("::") else shown


def folder_problems(locale_dir: Path) -> list[str]:
    """One line for each folder under ``locale_dir`` whose name is not a language code."""
    if not locale_dir.is_dir():
        return []
    folders = sorted(child for child in locale_dir.iterdir() if child.is_dir())
    return [f"{_shown(folder)}: {code_problem(folder.name)}" for folder in folders if code_problem(folder.name)]


def catalogue_problems(catalogues: Iterable[Path]) -> list[str]:
    """One line for each catalogue whose ``<lang>/LC_MESSAGES`` folder is not named by a language code."""
    folders = sorted({Path(p).parent.parent for p in catalogues if Path(p).parent.name == "LC_MESSAGES"})
    return [f"{_shown(folder)}: {code_problem(folder.name)}" for folder in folders if code_problem(folder.name)]


def discover_languages(locale_dir: Path, source: str = SOURCE_LANGUAGE) -> list[str]:
    """Return the source language followed by every language that has catalogues under ``locale_dir``.

    A language exists when ``locale_dir/<lang>/LC_MESSAGES`` holds at least one ``.po`` file: adding a
    language is adding that folder. Every folder under ``locale_dir`` must be named by a language code;
    LanguageError otherwise. A misnamed folder fails rather than being skipped: skipped, its language would
    silently drop out of the site while the CI stays green, and its name never reaches a shell or a page.
    """
    locale_dir = Path(locale_dir)
    problems = folder_problems(locale_dir)
    if problems:
        raise LanguageError(problems)
    if not locale_dir.is_dir():
        return [source]
    found = sorted(
        child.name
        for child in locale_dir.iterdir()
        if child.is_dir() and child.name != source and any((child / "LC_MESSAGES").glob("*.po"))
    )
    return [source, *found]


def native_name(code: str) -> str:
    """The language's name as its readers write it, capitalised for a menu: ``es`` gives ``Español``."""
    if code.lower() in ("und", "root"):
        return code  # CLDR's likely subtags would make it English
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if name else code


def sphinx_languages() -> list[str]:
    """The languages Sphinx itself is translated into (its interface strings and search), plus English.

    Only those named by a language code: Sphinx's ``zh_TW.Big5`` is an encoding of ``zh_TW``, not a language.
    """
    import sphinx

    locale = Path(sphinx.__file__).parent / "locale"
    found = {
        child.name
        for child in locale.iterdir()
        if (child / "LC_MESSAGES" / "sphinx.mo").is_file() and code_problem(child.name) is None
    }
    return sorted(found | {SOURCE_LANGUAGE})
