"""A Content-Security-Policy in every page: only the site's own scripts run, and none from elsewhere.

Escaping keeps catalogue strings from becoming markup; the policy is the second wall, should anything slip
through: the browser runs a script only if it is a file of the site (``'self'``) or an inline script whose
SHA-256 is listed. The listed hashes are those of the constant inline scripts in the templates (furo's theme
switch, the root page's redirect) and of the inline scripts extensions add through ``add_js_file``, never
of what a rendered page happens to contain, so a script a translation put into a page does not run. Inline
event handlers (``onerror=``) and ``javascript:`` links are refused by any policy without
``'unsafe-inline'``. The policy goes in a ``<meta http-equiv>`` at the top of ``<head>`` because the site is
static files, served by any server or opened from disk.

The build's root page takes its policy from here too, after the languages are built: this module imports
Sphinx only in the extension's handler, which is what the site's assembly is spared.

This extension also keeps remote scripts out of the pages: an extension that would load one (MathJax from
its CDN, for a page with math) gets a warning, which fails the build, and the script is left out.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_TEMPLATE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_JINJA = ("{{", "{%", "{#")
_HEAD = re.compile(r"<head\b[^>]*>(?:\s*<meta\s+charset=[^>]*>)?", re.IGNORECASE)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})
_JAVASCRIPT_URL = re.compile(r"^[\x00-\x20]*j[\s]*a[\s]*v[\s]*a[\s]*s[\s]*c[\s]*r[\s]*i[\s]*p[\s]*t[\s]*:", re.I)


def script_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(text.replace("\r\n", "\n").encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def template_scripts(source: str) -> list[str]:
    """The inline scripts of a template whose text is fixed: what the page will hold, byte for byte."""
    scripts = []
    for match in _TEMPLATE_SCRIPT.finditer(source):
        attributes, body = match.groups()
        if re.search(r"\bsrc\s*=", attributes) or any(marker in body for marker in _JINJA):
            continue  # a file (covered by 'self'), or a script made at render time, which is not the site's own
        scripts.append(body)
    return scripts


def template_script_hashes(folders: Iterable[Path]) -> frozenset[str]:
    """The hashes of the constant inline scripts of every ``.html`` template in these folders."""
    hashes = set()
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.html")) if Path(folder).is_dir() else ():
            hashes.update(script_hash(body) for body in template_scripts(path.read_text("utf-8")))
    return frozenset(hashes)


def extension_script_hashes(script_files: Iterable[Any]) -> frozenset[str]:
    """The hashes of the inline scripts that extensions and the configuration add with ``add_js_file``."""
    hashes = set()
    for script in script_files:
        attributes = getattr(script, "attributes", None)
        if attributes and not getattr(script, "filename", None) and attributes.get("body"):
            hashes.add(script_hash(attributes["body"]))
    return frozenset(hashes)


def policy(hashes: Iterable[str]) -> str:
    """The policy of every page: the site's files, its own inline scripts, nothing from elsewhere."""
    scripts = " ".join(["'self'", *sorted(hashes)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        # furo styles elements with style attributes and draws its icons from data: URLs in its CSS.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])  # fmt: skip


def with_policy(html: str, hashes: Iterable[str]) -> str:
    """The page with its policy at the top of ``<head>`` (after the charset), so it covers every script."""
    match = _HEAD.search(html)
    if match is None:
        return html
    meta = f'\n<meta http-equiv="Content-Security-Policy" content="{escape(policy(hashes))}">'
    return html[: match.end()] + meta + html[match.end() :]


class _CodeFinder(HTMLParser):
    def __init__(self, hashes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.hashes = hashes
        self.problems: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"inline event handler {name}= on <{tag}>")
            elif name in _URL_ATTRIBUTES and value and _JAVASCRIPT_URL.match(value):
                self.problems.append(f"javascript: URL in {name}= of <{tag}>")
        if tag == "script" and not any(name == "src" for name, _value in attrs):
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            text = "".join(self._script)
            if script_hash(text) not in self.hashes:
                self.problems.append(f"inline script that is not the site's own: {text.strip()[:60]!r}")
            self._script = None


def foreign_code(html: str, hashes: Iterable[str]) -> list[str]:
    """What in a page would run without being the site's own code (and what the policy therefore blocks)."""
    finder = _CodeFinder(frozenset(hashes))
    finder.feed(html)
    finder.close()
    return finder.problems


def refuse_remote_scripts(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Leave out any script an extension would load from another site; say so, which fails the build."""
    scripts = context.get("script_files")
    if not scripts:
        return
    kept = []
    for script in scripts:
        filename = str(getattr(script, "filename", script) or "")
        if _REMOTE.match(filename):
            from sphinx.util import logging

            logging.getLogger(__name__).warning(
                "remote script %s left out: the site loads no code from elsewhere (ship it under docs/_static)",
                filename,
                location=pagename,
            )
            continue
        kept.append(script)
    context["script_files"] = kept


def setup(app: Sphinx) -> dict[str, Any]:
    # After every other handler (sphinx.ext.mathjax adds its script at the default priority).
    app.connect("html-page-context", refuse_remote_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
