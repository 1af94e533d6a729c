"""The allowance rate template that cannot be written is told in one sentence, as the
exchange-rate template's is: no "[Errno 2]" and no full path of the file."""

from __future__ import annotations

from ui.context import Context


def test_a_template_into_a_missing_folder_is_said_plainly(
    qtbot, db, tmp_path, warnings_shown
) -> None:
    from ui.dialogs.allowance_rates import AllowanceRatesDialog

    dialog = AllowanceRatesDialog(Context(db))
    qtbot.addWidget(dialog)
    dialog.save_template(str(tmp_path / "no such folder" / "likmes.csv"))
    assert warnings_shown == ["The file likmes.csv could not be written: No such file or directory"]


def test_a_rate_file_saved_as_excels_unicode_text_is_said_plainly(
    qtbot, db, tmp_path, warnings_shown
) -> None:
    """Excel's "Unicode text" is UTF-16: the codec's "can't decode byte 0xff in position 0:
    invalid start byte" was shown as it was."""
    from ui.dialogs.allowance_rates import AllowanceRatesDialog

    path = tmp_path / "likmes.txt"
    path.write_text("country\tdaily\tvalid_from\nNO\t70\t2011-11-01\n", encoding="utf-16")
    dialog = AllowanceRatesDialog(Context(db))
    qtbot.addWidget(dialog)
    dialog.import_csv(str(path))
    assert warnings_shown == ["likmes.txt: not UTF-8 text (byte 0)"]
