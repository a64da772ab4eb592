"""The ``chronicle`` command line: thin shells over the library (parse options, call, print)."""

from chronicle.cli import analysis as _analysis  # noqa: F401 - registers the analysis commands
from chronicle.cli import outputs as _outputs  # noqa: F401
from chronicle.cli import serve as _serve  # noqa: F401
from chronicle.cli.app import app, main

__all__ = ["app", "main"]
