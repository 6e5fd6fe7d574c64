"""A small version-2 questionnaire for report tests, and organisations that answer it.

"pilot" has three dimensions with their own band meanings, findings of every kind (a pattern
with five action tables, a flag on one answer, a watch for a Fragile dimension, a pattern
resting on practice with a v1 plain-string action among its tables, a healthy pattern) and a
consequence on one finding and one dimension, so each report rule can be seen at work without
the bundled content.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from assessor.diagnosis.answers import Answer, make_answer
from assessor.diagnosis.findings import diagnose
from assessor.exchange.exchange_file import Assessment
from assessor.questionnaire.loading import parse_questionnaire
from assessor.questionnaire.model import Questionnaire
from assessor.report.builder import PeriodResult, build_report
from assessor.report.model import Report
from tests.helpers.reports import make_assessment

PILOT_TOML = """\
id = "pilot"
version = 2
title = "Pilot"
description = "A small version-2 questionnaire for report tests."

[[sources]]
id = "art"
title = "An article"
date = "2024-01-01"

[[dimensions]]
id = "handoff"
title = "Lead hand-off"
description = "How leads pass from marketing to sales."
consequence = "Leads that nobody follows up are marketing money spent for nothing."
bands = [
  { min = 0, max = 40, meaning = "Leads fall between the teams." },
  { min = 40, max = 60, meaning = "Leads mostly pass, but nobody checks what became of them." },
  { min = 60, max = 80, meaning = "Leads pass on an agreed rule, checked now and then." },
  { min = 80, max = 100, meaning = "Every lead is followed up and reported back." },
]

[[dimensions]]
id = "cadence"
title = "Meeting cadence"
description = "How often the teams meet."

[[dimensions]]
id = "clarity"
title = "Role clarity"
description = "Whether each team knows its job."

[[bands]]
min = 0
max = 40
label = "At risk"
meaning = "Generic at-risk meaning."

[[bands]]
min = 40
max = 60
label = "Fragile"
meaning = "Generic fragile meaning."

[[bands]]
min = 60
max = 80
label = "Sound"
meaning = "Generic sound meaning."

[[bands]]
min = 80
max = 100
label = "Strong"
meaning = "Generic strong meaning."

[[items]]
id = "h-1"
dimension = "handoff"
kind = "agreement"
text = "Marketing and sales share one definition of a qualified lead."
why = "Establishes whether a lead means the same to both teams."
argument = "A lead only moves when both sides agree what it is."
basis = "article"
source = "art"

[[items]]
id = "h-2"
dimension = "handoff"
kind = "choice"
text = "Who follows up a new lead, and when?"
why = "Establishes how fast a lead is taken up."
argument = "A lead left waiting goes cold."
basis = "practice"
source = "art"
options = [
  { id = "when-free", label = "Sales, when someone has time", score = 0.0 },
  { id = "within-day", label = "Sales, within a working day", score = 1.0 },
  { id = "within-week", label = "Sales, within a week", score = 0.5 },
]

[[items]]
id = "c-1"
dimension = "cadence"
kind = "agreement"
text = "Marketing and sales meet at least twice a month."
why = "Establishes how often the teams meet."
basis = "article"
source = "art"

[[items]]
id = "c-2"
dimension = "cadence"
kind = "agreement"
text = "The meetings end with decisions."
why = "Establishes what the meetings yield."
basis = "article"
source = "art"

[[items]]
id = "r-1"
dimension = "clarity"
kind = "agreement"
text = "Everyone can say what marketing is for."
why = "Establishes whether the remit is known."
basis = "practice"
source = "art"

[[items]]
id = "r-2"
dimension = "clarity"
kind = "agreement"
text = "Marketing is judged on the opportunities it opens."
why = "Establishes the yardstick."
basis = "article"
source = "art"

[[findings]]
id = "leads-leak"
title = "Leads leak at the hand-off."
severity = "high"
kind = "pattern"
basis = "article"
dimension = "handoff"
importance = 2.0
consequence = "Opportunities marketing paid for go cold, so each sale costs more and takes longer."
explanation = "Leads pass without an agreed rule and nobody reports what became of them."
when = { all = [ { dimension = "handoff", below = 40 }, { item = "h-2", equals = "when-free" } ] }
sources = ["art"]

[[findings.actions]]
text = "Agree one definition of a qualified lead."
owner = "leadership"
horizon = "month"
done_when = "The definition is written down and signed by both leads."

[[findings.actions]]
text = "Set a follow-up time for every new lead."
owner = "sales"
horizon = "month"
done_when = "The time is in the CRM and reported weekly."

[[findings.actions]]
text = "Report monthly what became of last month's leads."
owner = "marketing"
horizon = "quarter"
done_when = "Three monthly reports exist."

[[findings.actions]]
text = "Review lost deals together every quarter."
owner = "sales"
horizon = "quarter"
done_when = "Two joint reviews are minuted."

[[findings.actions]]
text = "Tie part of both teams' targets to converted leads."
owner = "ceo"
horizon = "half"
done_when = "The targets are in both plans."

