"""The command-line fixtures (defined with the main CLI tests) for every CLI test module."""

from tests.cli.test_cli import cli_env, desk, fresh

__all__ = ["cli_env", "desk", "fresh"]
