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
from typing import Any

from app.i18n import _
from ui.visit.document_worker import DocumentWorker

STEPS = 3  # budget read, allowances worked out, file written


class BudgetExportWorker(DocumentWorker):
    """``kind`` is ``"pdf"`` or ``"xlsx"``; ``succeeded`` carries the path written."""

    def __init__(self, db: Any, visit_id: int, kind: str, out_path: str, *,
                 lang: str) -> None:
        super().__init__(db, visit_id, kind, out_path, lang=lang, person=None,
                         preview_dir=None)
        self.kind = kind

    def run(self) -> None:
        target = Path(self.out_path)
        part = target.with_name(f".{target.stem}.part{target.suffix}")
        try:
            written = self._write(target, part)
        except OSError as problem:  # the user's file named, not the temporary one
            self.failed.emit(_("{file}: cannot write the file ({reason})").format(
                file=target, reason=problem.strerror or problem))
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
