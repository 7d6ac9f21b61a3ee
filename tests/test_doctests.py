"""Every example in a docstring of gluteutils still gives what it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import gluteutils

#: Every module but the command line entry point, which runs when imported.
MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules(gluteutils.__path__, "gluteutils.")
    if m.name != "gluteutils.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert failures == 0, f"{failures} docstring example(s) of {name} failed (see above)"
