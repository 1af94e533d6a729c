"""The report's photos as thumbnails: add from a file, change caption and date, delete.

A photo is stored small inside the database (``app.services.photos``), so adding a camera's
large JPEG takes a moment of scaling: the wait cursor says so. Decoding every stored photo
into a thumbnail on each reload would make every keystroke's save slow on a tab with a dozen
photos, so the thumbnails are kept per photo (a photo's bytes never change once stored;
only its caption and date do). Each edit is one undo step; deleting asks first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QIcon,
    QPixmap,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QApplication,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, format_date
from ui.widgets import file_dialogs
from ui.widgets.binding import date_field, line_field
from ui.widgets.fields import date_edit, describe
from ui.widgets.messages import confirm_delete, refused
from ui.widgets.views import edit_keys

if TYPE_CHECKING:
    from ui.context import Context

ROW_ID = Qt.ItemDataRole.UserRole
GRID = QSize(150, 170)  # a 128-pixel thumbnail and two lines of caption under it
CAPTION_WIDTH = GRID.width() - 12


def caption_lines(text: str, font: QFont, width: int = CAPTION_WIDTH, lines: int = 2) -> str:
    """The caption in at most ``lines`` lines of ``width``, the last one ending in "…" when
    the caption is longer (the whole caption is in the tooltip). Qt's icon view would cut
    a third line off mid-word with no sign that anything is missing."""
    layout = QTextLayout(text, font)
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(wrap)
    layout.beginLayout()
    starts: list[int] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) <= lines:
        return text
    shown = [text[starts[i] : starts[i + 1]].strip() for i in range(lines - 1)]
    rest = text[starts[lines - 1] :].strip()
    shown.append(QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return "\n".join(shown)


class PhotosBox(QGroupBox):
    """The visit's photos; the tab hands it the report's attachments on every reload."""

    def __init__(
        self,
        context: Context,
        visit_id: int,
        on_problem: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setFlat(True)
        self.context = context
        self.visit_id = visit_id
        self.on_problem = on_problem
        self.shown: dict[int, Any] = {}  # id -> the attachment as last read
        self._icons: dict[tuple[int, int], QIcon] = {}
        self.photos = QListWidget()
        self.photos.setAccessibleName(_("Photos"))
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(QSize(128, 128))
        self.photos.setGridSize(GRID)
        self.photos.setResizeMode(QListView.ResizeMode.Adjust)
        self.photos.setMovement(QListView.Movement.Static)
        self.photos.setWordWrap(True)
        self.photos.currentItemChanged.connect(lambda *_a: self._chosen())
        edit_keys(self.photos, self.edit_photo, self.delete_photo)
        self.caption = QLineEdit()
        self.caption.setAccessibleName(_("Caption of the next photo"))
        self.caption.setPlaceholderText(_("Caption of the next photo"))
        self.add_button = QPushButton(_("Add &photo…"))
        self.add_button.clicked.connect(lambda: self.add_photo())
        self.edit_button = QPushButton(_("Caption and date…"))
        self.edit_button.clicked.connect(self.edit_photo)
        self.delete_button = QPushButton(_("Delete photo"))
        self.delete_button.clicked.connect(self.delete_photo)
        row = QHBoxLayout()
        row.addWidget(self.caption, 1)
        row.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.photos, 1)
        layout.addLayout(row)
        layout.addLayout(buttons)
        self._chosen()

    @property
    def db(self) -> Any:
        return self.context.db

    # --- reading

    def show_photos(self, attachments: Sequence[Any]) -> None:
        """Show the report's photos (other attachments are not photos), keeping the choice."""
        current = self.current_id()
        self.photos.clear()
        self.shown.clear()
        for photo in attachments:
            if photo.kind != "photo":
                continue
            self.shown[photo.id] = photo
            caption = caption_lines(photo.caption or photo.filename or "", self.photos.font())
            entry = QListWidgetItem(self._icon(photo), caption)
            entry.setData(ROW_ID, photo.id)
            entry.setToolTip(self._describe(photo))
            self.photos.addItem(entry)
            if photo.id == current:
                self.photos.setCurrentItem(entry)
        self._chosen()

    def _icon(self, photo: Any) -> QIcon:
        from app.services.photos import thumbnail

        key = (photo.id, len(photo.data))
        icon = self._icons.get(key)
        if icon is None:
            pixmap = QPixmap()
            pixmap.loadFromData(thumbnail(photo.data))
            icon = self._icons[key] = QIcon(pixmap)
        return icon

    @staticmethod
    def _describe(photo: Any) -> str:
        lines = [photo.caption or _("(no caption)")]
        if photo.taken:
            lines.append(_("Taken {date}").format(date=format_date(photo.taken)))
        if photo.filename:
            lines.append(photo.filename)
        return "\n".join(lines)

    def current_id(self) -> int | None:
        entry = self.photos.currentItem()
        return int(entry.data(ROW_ID)) if entry is not None else None

    def _chosen(self) -> None:
        chosen = self.current_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # --- writing

    def _try(self, work: Callable[[], Any]) -> bool:
        try:
            work()
        except refused() as problem:
            self.on_problem(describe(problem, {"caption": _("Caption"), "taken": _("Taken")}))
            return False
        self.on_problem("")
        return True

    def add_photo(self, path: str | None = None) -> None:
        """A photo from a file (made small when stored), with the caption typed beside it."""
        from app.services.photos import attach_photo
        from app.services.reports import delete_attachment, restore_attachment

        if path is None:
            path, _filter = file_dialogs.get_open_file_name(
                self, _("Add photo"), "", _("Photos (*.jpg *.jpeg *.png)")
            )
        if not path:
            return
        caption = self.caption.text().strip() or None
        chosen, db = path, self.db
        # a camera's photo is read, turned and scaled: a second or so
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            added = self._try(
                lambda: self.context.create(
                    _("Add photo"),
                    lambda: attach_photo(db, self.visit_id, chosen, caption=caption),
                    lambda i: delete_attachment(db, i),
                    lambda i: restore_attachment(db, i),
                )
            )
        finally:
            QApplication.restoreOverrideCursor()
        if added:
            self.caption.clear()

    def edit_photo(self) -> None:
        """Caption and the date it was taken, in a small dialog; one undo step."""
        from app.services.reports import update_attachment
        from ui.dialogs.form_dialog import FormDialog

        photo_id = self.current_id()
        photo = self.shown.get(photo_id) if photo_id is not None else None
        if photo is None:
            return
        caption = QLineEdit()
        caption.setAccessibleName(_("Caption"))
        taken = date_edit(optional=True)
        taken.setAccessibleName(_("Taken"))
        fields = {
            "caption": line_field(caption, _("Caption")),
            "taken": date_field(taken, _("Taken")),
        }
        before = {"caption": photo.caption, "taken": photo.taken}
        db = self.db

        def submit(after: dict[str, Any]) -> None:
            self.context.update_row(
                _("Change photo"),
                lambda seen, changes: update_attachment(db, photo.id, seen, **changes),
                photo.version,
                before,
                after,
            )

        FormDialog(_("Photo"), fields, before, submit, self).exec()

    def delete_photo(self) -> None:
        from app.services.reports import delete_attachment, restore_attachment

        photo_id = self.current_id()
        photo = self.shown.get(photo_id) if photo_id is not None else None
        if photo is None:
            return
        name = photo.caption or photo.filename or _("without a caption")
        if not confirm_delete(self, _("the photo “{name}”").format(name=name)):
            return
        db = self.db
        self._try(
            lambda: self.context.delete(
                _("Delete photo"),
                lambda: delete_attachment(db, photo.id),
                lambda: restore_attachment(db, photo.id),
            )
        )
