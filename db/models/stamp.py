"""The table of each visit's change stamp (``db.change_stamps`` says what moves them)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Integer, Table

from db.models.base import Base

# No foreign key: triggers keep it (a row is made with its visit and dropped with it).
visit_stamp = Table(
    "visit_stamp",
    Base.metadata,
    Column("visit_id", Integer, primary_key=True, autoincrement=False),
    Column("stamp", BigInteger, nullable=False),
)
