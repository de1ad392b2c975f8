"""``python -m tools serve``: preview one language, rebuilt when a .po file or the source changes."""

from __future__ import annotations

import argparse
import contextlib
import signal
import subprocess
import sys

INSTALL = 'pip install -e ".[serve]"'
STOP_SECONDS = 3


def run(args: argparse.Namespace) -> int:
    import importlib.util

    from tools.children import kill_group, python_dying_with_parent
    from tools.languages import discover_languages
    from tools.preview_links import stage

    available = discover_languages(args.root / "locale")
    if args.code not in available:
        print(f"error: no language {args.code!r}; available: {', '.join(available)}", file=sys.stderr)
        return 2
    if importlib.util.find_spec("sphinx_autobuild") is None:
        # The preview is an extra: say how to get it, rather than Python's "No module named sphinx_autobuild".
        print(f"error: the preview needs sphinx-autobuild, which is not installed: {INSTALL} "
              "(or tox -e serve -- LANG)", file=sys.stderr)  # fmt: skip
        return 2
    preview = args.root / "build" / "serve" / args.code
    site = args.root / "build" / "site"
    try:
        staged = stage(site, args.code, preview, available, args.root / "docs")
    except OSError as error:
        where = getattr(error, "filename", None) or preview
        print(f"error: {where}: cannot copy the last build beside the preview: {error.strerror or error}",
              file=sys.stderr)  # fmt: skip
        return 1
    if staged.copied:
        print(f"the preview links to the other languages and the PDFs of the last build ({site})", file=sys.stderr)
    elif staged.site:
        print(f"note: the last build ({site}) has no other language and no PDF of {args.code}: the preview's "
              "links to them open a page saying so", file=sys.stderr)  # fmt: skip
    else:
        print(f"note: no built site in {site}: the preview's links to other languages and to the PDF open a page "
              "saying so; python -m tools build makes them", file=sys.stderr)  # fmt: skip
    command = [
        *python_dying_with_parent(), "-m", "sphinx_autobuild",
        str(args.root / "docs"), str(preview),
        "-b", "html", "-D", f"language={args.code}", "-n",
        "--watch", str(args.root / "locale"),
        "--ignore", "*.mo",  # Sphinx writes compiled catalogues next to the .po files: no rebuild loop
        "--host", args.host, "--port", str(args.port),
    ]  # fmt: skip
    # sphinx-autobuild starts processes of its own when it rebuilds: in a session of their own, they all go
    # with it when serve is stopped (the kernel's parent-death signal reaches only the first of them).
    process = subprocess.Popen(command, cwd=args.root, start_new_session=True)

    def stop(_signum: int = 0, _frame: object = None) -> None:
        # Asked to end, sphinx-autobuild may take seconds (a rebuild under way, a loaded machine): the preview
        # waits for it a while, then kills what is left of its group, so that nothing outlives it.
        kill_group(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=STOP_SECONDS)
        kill_group(process.pid, signal.SIGKILL)

    # The handler only leaves the wait: stopping waits for the child, which it cannot do from inside a wait.
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    try:
        return process.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        stop()
        signal.signal(signal.SIGTERM, previous)
