"""Every command and every setting is documented in the README, and every command has --help."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from chronicle.cli import app
from chronicle.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> list[tuple[str, ...]]:
    group = typer.main.get_command(app)
    found: list[tuple[str, ...]] = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        if sub:
            found.extend((name, inner) for inner in sub)
        else:
            found.append((name,))
    return sorted(found)


def test_there_are_commands() -> None:
    names = {c[0] for c in _commands()}
    assert {"build", "annotate", "events", "actors", "quotes", "evaluate"} <= names


@pytest.mark.parametrize("command", _commands(), ids=" ".join)
def test_every_command_is_in_the_readme_and_has_help(command: tuple[str, ...]) -> None:
    assert f"chronicle {' '.join(command)}" in README, f"`chronicle {' '.join(command)}` is not documented in README.md"
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.stdout


@pytest.mark.parametrize("name", [f.name for f in dataclasses.fields(Settings) if f.name != "extra"])
def test_every_setting_is_in_the_readme(name: str) -> None:
    assert f"`{name}`" in README, f"setting `{name}` is not documented in README.md"
