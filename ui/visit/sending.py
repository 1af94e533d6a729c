"""The Documents tab's "Send and follow up" box: releases, change notices, phone pages,
letters to hosts.

What a coordinator does around the printed documents: freeze the version that was sent
(a numbered release), later send each delegate and host what changed since it, give each
delegate their itinerary as an offline page for the phone, and write to the hosts (a
meeting request before the visit, thanks after it). Each calls the same app/ operation as
its command (``programme release``, ``export changes|phone|letters``); the documents are
built by the tab's ``DocumentWorker``, off the UI thread, with progress and Cancel.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QInputDialog,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.i18n import _
from ui.read_only import writes

if TYPE_CHECKING:
    from ui.context import Context

# (what the worker builds, its options, a folder or a file) → started by the tab.
Start = Callable[[str, str, dict[str, Any]], None]


class SendingBox(QGroupBox):
    def __init__(
        self, context: Context, visit_id: int, start: Start, parent: QWidget | None = None
    ) -> None:
        super().__init__(_("Send and follow up"), parent)
        self.context = context
        self.visit_id = visit_id
        self._start = start
        self.releases = QLabel()
        self.releases.setWordWrap(True)
        self.release_button = QPushButton(_("Re&lease this version…"))
        writes(self.release_button)  # in the Documents tab, which otherwise only reads
        self.release_button.setToolTip(
            _(
                "Freeze the programme, logistics and participants "
                "as they are now, as the version you send"
            )
        )
        self.release_button.clicked.connect(self.release)
        self.since = QSpinBox()
        self.since.setMinimum(1)
        self.since.setAccessibleName(_("Since version"))
        self.changes_button = QPushButton(_("What c&hanged since version…"))
        self.changes_button.clicked.connect(self.changes)
        self.phone_button = QPushButton(_("Pho&ne pages…"))
        self.phone_button.setToolTip(
            _("One offline web page per person taking part, for their phone")
        )
        self.phone_button.clicked.connect(self.phone)
        self.letter_kind = QComboBox()
        self.letter_kind.addItem(_("Meeting requests"), "request")
        self.letter_kind.addItem(_("Thank-you letters"), "thanks")
        self.letter_kind.setAccessibleName(_("Which letters"))
        self.letters_button = QPushButton(_("Le&tters to hosts…"))
        self.letters_button.clicked.connect(self.letters)
        grid = QGridLayout(self)
        grid.addWidget(self.releases, 0, 0, 1, 2)
        grid.addWidget(self.release_button, 1, 0, 1, 2)
        grid.addWidget(self.since, 2, 0)
        grid.addWidget(self.changes_button, 2, 1)
        grid.addWidget(self.letter_kind, 3, 0)
        grid.addWidget(self.letters_button, 3, 1)
        grid.addWidget(self.phone_button, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)

    def reload(self, code: str) -> None:
        from app.services.releases import releases

        self.code = code
        made = releases(self.context.db, code)
        if made:
            last = made[-1]
            self.releases.setText(
                _("Last released version: {number} ({note}).").format(
                    number=last.number, note=last.note or "—"
                )
            )
        else:
            self.releases.setText(_("No version has been released yet."))
        self.since.setMaximum(max(len(made), 1))
        self.since.setValue(max(len(made), 1))
        self.changes_button.setEnabled(bool(made))
        self.since.setEnabled(bool(made))

    def set_running(self, running: bool) -> None:
        for widget in (self.release_button, self.phone_button, self.letters_button):
            widget.setEnabled(not running)
        self.changes_button.setEnabled(not running and self.since.isEnabled())

    # --- actions

    def release(self) -> None:
        from app.services.releases import release
        from ui.widgets.messages import refused

        note, ok = QInputDialog.getText(
            self,
            _("Release this version"),
            _("What is this version? (for example: sent to the hosts)"),
        )
        if not ok:
            return
        try:
            made = release(self.context.db, self.code, note)
        except refused() as problem:
            self.context.report(problem)
            return
        self.reload(self.code)
        self.releases.setText(_("Version {number} released.").format(number=made.number))

    def changes(self) -> None:
        from app.documents import file_stem
        from ui.widgets import file_dialogs

        since = self.since.value()
        start = str(Path.home() / f"{file_stem(self.code)}-changes-since-{since}.pdf")
        path, _filter = file_dialogs.get_save_file_name(self, _("Save change notices"), start)
        if path:
            self._start("changes", path, {"since": since, "lang": None})

    def phone(self) -> None:
        folder = self._folder(_("Folder for the phone pages"))
        if folder:
            self._start("phone", folder, {})

    def letters(self) -> None:
        folder = self._folder(_("Folder for the letters"))
        if folder:
            self._start("letters", folder, {"kind": self.letter_kind.currentData(), "lang": None})

    def _folder(self, title: str) -> str:
        from ui.widgets import file_dialogs

        return file_dialogs.get_existing_directory(self, title, str(Path.home()))