[[findings]]
id = "slow-follow-up"
title = "New leads wait until someone has time."
severity = "medium"
kind = "flag"
item = "h-2"
basis = "practice"
dimension = "handoff"
explanation = "One answer says leads are followed up only when someone is free."
when = { item = "h-2", equals = "when-free" }

[[findings.actions]]
text = "Name who follows up each lead on the day it arrives."
owner = "sales"
horizon = "month"
done_when = "A named person is on the lead rota."

[[findings.actions]]
text = "Check each Friday which leads are still untouched."
owner = "marketing"
horizon = "month"
done_when = "Four Friday checks are logged."

[[findings]]
id = "cadence-watch"
title = "Meetings between the teams are irregular."
severity = "low"
kind = "watch"
basis = "article"
dimension = "cadence"
explanation = "The teams meet, but not often enough to keep plans joined up."
when = { all = [ { dimension = "cadence", at_least = 40 }, { dimension = "cadence", below = 60 } ] }
sources = ["art"]

[[findings.actions]]
text = "Fix a fortnightly meeting of both teams."
owner = "leadership"
horizon = "month"
done_when = "Six meetings are in the calendar."

[[findings]]
id = "clarity-low"
title = "Nobody can say what marketing is for."
severity = "medium"
kind = "pattern"
basis = "practice"
dimension = "clarity"
explanation = "The remit of marketing is unclear, so it is judged on the wrong things."
when = { dimension = "clarity", below = 50 }
actions = [
  { text = "Write marketing's remit.", owner = "ceo", horizon = "quarter", done_when = "Shared." },
  { text = "Judge it on openings.", owner = "leadership", horizon = "half", done_when = "Set." },
  "Talk about it at the next offsite.",
  { text = "Present the remit.", owner = "marketing", horizon = "quarter", done_when = "Minuted." },
]

[[findings]]
id = "healthy"
title = "Marketing and sales work as one team."
severity = "info"
positive = true
basis = "article"
explanation = "Everything is in good order."
when.all = [
  { dimension = "handoff", at_least = 80 },
  { dimension = "cadence", at_least = 80 },
  { dimension = "clarity", at_least = 80 },
]
sources = ["art"]

[[findings.actions]]
text = "Keep the fortnightly meeting."
owner = "leadership"
horizon = "quarter"
done_when = "It is still in the calendar next quarter."
"""

#: Raw answers of organisations: agreement 1–5 and h-2's option.
WORST: dict[str, Any] = {"h-1": 1, "h-2": "when-free", "c-1": 1, "c-2": 1, "r-1": 1, "r-2": 1}
BEST: dict[str, Any] = {"h-1": 5, "h-2": "within-day", "c-1": 5, "c-2": 5, "r-1": 5, "r-2": 5}
#: Sound everywhere but a Fragile cadence (50): only the watch fires.
FRAGILE_CADENCE: dict[str, Any] = {
    "h-1": 4,
    "h-2": "within-day",
    "c-1": 3,
    "c-2": 3,
    "r-1": 4,
    "r-2": 4,
}
#: Every dimension Sound (62.5–75) and no finding: the report must still say what to do.
ALL_SOUND: dict[str, Any] = {
    "h-1": 4,
    "h-2": "within-week",
    "c-1": 4,
    "c-2": 4,
    "r-1": 4,
    "r-2": 3,
}


def pilot() -> Questionnaire:
    """The pilot questionnaire, parsed and checked like a user's file."""
    return parse_questionnaire(PILOT_TOML.encode(), "pilot.toml")


def pilot_answers(values: dict[str, Any]) -> dict[str, dict[str, Answer]]:
    """An answer set for the pilot questionnaire from raw values."""
    questionnaire = pilot()
    return {"pilot": {k: make_answer(questionnaire, k, v) for k, v in values.items()}}


def pilot_assessment(
    values: dict[str, Any],
    *,
    name: str = "Dana Whitfield",
    role: str = "ceo",
    period: str = "2026-Q3",
    organisation: str = "Pilot Works",
    unit: str = "",
    uuid: str = "7a3e0c55-2222-4aaa-8bbb-1234567890ab",
) -> Assessment:
    """A complete assessment of the pilot questionnaire."""
    return make_assessment(
        pilot_answers(values),
        {"pilot": pilot()},
        organisation=organisation,
        respondent=name,
        period=period,
        unit=unit,
        uuid=uuid,
        role=role,  # type: ignore[arg-type]
    )


def pilot_report(
    values: dict[str, Any], previous: dict[str, Any] | None = None, **fields: str
) -> Report:
    """The report of a pilot assessment, with one earlier period when ``previous`` is given."""
    definitions = {"pilot": pilot()}
    assessment = pilot_assessment(values, **fields)
    history = []
    if previous is not None:
        before = pilot_answers(previous)
        history.append(PeriodResult("2026-Q2", definitions, diagnose(definitions, before, "ceo")))
    diagnosis = diagnose(definitions, assessment.answers, assessment.respondent.role)
    return build_report(assessment, definitions, diagnosis, history, generated=date(2026, 11, 23))
