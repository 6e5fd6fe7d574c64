"""The Help menu's texts: keyboard shortcuts, where the data lives, and About.

Plain text only (the dialogs show it as such); kept apart from the window so that the README
and these stay easy to compare.
"""

from __future__ import annotations

from pathlib import Path

from assessor import __version__
from assessor.storage.backup import backups_dir

KEYBOARD_SHORTCUTS = """\
Anywhere
• Ctrl+N — new assessment
• Ctrl+L — the assessments (Home)
• Ctrl+H — History of the selected organisation
• Ctrl+E — export the results as PDF; Ctrl+P — print them (on the results)
• F1 — these keyboard shortcuts
• Ctrl+Q — quit

Opening a respondent file
• Enter — start answering (on the welcome); Escape — later, back to the assessments
• Enter — Send back… (after the last question)

Answering a question (wherever the focus is on the page)
• 1–9 — choose an option (in a multi-select: tick or untick it)
• 0 or Alt+D — don't know (on a number question: Alt+D; a screening question has none)
• Enter — next question; Alt+← — previous; Alt+→ — next
• Shift+Enter — a new line in a note or a text answer

Last quarter's actions
• 1, 2, 3 — done, in progress, not started (on the focused action)
• Enter — continue to the questions
• Escape — cancel: no assessment is started

The line under each question says which keys work there."""


def data_folder_text(database: Path) -> str:
    """Help → Where is my data?: the file, its companions, and how to copy it safely."""
    return (
        f"Your assessments are in:\n{database}\n\n"
        f"While Assessor is open, the newest changes may still be in {database.name}-wal "
        "beside it (SQLite's write-ahead log), so a copy of the .db file alone made now can "
        "miss them. To copy your data, choose Back up now: it writes one complete file into "
        f"{backups_dir(database)}. A backup is also taken by itself each day you change "
        "something, and before anything is deleted.\n\n"
        "Nothing is ever sent anywhere."
    )


def about_text(database: Path) -> str:
    """Help → About Assessor."""
    return (
        f"Assessor {__version__}\n\n"
        "Does your organisation let marketing do its job, and do marketing and sales work as "
        "one team? Assessor walks you through three questionnaires, scores them on this "
        "computer and writes a diagnosis that names patterns and actions.\n\n"
        "It works fully offline: nothing you type leaves this computer.\n\n"
        f"Your data: {database}\n"
        "The command line (run 'assessor --help') works on the same data without a window."
    )
