"""Questionnaires as data: the model, loading, validation, the catalogue, the JSON Schema.

May import: assessor.files and assessor.errors.
"""
