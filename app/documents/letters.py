"""Letters to hosts: a meeting request before the visit, a thank-you letter after it.

Protocol offices and host cities expect a written request and a written thanks. The program
holds everything such a letter says, so it drafts one per host institution of the
programme: the request names the meetings asked for (date, local time, subject), the
purpose and topics, the delegation with positions, interpretation, when the delegation
arrives and whom to answer; the thanks quotes the outcome the coordinator recorded for the
meetings with that host. Each letter is written in the host's language (English, or
bokmål for a Norwegian host) with a Latvian copy for the file, as an editable DOCX (what
these offices edit, print on letterhead and sign) and as a PDF.

The words of a letter are made once (``letter_blocks``) and laid out twice, by python-docx
and by ReportLab, so the DOCX and the PDF always say the same.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from app.documents import file_stem
from app.documents.data import ItemDoc, Org, PersonDoc, VisitDoc, load_visit, person_order
from app.documents.words import (
    date_phrase,
    date_range,
    day_heading,
    day_in_sentence,
    role_label,
    time_text,
    tr,
)

KINDS = ("request", "thanks")
Kind = Literal["request", "thanks"]
# A block of a letter: (what it is, its text). "to" and "sign" lines keep their breaks.
Block = tuple[str, str]


@dataclass(frozen=True)
class HostLetter:
    """What one host's letter is about."""

    host: Org
    meetings: tuple[ItemDoc, ...]
    outcomes: tuple[str, ...]  # recorded after the visit, for the thanks


def host_language(country: str | None, asked: str | None) -> str:
    """A host's language: the one asked for (en or nb), else bokmål for a Norwegian host,
    else English. Letters and change notices both follow it."""
    if asked in ("en", "nb"):
        return asked
    return "nb" if country == "NO" else "en"


def hosts_of(visit: VisitDoc, outcomes: dict[str, str]) -> list[HostLetter]:
    """Each host institution of the programme with its meetings, in programme order."""
    order: dict[Org, list[ItemDoc]] = {}
    for item in visit.items:
        if item.host is not None:
            order.setdefault(item.host, []).append(item)
    return [
        HostLetter(host, tuple(items), tuple(outcomes[i.key] for i in items if outcomes.get(i.key)))
        for host, items in order.items()
    ]


def _arrival(visit: VisitDoc, before: ItemDoc) -> Any:
    """The delegation's last journey arriving in the host's zone before the first meeting."""
    legs = [
        leg
        for leg in visit.legs
        if leg.to_timezone == before.timezone and leg.arrives <= before.starts
    ]
    return max(legs, key=lambda leg: leg.arrives, default=None)


def _signatory(visit: VisitDoc) -> PersonDoc | None:
    head = [p for p in visit.people if p.role == "head"]
    return head[0] if head else visit.coordinator


def letter_warnings(db: Any, visit_ref: str | int) -> list[str]:
    """What the coordinator should know before the letters go out, in their own language:
    with no head of the delegation and no coordinator the letters end "Yours sincerely,"
    signed by nobody, and nothing said so."""
    from app.i18n import _

    visit = load_visit(db, visit_ref)
    if _signatory(visit) is not None:
        return []
    return [
        _(
            "Nobody signs the letters: give the delegation a head (the role on the "
            "Participants tab) or choose the visit's coordinator on the Overview."
        )
    ]


def _person_line(person: PersonDoc, lang: str) -> str:
    org = person.organisation.shown(lang) if person.organisation else None
    return ", ".join(x for x in (person.full_name, person.position, org) if x)


def _meeting_line(item: ItemDoc, lang: str) -> str:
    when = (
        f"{day_heading(item.starts.date(), lang)}, {time_text(item.starts, lang)}–"
        f"{time_text(item.ends, lang)}"
    )
    return tr(lang, "{when} (local time): {title}").format(when=when, title=item.title_in(lang))


def _interpretation(visit: VisitDoc, letter: HostLetter, lang: str) -> str | None:
    interpreters = [p for p in visit.people if p.role == "interpreter"]
    if interpreters:
        return tr(lang, "Our delegation brings its own interpreter, {name}.").format(
            name=", ".join(p.full_name for p in interpreters)
        )
    if any(item.interpreter for item in letter.meetings):
        return tr(
            lang,
            "Some members of our delegation need interpretation from Latvian; "
            "please let us know whether you can arrange it or whether we "
            "should bring an interpreter.",
        )
    return None


def letter_blocks(
    visit: VisitDoc,
    letter: HostLetter,
    kind: Kind,
    lang: str,
    today: dt.date,
    topics: Sequence[str] = (),
) -> list[Block]:
    """The words of one letter, block by block, in ``lang``."""
    contact = letter.meetings[0].contact
    organiser = visit.organiser.shown(lang) if visit.organiser else ""
    out = _addresses(visit, letter, lang, today, organiser)
    greeting = (
        tr(lang, "Dear {name},").format(name=contact.name)
        if contact
        else tr(lang, "Dear Sir or Madam,")
    )
    if kind == "request":
        out += _request(visit, letter, lang, topics, organiser, greeting)
    else:
        out += _thanks(visit, letter, lang, greeting)
    out.append(("para", tr(lang, "Yours sincerely,")))
    signer = _signatory(visit)
    if signer is not None:
        out.append(
            ("sign", "\n".join(x for x in (signer.full_name, signer.position, organiser) if x))
        )
    return out


