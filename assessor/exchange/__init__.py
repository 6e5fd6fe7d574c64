"""Assessments as files: the exchange file, respondent files and their schemas.

May import: assessor.diagnosis, assessor.questionnaire, assessor.files, assessor.errors.
"""
