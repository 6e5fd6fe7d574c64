"""Comparison across periods and respondents, and the follow-up of earlier actions.

- :mod:`~assessor.comparison.build`: ``build_comparison``, from the assessments to the result;
- :mod:`~assessor.comparison.model`: the result (``Comparison``, ``PeriodView``, ``Series``…);
- :mod:`~assessor.comparison.respondents`: the input, each respondent diagnosed, the catalogue;
- :mod:`~assessor.comparison.roles`: role labels and order, the choice of an earlier assessment;
- :mod:`~assessor.comparison.trends`: score series, changes, slopes and trends;
- :mod:`~assessor.comparison.period_view`: a period's organisation view, findings and gaps;
- :mod:`~assessor.comparison.steps`: between two periods: findings, item moves, version notes;
- :mod:`~assessor.comparison.followup_rows`: what became of the previous period's actions;
- :mod:`~assessor.comparison.followup`: the follow-up model the store and the app share;
- :mod:`~assessor.comparison.outcomes`: business outcomes per metric beside the indices, and
  how the outcomes related to each followed-up action moved;
- :mod:`~assessor.comparison.json_form`: the JSON of ``assessor compare --json``.

May import: assessor.exchange and the stages below it; never the store or the reports.
"""
