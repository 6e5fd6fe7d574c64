"""Calibration: organisations written from the articles, their expected findings, robustness."""
