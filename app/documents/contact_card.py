"""The coordinator's contact card as a QR code on a printed itinerary.

A delegate abroad points the phone's camera at the page and saves the coordinator to the
phone's contacts, name, number and e-mail spelt right, with no typing (issue 17). The card
is a vCard 3.0, the version every phone's camera app reads; its text is UTF-8, so "Pudža"
stays "Pudža". The code is drawn by ReportLab's own ``reportlab.graphics.barcode.qr``: vector
squares, sharp at any print size, and no new dependency.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.units import mm

from app.documents import common as c
from app.documents.data import PersonDoc, VisitDoc
from app.documents.words import tr

QR_SIZE = 30 * mm  # about 1.2 in: read at arm's length from paper by any phone camera


def _escaped(value: str) -> str:
    """A vCard text value (RFC 2426 §5): backslash, comma, semicolon and newline escaped;
    a newline in a stored value must not end the property and start a forged one."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def vcard(person: PersonDoc, lang: str) -> str | None:
    """The person's contact card, or None when there is neither a phone nor an e-mail to
    call or write to (a card with only a name helps nobody)."""
    if not (person.phone or person.email):
        return None
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_escaped(person.family_name)};{_escaped(person.given_name)};;;",
        f"FN:{_escaped(person.full_name)}",
    ]
    if person.organisation is not None:
        lines.append(f"ORG:{_escaped(person.organisation.shown(lang))}")
    if person.position:
        lines.append(f"TITLE:{_escaped(person.position)}")
    if person.phone:
        lines.append(f"TEL;TYPE=CELL:{_escaped(person.phone)}")
    if person.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{_escaped(person.email)}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"


def qr_code(text: str, size: float = QR_SIZE) -> QrCode:
    """``text`` as a QR code ``size`` points square with its quiet zone, error correction
    M (15 %: a crease or a pen mark on the paper still reads). The flowable draws its
    squares straight on the page: a graphics ``Drawing`` made ReportLab reference a
    non-embedded Helvetica."""
    return QrCode(text, width=size, height=size, qrLevel="M")


def coordinator_card(visit: VisitDoc, person: PersonDoc, lang: str) -> list[Any]:
    """The QR code of the coordinator's card beside a line saying what it is, for
    ``person``'s itinerary; nothing on the coordinator's own, or with no number or
    e-mail to give."""
    coordinator = visit.coordinator
    if coordinator is None or coordinator.id == person.id:
        return []
    card = vcard(coordinator, lang)
    if card is None:
        return []
    st = c.styles()
    caption = c.para(
        tr(
            lang, "Scan with your phone's camera to save the coordinator, {name}, to your contacts."
        ).format(name=coordinator.full_name),
        st["body"],
    )
    # no rule under the row: a line touching the code's quiet zone can stop a reader
    return [
        c.table(
            [[qr_code(card), caption]],
            (QR_SIZE + 6 * mm, c.FRAME_WIDTH - QR_SIZE - 6 * mm),
            header_rows=0,
            extra=[
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0, colors.white),
            ],
        )
    ]
