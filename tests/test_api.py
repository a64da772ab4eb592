"""The public API: exported names, the pure per-document pipeline, settings, and the README."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

import chronicle
from chronicle import Document, ItemStatus, Rejection, Settings, SourceItem
from chronicle.clean import line_key
from chronicle.models import SourceMetadata

CLI_COMMANDS = ("build", "documents", "inspect", "search", "rejections", "timex", "evaluate tempeval")


def item_from(path: Path, kind: str = "text", **kwargs) -> SourceItem:
    payload = path.read_bytes()
    return SourceItem(
        origin=str(path), kind=kind, payload=payload, raw_hash=hashlib.blake2b(payload, digest_size=16).hexdigest(), **kwargs
    )


def test_every_exported_name_exists() -> None:
    assert len(chronicle.__all__) == len(set(chronicle.__all__))
    for name in chronicle.__all__:
        assert hasattr(chronicle, name), f"chronicle.__all__ names {name!r}, which does not exist"
    assert chronicle.__version__
    for error in ("ConfigError", "InputError", "RejectedInput", "StoreError", "SchemaVersionError", "NotFoundError", "QueryError"):
        assert issubclass(getattr(chronicle, error), chronicle.ChronicleError)


def test_process_item_is_pure(examples_dir: Path) -> None:
    item = item_from(examples_dir / "text" / "2018-06-12-singapore-summit.txt")
    settings = Settings()
    first = chronicle.process_item(item, settings)
    second = chronicle.process_item(item, settings)
    assert isinstance(first, Document)
    assert first == second
    assert first is not second
    assert first.id == hashlib.blake2b(first.text.encode("utf-8"), digest_size=16).hexdigest()
    assert first.raw_hash == item.raw_hash and first.origin == item.origin
    assert len(first.minhash) == settings.minhash_permutations
    # The item itself is untouched and a third run in between other work is still equal.
    chronicle.process_item(item_from(examples_dir / "text" / "2015-07-14-iran-nuclear-deal.txt"), settings)
    assert chronicle.process_item(item, settings) == first


def test_process_item_uses_only_its_arguments(examples_dir: Path) -> None:
    path = examples_dir / "text" / "2018-06-12-singapore-summit.txt"
    plain = chronicle.process_item(item_from(path), Settings())
    side = SourceMetadata(title="Sidecar title", published="2018-06-13", publisher="Sidecar Press", origin="sidecar test.csv")
    with_sidecar = chronicle.process_item(item_from(path, sidecar=side), Settings())
    assert isinstance(with_sidecar, Document)
    assert with_sidecar.title == "Sidecar title" and plain.title != "Sidecar title"
    assert with_sidecar.published.value == "2018-06-13" and plain.published.value == "2018-06-12"
    assert with_sidecar.text == plain.text
    # Corpus knowledge arrives only through the context: a boilerplate key removes that line.
    dateline = "June 12, 2018 18:40"
    assert dateline in plain.text
    context = chronicle.CorpusContext(boilerplate=frozenset({line_key(dateline)}))
    with_context = chronicle.process_item(item_from(path), Settings(), context)
    assert isinstance(with_context, Document)
    assert dateline not in with_context.text
    assert [r.rule for r in with_context.removed if r.text == dateline] == ["repeated-across-corpus"]
    assert chronicle.process_item(item_from(path), Settings()) == plain


@pytest.mark.parametrize(
    "payload, kind, code",
    [
        (b"", "text", "empty"),
        (b"   \n\t\n", "text", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "text", "binary"),
        (b"%PDF-1.4\n" + bytes(100), "html", "binary"),
        (b"Short.\n", "text", "no-article"),
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "html", "no-article"),
    ],
)
def test_process_item_returns_a_rejection(payload: bytes, kind: str, code: str) -> None:
    item = SourceItem(origin="memory://item", kind=kind, payload=payload, raw_hash="abc123")
    result = chronicle.process_item(item, Settings())
    assert isinstance(result, Rejection)
    assert (result.origin, result.raw_hash, result.code) == ("memory://item", "abc123", code)
    assert result.reason


@pytest.mark.parametrize(
    "changes",
    [
        {"max_item_bytes": 0},
        {"max_item_bytes": -5},
        {"min_words": 0},
        {"near_duplicate_threshold": 0.0},
        {"near_duplicate_threshold": 1.5},
        {"minhash_permutations": 100, "minhash_bands": 32},
        {"minhash_bands": 0},
        {"repetition_min_documents": 1},
        {"batch_size": 0},
    ],
)
def test_settings_validation(changes: dict) -> None:
    with pytest.raises(chronicle.ConfigError):
        Settings(**changes)
    with pytest.raises(chronicle.ConfigError):
        Settings().replace(**changes)


def test_settings_defaults_and_replace() -> None:
    settings = Settings()
    assert settings.accept_languages == ("en",)
    changed = settings.replace(min_words=10, accept_languages=("en", "fr"))
    assert (changed.min_words, changed.accept_languages) == (10, ("en", "fr"))
    assert settings.min_words == 40  # frozen original unchanged
    with pytest.raises(Exception):
        settings.min_words = 3  # type: ignore[misc]


def test_load_settings_reads_toml(tmp_path: Path) -> None:
    top = tmp_path / "top.toml"
    top.write_text('min_words = 25\naccept_languages = ["en", "de"]\nnear_duplicate_threshold = 0.9\n', encoding="utf-8")
    settings = chronicle.load_settings(top)
    assert (settings.min_words, settings.accept_languages, settings.near_duplicate_threshold) == (25, ("en", "de"), 0.9)

    table = tmp_path / "table.toml"
    table.write_text('[chronicle]\nbatch_size = 7\naccept_languages = "en, fr"\n', encoding="utf-8")
    settings = chronicle.load_settings(table, min_words=12)
    assert (settings.batch_size, settings.accept_languages, settings.min_words) == (7, ("en", "fr"), 12)

    assert chronicle.load_settings() == Settings()
    assert chronicle.load_settings(None, min_words=None).min_words == 40


def test_load_settings_rejects_bad_files(tmp_path: Path) -> None:
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("min_words = 20\nminimum_words = 30\n", encoding="utf-8")
    with pytest.raises(chronicle.ConfigError, match="minimum_words"):
        chronicle.load_settings(unknown)
    with pytest.raises(chronicle.ConfigError, match="colour"):
        chronicle.load_settings(None, colour="blue")
    wrong_type = tmp_path / "type.toml"
    wrong_type.write_text('min_words = "many"\n', encoding="utf-8")
    with pytest.raises(chronicle.ConfigError, match="min_words"):
        chronicle.load_settings(wrong_type)
    invalid_value = tmp_path / "value.toml"
    invalid_value.write_text("batch_size = 0\n", encoding="utf-8")
    with pytest.raises(chronicle.ConfigError):
        chronicle.load_settings(invalid_value)
    broken = tmp_path / "broken.toml"
    broken.write_text("min_words = = 3\n", encoding="utf-8")
    with pytest.raises(chronicle.ConfigError):
        chronicle.load_settings(broken)
    with pytest.raises(chronicle.ConfigError):
        chronicle.load_settings(tmp_path / "absent.toml")


def test_build_report_counts(examples_build) -> None:
    report = examples_build.report
    assert report.db == str(examples_build.db)
    assert report.added == report.count(ItemStatus.ADDED) + report.count(ItemStatus.NEAR_DUPLICATE) == 15
    assert not report.nothing_read
    assert report.seconds >= 0


def test_build_progress_is_reported(tmp_path: Path, examples_dir: Path) -> None:
    seen: list[chronicle.BuildProgress] = []
    chronicle.build([examples_dir / "text"], db=tmp_path / "p.db", progress=seen.append)
    phases = [p.phase for p in seen]
    assert set(phases) == {"scan", "process"}
    last = [p for p in seen if p.phase == "process"][-1]
    assert (last.files_done, last.files_total, last.items_done) == (6, 6, 6)


def test_readme_mentions_every_cli_command(repo_dir: Path) -> None:
    readme = repo_dir / "README.md"
    assert readme.is_file(), f"{readme} is missing"
    text = readme.read_text(encoding="utf-8")
    for command in CLI_COMMANDS:
        shown = re.search(rf"\bchronicle\s+{command}\b", text) or re.search(rf"`{command}\b", text)
        assert shown, f"README.md does not mention the command `chronicle {command}`"


@pytest.mark.parametrize("line", ["minhash_permutations = 128.0", "batch_size = 2.5", "min_words = true"])
def test_load_settings_rejects_non_integers_for_integer_settings(tmp_path: Path, line: str) -> None:
    """Regression: a float or bool passed the "is a number" check; minhash_permutations = 128.0 then made
    chronicle.build fail with a bare TypeError instead of a ConfigError."""
    path = tmp_path / "settings.toml"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(chronicle.ConfigError):
        chronicle.load_settings(path)

