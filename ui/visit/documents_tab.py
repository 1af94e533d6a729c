"""The Documents tab: the printed programme, personal itineraries, calendar and road lists.

The user chooses the document, its language and (for itineraries and the calendar) whose,
then previews the first page or saves it. Building runs in a ``DocumentWorker`` thread
with a progress bar and Cancel, because 50 itineraries take seconds; a cancelled run
leaves no file. The preview needs ``pdftoppm`` and is simply absent without it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.i18n import DOCUMENT_LANGUAGES, N_, _
from ui.read_only import read_safe
from ui.visit.document_worker import DocumentWorker
from ui.visit.tab_base import VisitTab
from ui.widgets import file_dialogs
from ui.widgets.fields import set_code
from ui.widgets.messages import show_error

if TYPE_CHECKING:
    from ui.context import Context

# The command line's document names, in the order offered, with what the user reads.
DOCUMENT_LABELS: dict[str, str] = {
    "programme": N_("Programme booklet"),
    "delegates": N_("Personal itineraries"),
    "ics": N_("Calendar (iCalendar)"),
    "attendance": N_("Attendance sheets"),
    "rooming": N_("Rooming list"),
    "passengers": N_("Passenger lists"),
    "catering": N_("Catering lists"),
    "summary": N_("Post-visit summary (PDF)"),
    "article": N_("Website article (HTML or Markdown)"),
}
# What can be previewed: the PDFs (a first page drawn by pdftoppm).
NOT_PDF = {"ics", "article"}
# Documents that can be narrowed to one person.
PERSONAL = {"delegates", "ics"}
LANGUAGE_LABELS = {"lv": N_("Latvian"), "en": N_("English"), "nb": N_("Norwegian (bokmål)")}


class DocumentsTab(VisitTab):
    def __init__(self, context: Context, visit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(context, visit_id, parent)
        read_safe(self)  # choosing and writing documents only reads (Release is marked)
        self.visit_code = ""
        self.worker: DocumentWorker | None = None
        self.saved_path: Path | None = None
        self.page = QPixmap()  # the first page at full size; shown scaled to the pane
        self._previews = tempfile.TemporaryDirectory(prefix="studyvisit-preview-")

        form = self._choice_form()
        buttons = self._buttons()

        self.progress = QProgressBar()
        self.progress.setAccessibleName(_("Progress"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image.setAccessibleName(_("First page"))
        self.scroll = scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)

        from ui.visit.sending import SendingBox

        self.sending = SendingBox(context, visit_id, self._start_more)
        controls = QVBoxLayout()
        controls.addLayout(form)
        controls.addLayout(buttons)
        controls.addWidget(self.progress)
        controls.addWidget(self.status)
        controls.addWidget(self.sending)
        controls.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(controls, 1)
        layout.addWidget(scroll, 1)
        self._set_running(False)
        self.open_folder_button.setEnabled(False)
        self.destroyed.connect(self._previews.cleanup)

    def _choice_form(self) -> QFormLayout:
        """Which document, in which language, for whom."""
        self.document = QComboBox()
        for name, label in DOCUMENT_LABELS.items():
            self.document.addItem(_(label), name)
        self.document.currentIndexChanged.connect(self._document_changed)
        self.language = QComboBox()
        for code in DOCUMENT_LANGUAGES:
            self.language.addItem(_(LANGUAGE_LABELS[code]), code)
        self.person = QComboBox()
        self.person.setAccessibleName(_("Whose document"))
        form = QFormLayout()
        form.addRow(_("Docu&ment:"), self.document)
        form.addRow(_("Lan&guage:"), self.language)
        form.addRow(_("P&eople:"), self.person)
        return form

    def _buttons(self) -> QHBoxLayout:
        """Preview, Save…, Cancel (while one is being written) and Open folder."""
        self.preview_button = QPushButton(_("Pre&view"))
        self.preview_button.clicked.connect(self.preview)
        self.save_button = QPushButton(_("&Save…"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(_("&Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.open_folder_button = QPushButton(_("Open &folder"))
        self.open_folder_button.clicked.connect(self.open_folder)
        buttons = QHBoxLayout()
        for button in (
            self.preview_button,
            self.save_button,
            self.cancel_button,
            self.open_folder_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        return buttons

    # --- state shown

    def reload(self) -> None:
        """The visit's code (for file names) and the people taking part, chosen kept."""
        from app.services.people import list_participations

        visit = self.take_visit()
        self.visit_code = visit.code
        if self.language.property("visit_id") != self.visit_id:  # first load only
            self.language.setProperty("visit_id", self.visit_id)
            languages = [
                lang
                for lang in (getattr(visit, "languages", None) or [])
                if lang in DOCUMENT_LANGUAGES
            ]
            if languages:
                set_code(self.language, languages[0])
        chosen = self.person.currentData()
        self.person.clear()
        self.person.addItem(_("Everyone taking part"), None)
        for part in list_participations(self.db, self.visit_id, taking_part=True):
            self.person.addItem(part.person.full_name, str(part.person.id))
        set_code(self.person, chosen)
        self._document_changed()
        self.sending.reload(visit.code)

    def _document_changed(self) -> None:
        self.person.setEnabled(self.document.currentData() in PERSONAL and not self.running)
        self.preview_button.setEnabled(
            self.document.currentData() not in NOT_PDF and not self.running
        )

    @property
    def running(self) -> bool:
        return self.worker is not None

    def _set_running(self, running: bool) -> None:
        for widget in (self.document, self.language, self.save_button):
            widget.setEnabled(not running)
        self.preview_button.setEnabled(not running and self.document.currentData() not in NOT_PDF)
        self.person.setEnabled(not running and self.document.currentData() in PERSONAL)
        self.cancel_button.setEnabled(running)
        self.progress.setVisible(running)
        if hasattr(self, "sending"):
            self.sending.set_running(running)

    def default_file_name(self) -> str:
        from app.documents import default_file_name

        person = self.person.currentText() if self._person() else None
        return default_file_name(
            self.document.currentData(), self.visit_code, self.language.currentData(), person
        )

    def _person(self) -> str | None:
        return self.person.currentData() if self.document.currentData() in PERSONAL else None

    # --- actions

    def save(self) -> None:
        """Ask where, then build there off the UI thread."""
        from PySide6.QtCore import QStandardPaths

        folder = (
            str(self.saved_path.parent)
            if self.saved_path is not None
            else QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        start = str(Path(folder) / self.default_file_name())
        filters = (
            _("Web page (*.html);;Markdown (*.md)")
            if self.document.currentData() == "article"
            else ""
        )
        path, chosen = file_dialogs.get_save_file_name(self, _("Save document"), start, filters)
        if path and self.document.currentData() == "article" and not Path(path).suffix:
            path += ".md" if "*.md" in chosen else ".html"
        if path:
            self._start(path, preview_only=False)

    def preview(self) -> None:
        """Build into a private folder and show the first page; nothing is saved."""
        target = Path(self._previews.name) / self.default_file_name()
        self._start(str(target), preview_only=True)

    def _start_more(self, name: str, path: str, options: dict[str, object]) -> None:
        """A release's change notices, phone pages or letters (``ui.visit.sending``)."""
        self._start(path, preview_only=False, name=name, options=options)

    def _start(
        self,
        path: str,
        *,
        preview_only: bool,
        name: str | None = None,
        options: dict[str, object] | None = None,
    ) -> None:
        if self.running:
            return
        options = dict(options or {})
        lang = options.pop("lang", self.language.currentData())
        worker = DocumentWorker(
            self.db,
            self.visit_id,
            name or self.document.currentData(),
            path,
            lang=lang,  # type: ignore[arg-type]
            person=None if name else self._person(),
            preview_dir=self._previews.name,
            options=options,
        )
        worker.progressed.connect(self._progressed)
        worker.succeeded.connect(
            lambda written, image: self._succeeded(written, image, preview_only=preview_only)
        )
        worker.failed.connect(self._failed)
        worker.cancelled.connect(self._cancelled)
        worker.finished.connect(self._ended)
        self.worker = worker
        self.progress.setRange(0, 0)  # busy until the builder tells how far it is
        self._set_running(True)
        self.status.setText(
            _("Preparing the preview…")
            if preview_only
            else _("Writing {file}…").format(file=Path(path).name)
        )
        worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText(_("Cancelling…"))

    def open_folder(self) -> None:
        if self.saved_path is not None:  # a folder of pages or letters is opened itself
            folder = self.saved_path if self.saved_path.is_dir() else self.saved_path.parent
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # --- what the worker reports (queued to the UI thread)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _succeeded(self, written: str, image: str, *, preview_only: bool) -> None:
        self._show_image(image)
        if preview_only:
            self.status.setText(
                _("Preview of the first page.")
                if image
                else _("No preview: pdftoppm is not installed.")
            )
            return
        self.saved_path = Path(written)
        self.open_folder_button.setEnabled(True)
        said = [_("Saved {path}").format(path=written)]
        if self.worker is not None and self.worker.name == "letters":
            from app.documents.letters import letter_warnings

            said += [f"⚠ {text}" for text in letter_warnings(self.db, self.visit_code)]
        self.status.setText("\n".join(said))

    def _show_image(self, image: str) -> None:
        self.page = QPixmap(image) if image else QPixmap()
        self._fit_page()

    def _fit_page(self) -> None:
        """The page scaled to the pane's width, so the whole width is seen at once."""
        if self.page.isNull():
            self.image.clear()
            return
        width = max(self.scroll.viewport().width() - 24, 200)
        self.image.setPixmap(
            self.page.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_page()

    def _failed(self, message: str) -> None:
        self.status.setText(_("The document could not be made."))
        show_error(self, _("The document could not be made: {problem}").format(problem=message))

    def _cancelled(self) -> None:
        self.status.setText(_("Cancelled; no file was saved."))

    def _ended(self) -> None:
        self.worker = None
        self._set_running(False)
