"""Writing the budget PDF or spreadsheet off the UI thread, with progress and Cancel.

A visit with thousands of lines takes seconds to print; the window must not freeze. This
reuses ``DocumentWorker`` (its thread bookkeeping and the garbage-collector hold described
there: a collection in the worker thread could free a widget and crash the program) and
only replaces what it runs: the budget writers of ``app.documents``.

Those writers have no cancel check inside, so the work runs in steps (read the budget,
work out the allowances, write the file) and Cancel is honoured between them. The file is
written under a temporary name beside the target and only put in place when the run was
not cancelled: a cancelled or failed run leaves no file, and an older file of the same
name stays as it was.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton

from app.i18n import _, current_language
from ui.visit.document_worker import DocumentWorker
from ui.visit.tab_base import TabPart
from ui.widgets import file_dialogs
from ui.widgets.messages import show_error

if TYPE_CHECKING:
    from app.records import Database
    from app.services.budget_report import VisitBudget

STEPS = 3  # budget read, allowances worked out, file written


class BudgetExportWorker(DocumentWorker):
    """``kind`` is ``"pdf"`` or ``"xlsx"``; ``succeeded`` carries the path written."""

    def __init__(self, db: Any, visit_id: int, kind: str, out_path: str, *, lang: str) -> None:
        super().__init__(db, visit_id, kind, out_path, lang=lang, person=None, preview_dir=None)
        self.kind = kind

    def run(self) -> None:
        target = Path(self.out_path)
        part = target.with_name(f".{target.stem}.part{target.suffix}")
        try:
            written = self._write(target, part)
        except OSError as problem:  # the user's file named, not the temporary one
            from app.failures import write_failure

            self.failed.emit(write_failure(problem, target))
            return
        except Exception as problem:  # told to the user in a sentence, never a traceback
            from app.failures import user_message

            self.failed.emit(user_message(problem, doing="exporting the budget"))
            return
        finally:
            part.unlink(missing_ok=True)
        if written is None:
            self.cancelled.emit()
        else:
            self.succeeded.emit(str(written), "")

    def _write(self, target: Path, part: Path) -> Path | None:
        """The file put in place, or None when cancelled (nothing left behind)."""
        from app.services.allowances import allowance_plan
        from app.services.budget_report import visit_budget

        self.progressed.emit(0, STEPS)
        budget = visit_budget(self.db, self.visit_id)
        if self.cancel_requested:
            return None
        self.progressed.emit(1, STEPS)
        plan = allowance_plan(self.db, self.visit_id)
        if self.cancel_requested:
            return None
        self.progressed.emit(2, STEPS)
        lang = self.lang or "lv"
        if self.kind == "pdf":
            from app.documents.budget_pdf import write_budget_pdf

            write_budget_pdf(budget, part, lang, allowances=plan)
        else:
            from app.documents.budget_xlsx import write_budget_xlsx

            write_budget_xlsx(budget, part, lang, allowances=plan)
        if self.cancel_requested:
            return None
        os.replace(part, target)
        self.progressed.emit(STEPS, STEPS)
        return target


class BudgetExporting(TabPart):
    """The Budget tab's PDF and spreadsheet buttons, progress bar and Cancel (mixed into
    ``BudgetTab``, which holds the attributes named here)."""

    db: Database
    visit_id: int
    budget: VisitBudget | None
    worker: BudgetExportWorker | None
    pdf_button: QPushButton
    xlsx_button: QPushButton
    cancel_button: QPushButton
    progress: QProgressBar
    status: QLabel

    def export(self, kind: str, path: str | None = None) -> None:
        """The budget PDF or spreadsheet for finance staff, in the interface language,
        written by a worker thread: the window stays usable and Cancel leaves no file."""
        if self.budget is None or self.exporting:
            return
        if path is None:
            pattern = _("PDF files (*.pdf)") if kind == "pdf" else _("Spreadsheets (*.xlsx)")
            from app.documents import file_stem

            path, _filter = file_dialogs.get_save_file_name(
                self, _("Export budget"), f"{file_stem(self.budget.code)}-budget.{kind}", pattern
            )
            if not path:
                return
        worker = BudgetExportWorker(self.db, self.visit_id, kind, path, lang=current_language())
        worker.progressed.connect(self._progressed)
        worker.succeeded.connect(self._exported)
        worker.failed.connect(self._export_failed)
        worker.cancelled.connect(self._export_cancelled)
        worker.finished.connect(self._export_ended)
        self.worker = worker
        self.progress.setRange(0, 0)  # busy until the worker says how far it is
        self._set_exporting(True)
        self.status.setText(_("Writing {file}…").format(file=Path(path).name))
        worker.start()

    @property
    def exporting(self) -> bool:
        return self.worker is not None

    def cancel_export(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText(_("Cancelling…"))

    def _set_exporting(self, running: bool) -> None:
        self.pdf_button.setEnabled(not running)
        self.xlsx_button.setEnabled(not running)
        self.cancel_button.setVisible(running)
        self.progress.setVisible(running)

    # --- what the worker reports (queued to the UI thread)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _exported(self, written: str, _image: str) -> None:
        self.status.setText(_("Saved {path}").format(path=written))
        self.status.setToolTip(written)

    def _export_failed(self, message: str) -> None:
        self.status.setText(_("The document could not be made."))
        show_error(self, _("The document could not be made: {problem}").format(problem=message))

    def _export_cancelled(self) -> None:
        self.status.setText(_("Cancelled; no file was saved."))

    def _export_ended(self) -> None:
        self.worker = None
        self._set_exporting(False)
