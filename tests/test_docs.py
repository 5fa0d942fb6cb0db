"""The examples in the package docstring run as written."""

from __future__ import annotations

import doctest

import goalnlp


def test_package_docstring_examples() -> None:
    result = doctest.testmod(goalnlp, verbose=False)
    assert result.attempted >= 2
    assert result.failed == 0
