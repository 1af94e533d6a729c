"""Upgrading to 0010 binds the daily-allowance lines made before the binding to the
participant their description names, so a surname corrected after the upgrade no longer
turns a paid advance into a "group payment" spread over colleagues."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import select

from app.storage import open_database
from db.schema import HEAD, sqlite_revision
from tests.migrations.test_mig_allowance_days import NOW, migrate_to, old_visit_with_a_traveller


def add_person(run, person_id: int, given: str, family: str) -> None:  # type: ignore[no-untyped-def]
    run(
        "INSERT INTO person (id, given_name, family_name, version, created_at, updated_at, "
        f"uuid) VALUES ({person_id}, '{given}', '{family}', 1, '{NOW}', '{NOW}', "
        f"'00000000-0000-4000-8000-0000000005{person_id:02d}')"
    )
    run(
        "INSERT INTO participation (visit_id, person_id, role, status, version, created_at, "
        f"updated_at) VALUES (1, {person_id}, 'delegate', 'confirmed', 1, '{NOW}', '{NOW}')"
    )


def add_line(run, line_id: int, description: str, paid: int | None) -> None:  # type: ignore[no-untyped-def]
    run(
        "INSERT INTO budget_line (id, visit_id, position, category, description, eligible, "
        "quantity, unit, unit_price, currency, actual_minor, actual_paid, version, created_at, "
        f"updated_at, uuid) VALUES ({line_id}, 1, {line_id}, 'daily_allowance', "
        f"'{description}', 1, '4', 'day', '70.00', 'EUR', {paid or 'NULL'}, 0, 1, '{NOW}', "
        f"'{NOW}', '00000000-0000-4000-8000-0000000001{line_id:02d}')"
    )


def test_upgrade_binds_the_lines_by_name_then_a_rename_keeps_the_payment(tmp_path: Path):
    from app.services.allowances import allowance_plan, write_allowance_lines
    from app.services.people import update_person
    from db.models import BudgetLine

    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    migrate_to(url, "0009")
    con = sqlite3.connect(path)
    old_visit_with_a_traveller(con.execute)  # Gints Kalniņš, person 1
    add_person(con.execute, 2, "Liene", "Ozola")
    add_person(con.execute, 3, "Liene", "Ozola-Kalniņa")
    add_person(con.execute, 4, "Anna", "Bērziņa")
    add_person(con.execute, 5, "Anna", "Bērziņa")
    add_line(con.execute, 1, "Daily allowance: Gints Kalniņš, 4 × €70.00", 28000)
    add_line(con.execute, 2, "Daily allowance: Liene Ozola-Kalniņa, 4 × €70.00", None)
    add_line(con.execute, 3, "Daily allowance: Liene Ozola, 4 × €70.00", None)
    add_line(con.execute, 4, "Daily allowance: Anna Bērziņa, 4 × €70.00", None)
    add_line(con.execute, 5, "Ceļa izdevumi grupai", None)
    con.commit()
    con.close()
    database = open_database(url)
    try:
        assert sqlite_revision(path) == HEAD
        with database.read() as session:
            bound = dict(session.execute(select(BudgetLine.id, BudgetLine.person_id)).all())
        assert bound == {1: 1, 2: 3, 3: 2, 4: None, 5: None}  # namesakes: nobody's
        update_person(database, 1, None, family_name="Kalniņš-Liepa")
        result = write_allowance_lines(database, allowance_plan(database, "OLD"))
        assert result.spread == 0
        with database.read() as session:
            paid = session.execute(
                select(BudgetLine.person_id, BudgetLine.description, BudgetLine.actual_minor).where(
                    BudgetLine.actual_minor.is_not(None), BudgetLine.deleted_at.is_(None)
                )
            ).all()
        assert [tuple(row) for row in paid] == [
            (1, "Daily allowance: Gints Kalniņš-Liepa, 4 × €70.00", 28000)
        ]
    finally:
        database.dispose()
