"""Which languages the publication has, and what each is called in its own tongue."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

from tools import output
from tools.catalogues import messages_folder
from tools.language_codes import LanguageError, code_problem, underscored
from tools.output import printable

SOURCE_LANGUAGE = "en"
# What each language's HTML build leaves for the site assembly: its title, name and PDF.
MANIFEST = "_publication.json"


def _shown(path: Path) -> str:
    shown = printable(output.shown(path))  # a folder's name may hold anything: it is escaped
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
    found = (messages_folder(p) for p in catalogues)
    folders = sorted({folder.parent for folder in found if folder is not None})
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
        if child.is_dir() and child.name != source and any((child / "LC_MESSAGES").rglob("*.po"))
    )
    return [source, *found]


def native_name(code: str) -> str:
    """The language's name as its readers write it, capitalised for a menu: ``es`` gives ``Español``."""
    if code.lower() in ("und", "root"):
        return code  # CLDR's likely subtags would make it English
    try:
        name = Locale.parse(underscored(code)).get_display_name(underscored(code))
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


@lru_cache(maxsize=256)
def text_direction(code: str) -> str:
    """``rtl`` for a language written right to left (CLDR's character order: Arabic, Hebrew, Persian), else ``ltr``."""
    try:
        return Locale.parse(underscored(code)).text_direction
    except (ValueError, UnknownLocaleError):
        return "ltr"


# gettext's modifiers that name a script, and their BCP 47 script subtags (sr@latin is sr-Latn).
_SCRIPT_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl", "arabic": "Arab", "devanagari": "Deva"}


def language_tag(code: str) -> str:
    """The BCP 47 tag of HTML's ``lang``, ``hreflang`` and the PDF's ``/Lang``: ``zh_CN`` gives ``zh-CN``,
    ``sr@latin`` gives ``sr-Latn``, ``ca@valencia`` gives ``ca-valencia`` (the folder keeps gettext's form)."""
    locale, _, modifier = code.partition("@")
    parts = locale.replace("-", "_").split("_")
    if modifier.lower() in _SCRIPT_MODIFIERS:
        parts.insert(1, _SCRIPT_MODIFIERS[modifier.lower()])
    elif 5 <= len(modifier) <= 8 and modifier.isalnum():
        parts.append(modifier.lower())  # a variant subtag
    elif modifier:
        parts += ["x", modifier.lower()[:8]]  # a private use subtag: still a valid tag
    return "-".join(parts)


def percent_text(percent: float, code: str, floor: bool = False) -> str:
    """``percent`` as the language writes a percentage (``13 %`` in French, ``13%`` in English); in English
    for a language CLDR does not know. ``floor``: never round up, so that 99.6 is not shown as 100."""
    import math

    from babel.numbers import format_percent

    value = math.floor(percent) / 100 if floor else percent / 100
    try:
        return format_percent(value, locale=underscored(code))
    except (ValueError, UnknownLocaleError):
        return format_percent(value, locale=SOURCE_LANGUAGE)
