"""Which Debian package installs a language's Hunspell dictionary, for the advice of a skipped spelling check.

Debian names most packages by language (``hunspell-fr``), some by language and territory only
(``hunspell-de-de``, ``hunspell-en-us``: there is no ``hunspell-de``), and a few are still ``myspell-*``.
Read off Debian 12's archive (``apt-cache pkgnames hunspell-``, ``myspell-``). Chinese and Japanese have no
Hunspell dictionary at all: there, the advice says so instead of naming a package that does not exist.
"""

from __future__ import annotations

from tools.language_codes import base_language, underscored

_ARCHIVE = """
    hunspell-af hunspell-an hunspell-ar hunspell-be hunspell-bg hunspell-bn hunspell-bo hunspell-br hunspell-bs
    hunspell-ca hunspell-cs hunspell-da hunspell-de-at hunspell-de-ch hunspell-de-de hunspell-dz hunspell-el
    hunspell-en-au hunspell-en-ca hunspell-en-gb hunspell-en-us hunspell-en-za hunspell-es hunspell-eu
    hunspell-fr hunspell-gd hunspell-gl hunspell-gu hunspell-gug hunspell-he hunspell-hi hunspell-hr hunspell-hu
    hunspell-id hunspell-is hunspell-it hunspell-kk hunspell-kmr hunspell-ko hunspell-lo hunspell-lt hunspell-lv
    hunspell-ml hunspell-mn hunspell-ne hunspell-nl hunspell-no hunspell-oc hunspell-pl hunspell-pt-br
    hunspell-pt-pt hunspell-ro hunspell-ru hunspell-si hunspell-sk hunspell-sl hunspell-sr hunspell-sv
    hunspell-sv-se hunspell-sw hunspell-te hunspell-th hunspell-tr hunspell-uk hunspell-uz hunspell-vi
    myspell-eo myspell-et myspell-fa myspell-fo myspell-ga myspell-gv myspell-hy myspell-nb myspell-nn
    myspell-sq myspell-tl
"""
PACKAGES = frozenset(_ARCHIVE.split())
# Where a language has only territorial packages, the one its bare code means (CLDR's likely territory).
_DEFAULT_TERRITORY = {"de": "de", "en": "us", "pt": "pt", "gl": "es"}


def debian_package(language: str) -> str | None:
    """The Debian package with ``language``'s dictionary (``de`` gives ``hunspell-de-de``), or None if none has."""
    code = underscored(language).split("@")[0].lower()
    base = base_language(code)
    parts = code.split("_")
    territory = parts[-1] if len(parts) > 1 and len(parts[-1]) == 2 else _DEFAULT_TERRITORY.get(base, base)
    for name in (f"{base}-{territory}", base, f"{base}-{_DEFAULT_TERRITORY.get(base, base)}"):
        for prefix in ("hunspell", "myspell"):
            if f"{prefix}-{name}" in PACKAGES:
                return f"{prefix}-{name}"
    return None
