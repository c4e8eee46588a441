"""Build dyad: the event coder's modules (`src/dyad/coding/`) are compiled to C extensions with
mypyc, which codes sentences about 1.3 to 2 times as fast as the same modules run by the
interpreter. The compiled modules behave exactly as the Python sources, which stay the
reference. Where no C compiler is found, or `DYAD_PURE_PYTHON=1` is set, dyad installs as
pure Python and is slower only.

Everything else about the package is declared in pyproject.toml.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_ext import build_ext

COMPILED = sorted(
    str(path)
    for path in Path("src/dyad/coding").glob("*.py")
    if path.name != "__init__.py"
)


class OptionalBuildExt(build_ext):
    """Build the compiled modules if possible; otherwise warn and install pure Python."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # no compiler, no headers: the pure modules still work
            # All or nothing: a module's stub without the shared library would not import.
            for output in self.get_outputs():
                Path(output).unlink(missing_ok=True)
            _warn(f"could not compile the coder ({error}); installing it as pure Python")


def _warn(message: str) -> None:
    print(f"dyad setup: warning: {message}", file=sys.stderr)


def _extensions() -> list[Any]:
    if os.environ.get("DYAD_PURE_PYTHON") == "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _warn("mypyc is not installed; installing the coder as pure Python")
        return []
    return list(mypycify(COMPILED, opt_level="3", debug_level="0"))


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
