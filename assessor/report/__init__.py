"""The PDF diagnosis: a report model built from the results, then rendered with reportlab.

reportlab is imported only by :mod:`assessor.report.render`, :mod:`.chart` and :mod:`.fonts`, so
neither the app's start nor the command line pays for it until a report is made.
"""