def _addresses(
    visit: VisitDoc, letter: HostLetter, lang: str, today: dt.date, organiser: str
) -> list[Block]:
    """The sender, the day written and the addressee: the contact at the host if known."""
    host = letter.host
    contact = letter.meetings[0].contact
    out: list[Block] = []
    sender = [organiser] if organiser else []
    if visit.organiser is not None and visit.organiser.address:
        sender.append(visit.organiser.address)
    if sender:
        out.append(("from", "\n".join(sender)))
    out.append(("date", date_range(today, today, lang)))
    to = [
        x
        for x in (
            (contact.name if contact else None),
            (contact.position if contact else None),
            host.shown(lang),
            host.own(lang),
            host.address,
        )
        if x
    ]
    out.append(("to", "\n".join(to)))
    return out


def _request(
    visit: VisitDoc,
    letter: HostLetter,
    lang: str,
    topics: Sequence[str],
    organiser: str,
    greeting: str,
) -> list[Block]:
    """Asking a host for the meetings: what, about what, who comes, when and whom to
    answer."""
    host = letter.host
    out: list[Block] = [
        ("subject", tr(lang, "Request for a meeting: {title}").format(title=visit.title_in(lang)))
    ]
    out.append(("para", greeting))
    out.append(
        (
            "para",
            tr(
                lang,
                "{organiser} is preparing the visit “{title}” ({place}, "
                "{dates}). We would be honoured if {host} could receive "
                "our delegation.",
            ).format(
                organiser=organiser or tr(lang, "Our organisation"),
                title=visit.title_in(lang),
                place=visit.city or "",
                dates=date_range(visit.start_date, visit.end_date, lang),
                host=host.shown(lang),
            ),
        )
    )
    purpose = visit.purpose_in(lang)
    if purpose:
        out.append(
            ("para", tr(lang, "The purpose of the visit: {purpose}").format(purpose=purpose))
        )
    out.append(("heading", tr(lang, "Meetings we ask for")))
    out += [("bullet", _meeting_line(item, lang)) for item in letter.meetings]
    subjects = [d for item in letter.meetings for d in [item.description_in(lang)] if d]
    topics = topics if lang == "lv" else ()  # the visit's topic words are Latvian only
    if topics or subjects:
        out.append(("heading", tr(lang, "Topics and questions")))
        out += [("bullet", text) for text in (*topics, *subjects)]
    out += _delegation(visit, letter, lang)
    coordinator = visit.coordinator
    if coordinator is not None:
        reach = ", ".join(x for x in (coordinator.phone, coordinator.email) if x)
        out.append(
            (
                "para",
                tr(
                    lang,
                    "Please send your answer and any questions to our "
                    "coordinator, {name} ({reach}).",
                ).format(name=coordinator.full_name, reach=reach),
            )
        )
    return out


def _delegation(visit: VisitDoc, letter: HostLetter, lang: str) -> list[Block]:
    """Who comes (in the people's order), their interpretation and when they arrive."""
    people = sorted(visit.people, key=person_order)
    out: list[Block] = [
        ("heading", tr(lang, "The delegation (people: {count})").format(count=len(people)))
    ]
    out += [("bullet", f"{_person_line(p, lang)} ({role_label(p, lang).lower()})") for p in people]
    interpretation = _interpretation(visit, letter, lang)
    if interpretation:
        out.append(("para", interpretation))
    leg = _arrival(visit, letter.meetings[0])
    if leg is not None:
        out.append(
            (
                "para",
                tr(lang, "We arrive in {place} on {day} at {time} (local time).").format(
                    place=leg.to_place,
                    day=day_in_sentence(leg.arrives.date(), lang),
                    time=time_text(leg.arrives, lang),
                ),
            )
        )
    return out


def _thanks(visit: VisitDoc, letter: HostLetter, lang: str, greeting: str) -> list[Block]:
    """Thanking a host after the visit: the meetings and what came of them."""
    first = letter.meetings[0]
    out: list[Block] = [
        ("subject", tr(lang, "Thank you: {title}").format(title=visit.title_in(lang)))
    ]
    out.append(("para", greeting))
    out.append(
        (
            "para",
            tr(
                lang, "On behalf of our delegation, thank you for receiving us at {host} {dates}."
            ).format(
                host=letter.host.shown(lang),
                dates=date_phrase(first.starts.date(), letter.meetings[-1].starts.date(), lang),
            ),
        )
    )
    out += [("bullet", _meeting_line(item, lang)) for item in letter.meetings]
    if letter.outcomes:
        out.append(("para", tr(lang, "What we take home from the meeting:")))
        out += [("quote", text) for text in letter.outcomes]
    out.append(
        (
            "para",
            tr(
                lang,
                "We look forward to continuing our cooperation and "
                "would be glad to welcome you in Latvia.",
            ),
        )
    )
    return out


