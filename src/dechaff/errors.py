"""The package's exceptions: one base, raised only at the edges (configuration, input, extras)."""

from __future__ import annotations


class DechaffError(Exception):
    """Base of every error dechaff raises on purpose."""


class ConfigError(DechaffError, ValueError):
    """A configuration value is invalid; the message says which value and how to fix it."""


class InputError(DechaffError):
    """An input file or record cannot be read; the message names the file and the line."""


class UsageError(DechaffError):
    """The command line asks for something impossible (exit code 2)."""


class MissingExtraError(DechaffError, ImportError):
    """An optional extra is needed; the message says which one to install."""
