"""Shared fakes, builders and fixtures for the test suite."""
