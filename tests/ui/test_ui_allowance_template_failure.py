"""The allowance rate template that cannot be written is told in one sentence, as the
exchange-rate template's is: no "[Errno 2]" and no full path of the file."""

from __future__ import annotations

from ui.context import Context


def test_a_template_into_a_missing_folder_is_said_plainly(qtbot, db, tmp_path,
                                                          warnings_shown) -> None:
    from ui.dialogs.allowance_rates import AllowanceRatesDialog

    dialog = AllowanceRatesDialog(Context(db))
    qtbot.addWidget(dialog)
    dialog.save_template(str(tmp_path / "no such folder" / "likmes.csv"))
    assert warnings_shown == [
        "The file likmes.csv could not be written: No such file or directory"]
