"""After the visit: the report, lessons, follow-ups and attachments."""

from __future__ import annotations

import pytest

from app.domain.validation import Invalid
from app.services import reports, visits
from app.services.base import Duplicate, NotFound, StaleEdit

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


@pytest.fixture
def visit(db):
    return visits.create_visit(
        db,
        code="POZ",
        title="Poznaņa",
        timezone="Europe/Warsaw",
        start_date="2013-11-13",
        end_date="2013-11-14",
    )


def test_report_round(db, visit):
    report = reports.create_report(
        db, visit.id, summary="Konference <Poznaņā> & 🙂", results=["14 partneri no 11 valstīm"]
    )
    assert reports.report_for_visit(db, visit.id).id == report.id
    with pytest.raises(Duplicate):
        reports.create_report(db, visit.id)
    changed = reports.update_report(db, report.id, report.version, article="# Raksts\n\nTeksts")
    assert changed.article == "# Raksts\n\nTeksts"
    with pytest.raises(StaleEdit):
        reports.update_report(db, report.id, report.version, article="x")
    reports.delete_report(db, report.id)
    assert reports.report_for_visit(db, visit.id) is None
    back = reports.restore_report(db, report.id)
    assert back.id == report.id and back.summary == "Konference <Poznaņā> & 🙂"


def test_report_deleted_then_replaced_then_undone(db, visit):
    """A deleted report stays in the bin (with its lessons) while a new one is made; it
    cannot come back while the new one is live, and can once that one is gone."""
    first = reports.create_report(db, visit.id, summary="first")
    reports.create_lesson(db, first.id, text="old lesson")
    reports.delete_report(db, first.id)
    second = reports.create_report(db, visit.id, summary="second")  # a deleted one gives way
    assert second.summary == "second" and second.lessons == []
    with pytest.raises(Duplicate, match="delete that one before restoring"):
        reports.restore_report(db, first.id)
    reports.delete_report(db, second.id)  # undo "create"
    back = reports.restore_report(db, first.id)
    assert (back.id, [x.text for x in back.lessons]) == (first.id, ["old lesson"])
    assert reports.report_for_visit(db, visit.id).summary == "first"
    with pytest.raises(Duplicate, match="delete that one before restoring"):
        reports.restore_report(db, second.id)


def test_the_database_keeps_one_live_report_per_visit(db, visit):
    """The unique index itself, under the service: a second live row is refused."""
    from sqlalchemy.exc import IntegrityError

    from db.models import Report

    reports.create_report(db, visit.id)
    with pytest.raises(IntegrityError), db.write() as s:
        s.add(Report(visit_id=visit.id))


def test_contacts_gained_in_order_linked_or_not_and_with_the_report(db, visit):
    from app.services import directory

    org = directory.create_organisation(db, name="Miasto Poznań", country="PL")
    joanna = directory.create_contact(db, org.id, name="Joanna Nowicka")
    report = reports.create_report(db, visit.id)
    linked = reports.create_report_contact(
        db, report.id, text="Joanna Nowicka, koordinatore", contact_id=joanna.id
    )
    plain = reports.create_report_contact(db, report.id, text="Marieke <de Vries> & 🙂")
    assert (linked.position, plain.position, plain.contact_id) == (1, 2, None)
    listed = reports.list_report_contacts(db, report.id)
    assert [(x.text, x.contact_id) for x in listed] == [
        ("Joanna Nowicka, koordinatore", joanna.id),
        ("Marieke <de Vries> & 🙂", None),
    ]
    assert listed[0].contact.organisation.name == "Miasto Poznań"
    with pytest.raises(Invalid) as err:
        reports.create_report_contact(db, report.id, text="  ")
    assert err.value.path == "text"
    with pytest.raises(Invalid) as err:
        reports.update_report_contact(db, plain.id, None, contact_id=999)
    assert err.value.path == "contact_id"
    changed = reports.update_report_contact(db, plain.id, plain.version, contact_id=joanna.id)
    assert changed.contact_id == joanna.id
    with pytest.raises(StaleEdit):
        reports.update_report_contact(db, plain.id, plain.version, text="x")
    reports.delete_report_contact(db, linked.id)
    assert [x.id for x in reports.list_report_contacts(db, report.id)] == [plain.id]
    reports.restore_report_contact(db, linked.id)
    reports.delete_report(db, report.id)
    with pytest.raises(NotFound):
        reports.get_report_contact(db, plain.id)
    back = reports.restore_report(db, report.id)
    assert [x.text for x in back.contacts] == [
        "Joanna Nowicka, koordinatore",
        "Marieke <de Vries> & 🙂",
    ]
    directory.delete_contact(db, joanna.id)  # a link made before stays editable
    assert reports.update_report_contact(db, linked.id, None, text="J. N.").text == "J. N."


