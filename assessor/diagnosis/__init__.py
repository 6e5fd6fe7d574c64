"""One respondent's diagnosis: answers, scores, conditions, findings and plan, walk order.

May import: assessor.questionnaire, assessor.errors.
"""
