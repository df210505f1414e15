"""Stridewise's Django project and logging app."""

from importlib.metadata import PackageNotFoundError, version

try:
    # pyproject.toml's version, the one source: make setup installs the package.
    __version__ = version("stridewise")
except PackageNotFoundError:  # a checkout run without installing it
    __version__ = "unknown"
