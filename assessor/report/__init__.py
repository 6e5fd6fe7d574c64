"""The PDF diagnosis: a report model built from the results, then rendered with reportlab.

reportlab is imported only by the rendering modules, so neither the app's start nor the command
line pays for it until a report is made: :mod:`.blocks` (the building blocks and page template
every report is made of), :mod:`.render` and :mod:`.sections` (the respondent's report),
:mod:`.organisation_render`, :mod:`.comparison_report`, the charts (:mod:`.chart`,
:mod:`.trend_chart`) and :mod:`.fonts`. The data models and their builders never import it.
"""
