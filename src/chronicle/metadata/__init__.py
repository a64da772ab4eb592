"""Document metadata with evidence: title, publisher, authors, publication date and its basis.

Import from the modules: ``metadata.describe`` (``describe``), ``metadata.published``,
``metadata.dates`` (explicit calendar dates, also used by the cleaner).
"""
