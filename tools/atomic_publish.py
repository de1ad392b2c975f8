"""Publish files and the site so that a reader, or a build killed at any moment, never finds them half-written.

A file is written as ``tools.atomic`` writes catalogues (a temporary file in the same folder, flushed, renamed
over the final name, the folder flushed), readable by a web server.

The site, ``build/site``, is a symbolic link to a complete version of it in ``build/.sites/<id>``. A new
version is assembled beside the published one, flushed, moved into ``build/.sites/`` and published by
renaming a new link over the old one. That is one rename(2), atomic on every POSIX file system: there is no
moment when ``build/site`` is missing or partial, and a web server serving it (``python -m http.server -d
build/site``) or a test reading it follows the link. The alternative, swapping two real folders with Linux's
renameat2(RENAME_EXCHANGE), keeps ``build/site`` a plain folder but works only on Linux and on the file
systems that implement it; everywhere else it would fall back to the two renames that leave a moment without
a site. The link is relative, so the build folder still works when moved, cached or mounted elsewhere.

A ``build/site`` folder left by an older version of the tools is migrated the first time a site is
published: exchanged with the new link in one renameat2 call on Linux, else moved aside and replaced by the
link, a moment without a site that ``recover`` repairs if the build is killed inside it.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from tools.atomic import sync_folder, write_bytes_atomic

VERSIONS = ".sites"
_NEW_LINK = ".site-link-"
_OLD_FOLDER = ".site-old-"
_STAGING = ".site-new-"


def write_file(path: Path, data: bytes | str) -> None:
    """Write a published file atomically, readable by a web server whatever the umask."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(path, data.encode("utf-8") if isinstance(data, str) else data, mode=0o644)


def replace_file(temporary: Path, path: Path) -> None:
    """Flush a file written by someone else under a temporary name, then rename it into place atomically."""
    with open(temporary, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    sync_folder(path.parent)


def fsync_tree(folder: Path) -> None:
    """Flush every file and folder under ``folder``, so that renaming it publishes content that is on disk."""
    for current, _folders, files in os.walk(folder):
        for name in files:
            with open(os.path.join(current, name), "rb") as handle:
                os.fsync(handle.fileno())
        sync_folder(Path(current))


def new_staging(build: Path) -> Path:
    """An empty folder beside the published site, where the next version is assembled."""
    build.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=_STAGING, dir=build))
    staging.chmod(0o755)  # mkdtemp makes it private; the published site is read by a web server
    return staging


def is_file_name(name: object) -> bool:
    """Whether ``name``, read from a manifest or a record on disk, names one entry of a folder, not a path."""
    return isinstance(name, str) and name not in ("", ".", "..") and Path(name).name == name and "\\" not in name


def current_version(site: Path) -> Path | None:
    """The folder the published link points to, or None when the site is a plain folder or absent."""
    if not site.is_symlink():
        return None
    target = site.parent / os.readlink(site)
    return target if target.is_dir() else None


def published_manifests(site: Path) -> dict[str, dict[str, Any]]:
    """What each published language's build said about it (title, name, PDF), by language."""
    version = current_version(site)
    if version is None:
        return {}
    try:
        data = json.loads(version.with_name(version.name + ".json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, list):
        return {}
    # A file on disk, which anything may have written: a language that is not a string is no language.
    return {
        manifest["language"]: manifest
        for manifest in data if isinstance(manifest, dict) and isinstance(manifest.get("language"), str)
    }  # fmt: skip


def publish_version(staging: Path, site: Path, manifests: list[dict[str, Any]]) -> None:
    """Publish the site assembled in ``staging`` in place of ``site``, in one atomic rename."""
    versions = site.parent / VERSIONS
    versions.mkdir(exist_ok=True)
    fsync_tree(staging)
    version = versions / staging.name.removeprefix(_STAGING)
    write_file(version.with_name(version.name + ".json"), json.dumps(manifests, ensure_ascii=False, indent=2))
    os.rename(staging, version)
    sync_folder(versions)
    link = site.with_name(f"{_NEW_LINK}{version.name}")
    os.symlink(os.path.join(VERSIONS, version.name), link)
    if site.is_dir() and not site.is_symlink():
        _migrate(link, site)
    else:
        os.replace(link, site)
    sync_folder(site.parent)
    remove_leftovers(site)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names in one system call (Linux renameat2 with RENAME_EXCHANGE); False where unavailable."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    if ctypes.get_errno() in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False  # a file system or kernel without it
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(first))


def _migrate(link: Path, folder: Path) -> None:
    """Replace the plain ``build/site`` folder of an older build by the link to the new version."""
    if _exchange(link, folder):
        shutil.rmtree(link)  # the old folder, now under the link's temporary name
        return
    aside = folder.with_name(f"{_OLD_FOLDER}{os.getpid()}")
    os.rename(folder, aside)
    os.replace(link, folder)
    shutil.rmtree(aside, ignore_errors=True)


def recover(site: Path) -> None:
    """Put back a site that a build killed in the middle of a migration left without a name."""
    if os.path.lexists(site) or not site.parent.is_dir():
        return
    aside = sorted(site.parent.glob(f"{_OLD_FOLDER}*"), key=lambda p: p.stat().st_mtime)
    if aside:
        os.replace(aside[-1], site)
        return
    versions = sorted((p for p in (site.parent / VERSIONS).glob("*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    if versions:  # every folder there is complete: it is renamed there only once assembled and flushed
        link = site.with_name(f"{_NEW_LINK}{versions[-1].name}")
        os.symlink(os.path.join(VERSIONS, versions[-1].name), link)
        os.replace(link, site)


def remove_leftovers(site: Path) -> None:
    """Remove what killed builds left (staging folders, temporary links) and every version not published.

    Only call it while holding the build lock: another build's staging folder is not a leftover."""
    build = site.parent
    if not build.is_dir():
        return
    recover(site)
    for pattern in (f"{_STAGING}*", f"{_OLD_FOLDER}*", f"{_NEW_LINK}*"):
        for leftover in build.glob(pattern):
            if leftover.is_symlink() or leftover.is_file():
                leftover.unlink()
            else:
                shutil.rmtree(leftover, ignore_errors=True)
    current = current_version(site)
    keep = {current.name, current.name + ".json"} if current else set()
    for entry in (build / VERSIONS).glob("*"):
        if entry.name in keep:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
