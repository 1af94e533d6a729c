"""The visit file (studyvisit/1 JSON) from the window: File → Export visit file… and
File → Import visit file…, through the command line's own operations
(``app.interchange.visit_file``).

An import whose code is already taken asks: replace that visit, import a copy under a
new code, or cancel. Each import is one undo step: a new visit is deleted again (and
restored on redo); a replaced visit gets back what it held, from the file the window
wrote of it just before (sensitive fields included, so nothing is lost).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

from app.i18n import _
from ui.widgets import file_dialogs
from ui.widgets.messages import refused, show_error

if TYPE_CHECKING:
    from ui.context import Context

FILTER = "studyvisit/1 (*.json);;"
# A visit file longer than this (a programme of thousands of items, hundreds of people) is
# imported off the UI thread with progress and Cancel; the demo visits' files are 30–50 000.
BACKGROUND_CHARS = 200_000


def _busy() -> Any:
    """A wait cursor for the short moment a whole visit is read or written."""
    from contextlib import contextmanager

    @contextmanager
    def cursor() -> Any:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()

    return cursor()


def export_visit_file(
    parent: QWidget,
    context: Context,
    code: str,
    target: str | None = None,
    *,
    include_sensitive: bool | None = None,
) -> Path | None:
    """Write the visit ``code`` to a file the user names; the path written, or None."""
    from app.cli import write_text_atomically
    from app.documents import file_stem
    from app.interchange.visit_file import export_visit

    if target is None:
        target, _filter = file_dialogs.get_save_file_name(
            parent, _("Export visit file"), f"{file_stem(code)}.json", FILTER + _("All files (*)")
        )
        if not target:
            return None
    if include_sensitive is None:
        include_sensitive = (
            QMessageBox.question(
                parent,
                _("Export visit file"),
                _(
                    "Include the delegates' dates of birth and ID-document numbers? Choose No for "
                    "a file that leaves this office."
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            == QMessageBox.StandardButton.Yes
        )
    try:
        with _busy():
            text = export_visit(context.db, code, include_sensitive=include_sensitive)
            path = write_text_atomically(target, text, private=True)
    except Exception as problem:  # a missing visit, a full disk: one sentence, no traceback
        show_error(
            parent,
            _("The visit file was not written: {problem}").format(
                problem=getattr(problem, "message", None) or problem
            ),
        )
        return None
    return path


def import_visit_file(
    parent: QWidget, context: Context, source: str | None = None, *, choose: Any = None
) -> int | None:
    """Read a visit file into the database as one undo step; the visit's id, or None.

    ``choose(code)`` answers the question asked when the code is taken: "replace",
    "copy:NEWCODE" or "" (cancel); the window asks the user.
    """
    from app.interchange.visit_file import (
        file_code,
        import_visit,
        read_visit_text,
        shown_warnings,
    )
    from app.services.visits import delete_visit, restore_visit

    if source is None:
        source, _filter = file_dialogs.get_open_file_name(
            parent, _("Import visit file"), "", FILTER + _("All files (*)")
        )
        if not source:
            return None
    db = context.db
    try:
        text = read_visit_text(source)
        code = file_code(text)
    except refused() as problem:
        show_error(parent, f"{Path(source).name}: {problem}")
        return None
    how = _when_taken(parent, context, code, choose)
    if how is None:
        return None
    replace, new_code = how
    name = Path(source).name
    try:
        if replace:
            result = _replace(parent, context, code, text, name)
            if result is None:
                return None
        else:
            result = _import(
                parent,
                name,
                text,
                lambda progress, cancel: import_visit(
                    db, text, new_code=new_code, progress=progress, cancel=cancel
                ),
            )
            if result is None:
                return None
            made = result
            context.create(
                _("Import visit {code}").format(code=new_code or code),
                lambda: _Made(made.visit_id),  # saved already: the step records it
                lambda i: delete_visit(db, i),
                lambda i: restore_visit(db, i),
            )
    except refused() as problem:
        show_error(parent, f"{name}: {problem}")
        return None
    if result.warnings:
        QMessageBox.information(
            parent,
            _("Import visit file"),
            "\n".join(
                [
                    _("Imported visit {code}.").format(code=result.code),
                    *shown_warnings(result.warnings),
                ]
            ),
        )
    return int(result.visit_id)


def _when_taken(
    parent: QWidget, context: Context, code: str, choose: Any
) -> tuple[bool, str | None] | None:
    """How to import a visit whose code may be taken: (False, None) as it is, (True,
    None) replacing the visit of that code, (False, NEWCODE) as a copy; None: cancelled."""
    from app.interchange.visit_file import code_taken

    if not code_taken(context.db, code):
        return False, None
    answer = (choose or _ask)(parent, code)
    if not answer:
        return None
    if answer == "replace":
        return True, None
    return False, answer.removeprefix("copy:")


def _replace(parent: QWidget, context: Context, code: str, text: str, name: str) -> Any:
    """The visit of ``code`` replaced by the file's, one undo step that puts it back; the
    import's result, or None when cancelled or failed (said already)."""
    from app.operations.visits import ReplaceVisit

    with _busy():
        operation = ReplaceVisit(context.db, code, text)  # the visit as it is, for undo
    saved = _import(parent, name, text, lambda progress, cancel: operation.save(progress, cancel))
    if saved is None:
        return None
    return context.run(operation).result


def _import(parent: QWidget, name: str, text: str, job: Any) -> Any:
    """Run the import ``job(progress, cancel)``: a file of more than ``BACKGROUND_CHARS``
    off the UI thread behind a progress bar with Cancel, a smaller one at once. Its result;
    None when cancelled (nothing was saved: said so) or failed (said in one sentence)."""
    if len(text) <= BACKGROUND_CHARS:
        with _busy():
            return job(None, None)
    from ui.widgets.job_dialog import JobDialog

    dialog = JobDialog(
        parent,
        _("Import visit file"),
        _("Importing {file}…").format(file=name),
        job,
        doing="importing a visit file",
    )
    outcome = dialog.run()
    if outcome == "done":
        return dialog.result
    if outcome == "cancelled":
        QMessageBox.information(
            parent,
            _("Import visit file"),
            _("Import cancelled: nothing was saved, the database is as it was."),
        )
    else:
        show_error(parent, f"{name}: {dialog.message}")
    return None


class _Made:
    """What ``Context.create`` needs of a created row: its id."""

    def __init__(self, row_id: int) -> None:
        self.id = row_id


def _ask(parent: QWidget, code: str) -> str:
    """Replace, import a copy under a new code, or cancel."""
    box = QMessageBox(parent)
    box.setWindowTitle(_("Import visit file"))
    box.setText(_("The database already has a visit with the code {code}.").format(code=code))
    box.setInformativeText(
        _(
            "Replace it with the file's visit (Edit → Undo brings it back), "
            "or import the file as a copy under a new code?"
        )
    )
    replace = box.addButton(_("&Replace"), QMessageBox.ButtonRole.DestructiveRole)
    copy = box.addButton(_("Import as a &copy…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(copy)
    box.exec()
    if box.clickedButton() is replace:
        return "replace"
    if box.clickedButton() is copy:
        new_code, ok = QInputDialog.getText(
            parent,
            _("Import as a copy"),
            _("The copy's code:"),
            QLineEdit.EchoMode.Normal,
            f"{code}-2",
        )
        return f"copy:{new_code.strip()}" if ok and new_code.strip() else ""
    return ""
