#!/usr/bin/env python3
"""Regenerate binder/requirements.txt (exact pins) from binder/requirements.in (loose).

Usage: ``python3 binder/lock.py`` from the repository root. It creates a
throw-away virtual environment with pip-tools, runs ``pip-compile`` on
``binder/requirements.in`` for this Python, and rewrites the line pip-compile
writes for the project itself (an absolute ``file://`` address) as ``.``, the
form repo2docker installs from the repository root.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "binder" / "requirements.in"
TARGET = ROOT / "binder" / "requirements.txt"


def main() -> int:
    """Compile the pins and write binder/requirements.txt."""
    with tempfile.TemporaryDirectory() as tmp:
        venv.create(tmp, with_pip=True)
        python = Path(tmp) / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
        subprocess.run([python, "-m", "pip", "install", "-q", "pip-tools>=7.4"], check=True)
        subprocess.run(
            [
                python,
                "-m",
                "piptools",
                "compile",
                "--quiet",
                "--strip-extras",
                "--no-emit-index-url",
                "--no-emit-find-links",
                "--no-emit-trusted-host",
                "--output-file",
                "binder/requirements.txt",
                "binder/requirements.in",
            ],
            cwd=ROOT,
            check=True,
            # pip-compile writes this command into the header as the way to regenerate.
            env={**os.environ, "CUSTOM_COMPILE_COMMAND": "python3 binder/lock.py"},
        )
    text = TARGET.read_text(encoding="utf-8")
    # pip-compile records the project as "gluteutils @ file:///abs/path"; Binder needs ".".
    text, count = re.subn(r"(?m)^gluteutils @ file://\S+$", ".", text)
    if count != 1:
        sys.exit("binder/lock.py: could not find the project's own line in the compiled pins")
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
