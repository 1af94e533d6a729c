"""Projects: the funding frame with a unique code and an optional logo."""

from __future__ import annotations

import pytest

from app.domain.validation import Invalid
from app.services import projects, visits
from app.services.base import Duplicate, StaleEdit

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_project_round(db):
    project = projects.create_project(
        db,
        code="4.3-24/NFI/INP-002",
        title="Pašvaldību sadarbība",
        funder="EEA Grants",
        period_start="2021-01-01",
        period_end="2024-04-30",
        grant_rate="85.00",
        acknowledgement="Projekts tiek īstenots ar <EEZ> & Norvēģijas finansējumu 🙂",
        logo=PNG,
        logo_mime="image/png",
    )
    assert str(project.grant_rate) == "85.00" and project.logo == PNG
    changed = projects.update_project(db, project.id, project.version, programme="LV07")
    assert changed.programme == "LV07"
    with pytest.raises(StaleEdit):
        projects.update_project(db, project.id, project.version, programme="x")
    assert projects.find_project(db, "4.3-24/NFI/INP-002").id == project.id
    projects.delete_project(db, project.id)
    assert projects.list_projects(db) == [] and projects.find_project(db, project.code) is None
    back = projects.restore_project(db, project.id)
    assert back.uuid == project.uuid
    assert back.acknowledgement == "Projekts tiek īstenots ar <EEZ> & Norvēģijas finansējumu 🙂"


def test_project_rules(db):
    projects.create_project(db, code="P-1")
    with pytest.raises(Duplicate, match="P-1"):
        projects.create_project(db, code="P-1")
    with pytest.raises(Invalid) as err:
        projects.create_project(db, code="P-2", period_start="2024-01-01", period_end="2023-12-31")
    assert err.value.path == "period_end"
    with pytest.raises(Invalid) as err:
        projects.create_project(db, code="P-2", grant_rate="150")
    assert err.value.path == "grant_rate"
    with pytest.raises(Invalid) as err:
        projects.create_project(db, code="P-2", logo=b"GIF89a", logo_mime="image/png")
    assert err.value.path == "logo"
    assert [p.code for p in projects.list_projects(db)] == ["P-1"]


def test_visit_links_to_a_live_project(db):
    project = projects.create_project(db, code="P-1")
    visit = visits.create_visit(
        db,
        code="V",
        title="T",
        timezone="Europe/Riga",
        start_date="2024-02-11",
        end_date="2024-02-11",
        project_id=project.id,
    )
    assert visits.get_visit(db, visit.id).project.code == "P-1"
    projects.delete_project(db, project.id)
    with pytest.raises(Invalid) as err:
        visits.create_visit(
            db,
            code="W",
            title="T",
            timezone="Europe/Riga",
            start_date="2024-02-11",
            end_date="2024-02-11",
            project_id=project.id,
        )
    assert err.value.path == "project_id"
