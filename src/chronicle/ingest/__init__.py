"""Ingest: find input files, read every supported format into ``SourceItem``s, decode text."""

from chronicle.ingest.decode import DecodedText, decode_payload
from chronicle.ingest.discover import InputFile, discover
from chronicle.ingest.readers import read_items
from chronicle.ingest.sidecar import SidecarIndex, load_sidecars

__all__ = [
    "DecodedText",
    "InputFile",
    "SidecarIndex",
    "decode_payload",
    "discover",
    "load_sidecars",
    "read_items",
]
