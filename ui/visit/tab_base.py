"""What every workspace tab shares: it reloads after a change only when it is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from app.records import Database
    from ui.context import Context


class VisitTab(QWidget):
    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.visit_id = visit_id
        self.stale = True
        self.fresh_visit: Any = None  # the visit as the workspace just read it

    def take_visit(self) -> Any:
        """The visit the workspace read for this reload (once), else read it now."""
        visit, self.fresh_visit = self.fresh_visit, None
        if visit is None:
            from app.services.visits import get_visit

            visit = get_visit(self.db, self.visit_id)
        return visit

    def reload(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def mark_stale(self, *, visible: bool) -> None:
        self.stale = True
        if visible:
            self.reload_if_stale()

    def reload_if_stale(self) -> None:
        if self.stale:
            self.stale = False
            self.reload()

    @property
    def db(self) -> Database:
        return self.context.db


# A part of a large tab kept in a module of its own (the Budget tab's lines, rates,
# sources, documents): a plain mixin at run time, a widget for the type checker (it calls
# the tab's widget methods: message boxes take it as their parent).
if TYPE_CHECKING:
    TabPart = QWidget
else:
    TabPart = object
