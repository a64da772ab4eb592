"""Corpus stages: work that needs the whole record (read and write the store)."""
