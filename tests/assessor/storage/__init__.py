"""Tests of the durable local storage (issue 4)."""
