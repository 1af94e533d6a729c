"""The questions and messages every screen asks the same way (delete asks first)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import _


def ask(parent: QWidget | None, title: str, question: str) -> bool:
    """A yes-or-no question whose default (Enter) is No: nothing happens unless asked for."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def confirm_delete(parent: QWidget | None, what: str) -> bool:
    """Ask before deleting; ``what`` names the thing ("the visit DEMO-BERGEN-2014")."""
    return ask(
        parent,
        _("Delete"),
        _("Delete {what}? You can undo this with Edit → Undo.").format(what=what),
    )


def show_error(parent: QWidget | None, error: Exception | str) -> None:
    """A refused change or a failed action, told in one sentence (never a traceback, the
    SQL or a stored value: ``app.failures.user_message``)."""
    from app.failures import user_message

    text = error if isinstance(error, str) else user_message(error)
    QMessageBox.warning(parent, _("Study Visit Planner"), text)


def refused() -> tuple[type[Exception], ...]:
    """The errors that mean "this change was refused" (a rule, a stale row, a duplicate)."""
    from app.domain.validation import Invalid
    from app.services.base import ServiceError

    return (Invalid, ServiceError)
