"""Home's "Invitations still out": per organisation, unit and period, how many were invited,
how many came back, and the roles still out (roles only, never names, so it reads the same for
named and confidential invitations): "Acme, 2026-Q3: invited 3, returned 2; still out: sales".
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ui import style
from ui.plain_text import plain_label

if TYPE_CHECKING:
    from assessor.storage.invitations import InvitationsOut
    from assessor.storage.store import Store

#: How a role is named where no name may stand.
ROLE_WORDS = {
    "ceo": "chief executive",
    "marketing": "marketing",
    "sales": "sales",
    "other": "other",
}


def roles_text(roles: tuple[str, ...]) -> str:
    """``sales``; ``chief executive, 2 sales`` (in the order given, repeats counted)."""
    counted = Counter(roles)
    return ", ".join(
        ROLE_WORDS.get(role, role) if number == 1 else f"{number} {ROLE_WORDS.get(role, role)}"
        for role, number in counted.items()
    )


def out_line(organisation: str, unit: str, period: str, out: InvitationsOut) -> str:
    """``Acme, 2026-Q3: invited 3, returned 2; still out: sales``."""
    where = organisation + (f" — {unit}" if unit else "")
    return (
        f"{where}, {period}: invited {out.invited}, returned {out.returned}; "
        f"still out: {roles_text(out.roles_out)}"
    )


def still_out_lines(store: Store) -> list[str]:
    """One line per organisation, unit and period with invitations still out."""
    lines = []
    for organisation, unit, period in store.scopes_with_invitations_out():
        out = store.invitations_out(organisation, unit, period)
        if out.out:
            lines.append(out_line(organisation, unit, period, out))
    return lines


class InvitationsOutBox(QFrame):
    """The invitations still out, shown on Home while there are any."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("invitations-out")
        column = QVBoxLayout(self)
        column.setContentsMargins(style.SPACE_L, style.SPACE_S, style.SPACE_L, style.SPACE_S)
        column.addWidget(plain_label("Invitations still out", bold=True))
        self.lines = plain_label(name="invitations-still-out")
        column.addWidget(self.lines)
        self.hide()

    def show_store(self, store: Store) -> None:
        """Read the invitations still out; hidden when there are none."""
        lines = still_out_lines(store)
        self.lines.setText("\n".join(lines))
        self.setVisible(bool(lines))
