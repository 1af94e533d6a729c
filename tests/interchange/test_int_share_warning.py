"""An imported budget whose lines do not match its sources' shares is warned about, each
line counted for its sources by its percents, in the reader's own numbers (Latvian
"7,8 %", not "7.8 %")."""

from __future__ import annotations

import json
from pathlib import Path

from app.i18n import set_language
from app.interchange.importer import import_visit
from tests.journeys.finance_project import write_files


def _poland_with_own_shares(tmp_path: Path, own: str) -> str:
    body = json.loads(write_files(tmp_path)["poland"].read_text(encoding="utf-8"))
    for line in body["budget"]["lines"]:
        grant = str(100 - int(own))
        line["shares"] = [
            {"funding": "grant", "percent": grant},
            {"funding": "own", "percent": own},
        ]
    return json.dumps(body, ensure_ascii=False)


def test_lines_shared_as_the_sources_say_warn_nothing(db, tmp_path: Path) -> None:
    assert import_visit(db, _poland_with_own_shares(tmp_path, "15")).warnings == []


def test_lines_off_their_sources_shares_are_named_with_latvian_decimals(db, tmp_path) -> None:
    set_language("lv")
    warnings = import_visit(db, _poland_with_own_shares(tmp_path, "40")).warnings
    assert warnings == [
        "budget.funding_sources[0]: avots «EEZ un Norvēģijas granti»: paredzētā daļa 85 %, "
        "bet tā pozīcijas veido 60,0 %",
        "budget.funding_sources[1]: avots «KPR pašu līdzekļi»: paredzētā daļa 15 %, "
        "bet tā pozīcijas veido 40,0 %",
    ]