# --------------------------------------------------------------------------- layout


def write_docx(blocks: Sequence[Block], path: Path, *, title: str, lang: str) -> Path:
    """The letter as an editable Word document (python-docx), put in place atomically."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from app.documents.common import write_atomically

    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.language = lang
    doc.core_properties.author = "Study Visit Planner"
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    for what, text in blocks:
        if what == "heading":
            doc.add_heading(text, level=2)
        elif what == "subject":
            para = doc.add_paragraph()
            para.add_run(text).bold = True
        elif what == "bullet":
            doc.add_paragraph(text, style="List Bullet")
        elif what == "quote":
            doc.add_paragraph(f"“{text}”", style="Quote")
        elif what == "date":
            doc.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:  # from, to, sign, para: lines kept as line breaks in one paragraph
            para = doc.add_paragraph()
            for index, line in enumerate(text.split("\n")):
                run = para.add_run(line)
                if index < text.count("\n"):
                    run.add_break()

    def write(tmp: str) -> None:
        doc.save(tmp)

    return write_atomically(path, write)


def write_pdf(blocks: Sequence[Block], path: Path, *, title: str, lang: str) -> Path:
    """The same letter as a PDF (ReportLab, the documents' fonts and safe text)."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Spacer

    from app.documents import common as c

    st = c.styles()
    right = ParagraphStyle("letter_date", parent=st["body"], alignment=TA_RIGHT)
    story: list[Any] = []
    for what, text in blocks:
        if what == "heading":
            story.append(c.para(text, st["h2"]))
        elif what == "subject":
            story += [Spacer(1, 4 * mm), c.rich(c.bold(text), st["body"]), Spacer(1, 2 * mm)]
        elif what == "bullet":
            story.append(c.rich("•&nbsp;" + c.safe(text), st["body"]))
        elif what == "quote":
            story += [c.rich(f"<i>“{c.safe(text)}”</i>", st["body"]), Spacer(1, 2 * mm)]
        elif what == "date":
            story.append(c.para(text, right))
        else:
            story.append(c.para(text, st["body"]))
            story.append(Spacer(1, (5 if what in ("from", "to") else 2) * mm))

    def write(tmp: str) -> None:
        doc = c.document(tmp, title=title, lang=lang, footer=title)
        c.build(doc, story)

    return c.write_atomically(path, write)


def _slug(text: str) -> str:
    return file_stem(text)[:60]


def _facts(db: Any, visit: VisitDoc) -> tuple[dict[str, str], list[str]]:
    """Meeting outcomes by item key and the visit's topics: not in the documents' snapshot."""
    if isinstance(db, str):
        from app.storage import open_database

        database = open_database(db)
        try:
            return _facts(database, visit)
        finally:
            database.dispose()
    from sqlalchemy import select

    from db.models import ProgrammeItem, Visit

    with db.read() as session:
        outcomes = dict(
            session.execute(
                select(ProgrammeItem.uuid, ProgrammeItem.outcome).where(
                    ProgrammeItem.visit_id == visit.id, ProgrammeItem.outcome.is_not(None)
                )
            ).all()
        )
        topics = session.scalar(select(Visit.topics).where(Visit.id == visit.id)) or []
    return {k: v for k, v in outcomes.items() if v and v.strip()}, [str(t) for t in topics]


def build_letters(
    db: Any,
    visit_ref: str | int,
    out_path: str | os.PathLike[str],
    *,
    kind: Kind = "request",
    lang: str | None = None,
    today: dt.date | None = None,
    progress: Any = None,
    cancel: Any = None,
) -> Path:
    """Letters of ``kind`` to every host of the visit, into the folder ``out_path``.

    Per host: ``…-en.docx``/``.pdf`` in the host's language and ``…-lv.docx``/``.pdf``, the
    Latvian copy. Returns the folder.
    """
    from app.documents import common as c

    visit = load_visit(db, visit_ref)
    outcomes, topics = _facts(db, visit)
    letters = hosts_of(visit, outcomes)
    when = today or dt.date.today()
    folder = Path(out_path)
    folder.mkdir(parents=True, exist_ok=True)
    step = c.Step(progress, cancel, total=len(letters) + 1)
    step.advance()
    for letter in letters:
        name = _slug(letter.host.name_original or letter.host.name_en or letter.host.name)
        for language in dict.fromkeys((host_language(letter.host.country, lang), "lv")):
            blocks = letter_blocks(visit, letter, kind, language, when, topics)
            title = next(text for what, text in blocks if what == "subject")
            stem = f"{file_stem(visit.code)}-{kind}-{name}-{language}"
            write_docx(blocks, folder / f"{stem}.docx", title=title, lang=language)
            write_pdf(blocks, folder / f"{stem}.pdf", title=title, lang=language)
        step.advance()
    step.finish()
    return folder
