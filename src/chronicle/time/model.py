"""Records of the temporal-expression stage (defined with all records in ``chronicle.models``)."""

from __future__ import annotations

from chronicle.models import Timex

__all__ = ["Timex"]
