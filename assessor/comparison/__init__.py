"""Comparison across periods and respondents, and the follow-up of earlier actions.

May import: assessor.exchange and the stages below it; never the store or the reports.
"""
