"""Assessor: an offline self-assessment of marketing's freedom and its work with sales.

This package is the domain: questionnaires, scoring, diagnosis, storage, reports and the command
line. It never imports Qt; the desktop front end lives in the separate ``ui`` package.
"""

__version__ = "0.1.0"
