"""Fixtures for the desktop app's tests."""

from tests.helpers.qt import dialog_log, window_factory

__all__ = ["dialog_log", "window_factory"]
