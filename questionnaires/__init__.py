"""The questionnaires shipped with Assessor, as TOML data files plus their JSON Schema.

This package holds data only; ``assessor.questionnaire.catalogue`` finds the files through
``importlib.resources`` so they load the same way from a source checkout and an installed wheel.
"""
