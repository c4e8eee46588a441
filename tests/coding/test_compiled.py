"""The coder's modules are compiled all together or not at all (setup.py): a module compiled
by mypyc imports the shared library of its group, so a partial build would not import."""

from __future__ import annotations

import importlib
import pickle
from collections.abc import Callable
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import dyad.coding
from dyad.coding.coder import CodedDocument

FOLDER = Path(dyad.coding.__file__).parent
MODULES = sorted(p.stem for p in FOLDER.glob("*.py") if p.stem != "__init__")


def _compiled(name: str) -> bool:
    module = importlib.import_module(f"dyad.coding.{name}")
    return any(str(module.__file__).endswith(suffix) for suffix in EXTENSION_SUFFIXES)


def test_the_coder_modules_are_all_compiled_or_all_pure() -> None:
    compiled = {name: _compiled(name) for name in MODULES}
    assert len(set(compiled.values())) == 1, compiled


def test_every_compiled_module_has_its_source_beside_it() -> None:
    for path in FOLDER.glob("*.so"):
        assert (FOLDER / f"{path.name.split('.')[0]}.py").exists(), path.name


def test_coded_documents_cross_process_boundaries(
    code_document: Callable[..., CodedDocument],
) -> None:
    """Ingest workers send coded documents back by pickle; compiled frozen dataclasses need
    their own `__reduce__` for that."""
    coded = code_document("Russia suspended talks with Japan on Monday. Tokyo protested.")
    assert coded.sentences and coded.events
    assert pickle.loads(pickle.dumps(coded)) == coded