def test_lessons_follow_ups_and_attachments_go_and_come_with_the_report(db, visit):
    report = reports.create_report(db, visit.id)
    lesson = reports.create_lesson(
        db, report.id, text="Klasteri <darbojas> & 🙂", topics=["klasteri"]
    )
    action = reports.create_follow_up(
        db, report.id, action="Nosūtīt prezentāciju", owner="Anna", due="2013-12-01"
    )
    photo = reports.create_attachment(
        db, report.id, caption="Dalībnieki", mime="image/jpeg", data=JPEG, taken="2013-11-13"
    )
    assert (lesson.position, action.status, photo.data) == (1, "open", JPEG)
    reports.delete_report(db, report.id)
    with pytest.raises(NotFound):
        reports.get_lesson(db, lesson.id)
    back = reports.restore_report(db, report.id)
    assert [x.text for x in back.lessons] == ["Klasteri <darbojas> & 🙂"]
    assert [x.action for x in back.follow_ups] == ["Nosūtīt prezentāciju"]
    assert [x.caption for x in back.attachments] == ["Dalībnieki"]


def test_child_rounds(db, visit):
    report = reports.create_report(db, visit.id)
    first = reports.create_lesson(db, report.id, text="one")
    second = reports.create_lesson(db, report.id, text="two", topics=["a"])
    assert second.position == 2
    changed = reports.update_lesson(db, first.id, first.version, topics=["x", "y"])
    assert changed.topics == ["x", "y"]
    reports.delete_lesson(db, first.id)
    assert [x.text for x in reports.list_lessons(db, report.id)] == ["two"]
    reports.restore_lesson(db, first.id)
    assert [x.text for x in reports.list_lessons(db, report.id)] == ["one", "two"]

    action = reports.create_follow_up(db, report.id, action="Call KS")
    done = reports.update_follow_up(db, action.id, action.version, status="done")
    assert done.status == "done"
    with pytest.raises(StaleEdit):
        reports.update_follow_up(db, action.id, action.version, status="dropped")
    reports.delete_follow_up(db, action.id)
    assert reports.list_follow_ups(db, report.id) == []
    assert reports.restore_follow_up(db, action.id).status == "done"

    doc = reports.create_attachment(
        db,
        report.id,
        kind="file",
        mime="application/pdf",
        filename="programma.pdf",
        data=b"%PDF-1.4",
    )
    renamed = reports.update_attachment(db, doc.id, doc.version, caption="Programma")
    assert renamed.caption == "Programma"
    reports.delete_attachment(db, doc.id)
    assert reports.list_attachments(db, report.id) == []
    assert reports.restore_attachment(db, doc.id).filename == "programma.pdf"


def test_report_field_rules(db, visit):
    report = reports.create_report(db, visit.id)
    with pytest.raises(Invalid) as err:
        reports.create_lesson(db, report.id, text=" ")
    assert err.value.path == "text"
    with pytest.raises(Invalid) as err:
        reports.create_follow_up(db, report.id, action="x", status="later")
    assert err.value.path == "status"
    with pytest.raises(Invalid) as err:
        reports.create_follow_up(db, report.id, action="x", due="01.12.2013")
    assert err.value.path == "due"
    with pytest.raises(Invalid) as err:
        reports.create_attachment(db, report.id, mime="application/pdf", data=b"%PDF")
    assert err.value.path == "mime" and "photo" in err.value.message
    with pytest.raises(Invalid) as err:
        reports.create_attachment(db, report.id, mime="image/jpeg", data=b"")
    assert err.value.path == "data"
    with pytest.raises(Invalid) as err:
        reports.update_report(db, report.id, None, results=["ok", ""])
    assert err.value.path == "results[1]"
    long_text = "x" * 100_001
    with pytest.raises(Invalid) as err:
        reports.update_report(db, report.id, None, article=long_text)
    assert err.value.path == "article" and "100001" in err.value.message.replace(",", "")
    assert reports.list_lessons(db, report.id) == []


def test_lesson_topics_typed_in_latvian_split_on_commas_and_semicolons(db, visit):
    """ "inovācijas; pudurs" was stored as one topic: a Latvian user separates a list with
    semicolons as often as commas. Both separate; blanks around and empty parts go; the
    archive's topic filter then offers and finds each topic on its own."""
    from app.services.archive import Filters, facets, search

    typed = " inovācijas; pudurs ,  sadarbība;; , "
    assert reports.lesson_topics(typed) == ["inovācijas", "pudurs", "sadarbība"]
    assert reports.lesson_topics(" ;, ") == []
    report = reports.create_report(db, visit.id)
    lesson = reports.create_lesson(db, report.id, text="Klasteri darbojas", topics=typed)
    assert lesson.topics == ["inovācijas", "pudurs", "sadarbība"]
    changed = reports.update_lesson(db, lesson.id, lesson.version, topics="Ēdināšana;Rīga")
    assert changed.topics == ["Ēdināšana", "Rīga"]
    assert reports.update_lesson(db, lesson.id, changed.version, topics=" ; ").topics is None
    reports.update_lesson(db, lesson.id, changed.version + 1, topics="inovācijas; pudurs")
    assert {"inovācijas", "pudurs"} <= set(facets(db).topics)
    assert "inovācijas; pudurs" not in facets(db).topics
    assert [h.code for h in search(db, "", Filters(topic="pudurs"))] == ["POZ"]
