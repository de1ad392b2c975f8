"""Write a file so that a crash at any moment leaves its old content or its new one, never a mix or nothing.

The content goes to a temporary file in the same folder (a rename is atomic only within one file system), is
flushed and synced to the disk, and the temporary file is renamed over the target; the folder is then synced
so that the rename itself survives a power cut. A temporary file is named ``.<name>.<pid>.<random>.tmp``:
hidden, and never ending in ``.po``, so a process killed before its rename leaves nothing a later command
would take for a catalogue, and the next writer in that folder removes it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

_SUFFIX = ".tmp"


def _default_mode() -> int:
    # os.umask can only be read by setting it; the project's commands are single-threaded where they write.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the names renamed or created in it) to disk, where the system allows it."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # folders cannot be opened on every system (Windows); the rename is still atomic there
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_bytes_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace ``path`` by ``data`` atomically, with permission bits ``mode``, else those it has (or the
    umask's for a new file)."""
    path = Path(path)
    folder = path.parent
    if mode is None:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = _default_mode()
    remove_stale_temporaries(folder)
    descriptor, temporary = -1, None
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.{os.getpid()}.", suffix=_SUFFIX)
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, mode)
        else:
            os.chmod(temporary, mode)
        os.fsync(descriptor)
        os.close(descriptor)
        descriptor = -1
        os.replace(temporary, path)
    except BaseException as error:
        if descriptor >= 0:
            os.close(descriptor)
        if temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        if isinstance(error, OSError):
            # Name the file meant, not the temporary one nobody asked for.
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise
    sync_folder(folder)


def write_text_atomic(path: Path, text: str, encoding: str) -> None:
    """Replace ``path`` by ``text`` in ``encoding`` atomically (see write_bytes_atomic)."""
    write_bytes_atomic(path, text.encode(encoding))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or a system that cannot tell: leave its file alone
    return True


def remove_stale_temporaries(folder: Path, nested: bool = False) -> list[Path]:
    """Remove the temporary files that writers killed before their rename left in ``folder`` (and, with
    ``nested``, the folders under it: a document in a nested folder has its catalogue in one); return them."""
    removed = []
    try:
        candidates = list(Path(folder).rglob(f".*{_SUFFIX}") if nested else Path(folder).glob(f".*{_SUFFIX}"))
    except OSError:
        return removed
    for candidate in candidates:
        parts = candidate.name.rsplit(".", 3)  # ['.<name>', '<pid>', '<random>', 'tmp']
        if len(parts) != 4 or not parts[1].isdigit() or not candidate.is_file():
            continue
        pid = int(parts[1])
        if pid == os.getpid() or _alive(pid):
            continue
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
            removed.append(candidate)
    return removed
