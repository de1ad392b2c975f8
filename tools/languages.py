"""Which languages the publication has, and what each is called in its own tongue."""

from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError

SOURCE_LANGUAGE = "en"
# What each language's HTML build leaves for the site assembly: its title, name and PDF.
MANIFEST = "_publication.json"


def discover_languages(locale_dir: Path, source: str = SOURCE_LANGUAGE) -> list[str]:
    """Return the source language followed by every language that has catalogues under ``locale_dir``.

    A language exists when ``locale_dir/<lang>/LC_MESSAGES`` holds at least one ``.po`` file: adding a
    language is adding that folder.
    """
    locale_dir = Path(locale_dir)
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
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if name else code


def sphinx_languages() -> list[str]:
    """The languages Sphinx itself is translated into (its interface strings and search), plus English."""
    import sphinx

    locale = Path(sphinx.__file__).parent / "locale"
    found = {child.name for child in locale.iterdir() if (child / "LC_MESSAGES" / "sphinx.mo").is_file()}
    return sorted(found | {SOURCE_LANGUAGE})
