"""The delegates' programme booklet (PDF): cover, day by day, participants, practical info.

``build_programme`` is the one entry point, for the command line and the window alike; it
reads the visit once, lays it out in the chosen language (the visit's first programme
language when none is given), reports progress and can be cancelled between sections.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from app.documents import common as c
from app.documents.completeness import gaps, sentences
from app.documents.data import VisitDoc, find_person, load_visit
from app.documents.schedule import nights_of, schedule
from app.documents.sections import cover, participants, practical
from app.documents.words import language, tr


def programme_story(visit: VisitDoc, lang: str, step: c.Step | None = None) -> list[Any]:
    """The booklet's flowables (for tests and for combining with other documents)."""
    step = step or c.Step(None, None)
    story = cover(visit, lang, heading=tr(lang, "Programme"))
    missing = sentences(gaps(visit, lang), lang)
    if missing:  # printed anyway: the cover says what is still only in Latvian
        note = tr(lang, "Not yet translated, printed in Latvian:") + " " + " ".join(missing)
        story.insert(len(story) - 1, c.para(note, "small"))  # before the cover's page break
    story.append(c.Milestone(step))
    nights = [night for stay in visit.stays for night in nights_of(stay)]
    story += schedule(visit, lang, visit.items, visit.legs, nights)
    story.append(c.Milestone(step))
    story += participants(visit, lang, visit.people)
    story.append(c.Milestone(step))
    story += practical(visit, lang, stays=[(stay, None) for stay in visit.stays], legs=visit.legs)
    return story


def build_programme(
    db: Any,
    visit_ref: str | int,
    out_path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    person: str | int | None = None,
    progress: c.Progress | None = None,
    cancel: c.CancelCheck | None = None,
) -> Path:
    """Write the programme of ``visit_ref`` to ``out_path``; returns the path written.

    With ``person`` the programme is that person's itinerary instead (the same booklet
    narrowed to what they attend), so every document takes the same arguments.
    """
    if person is not None:
        from app.documents.itinerary import build_itineraries

        return build_itineraries(
            db, visit_ref, out_path, lang=lang, person=person, progress=progress, cancel=cancel
        )
    step = c.Step(progress, cancel, total=5)
    from app.services.releases import latest_number

    visit = load_visit(db, visit_ref)
    step.advance()
    return write_programme(
        visit, out_path, lang=lang, step=step, version=latest_number(db, visit.id)
    )


def write_programme(
    visit: VisitDoc,
    out_path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    step: c.Step | None = None,
    version: int = 0,
) -> Path:
    """The booklet; its footer names the released ``version`` it shows (0: none yet)."""
    lang = language(lang, visit.default_language)
    step = step or c.Step(None, None, total=4)
    story = programme_story(visit, lang, step)

    def write(tmp: str) -> None:
        footer = f"{visit.title_in(lang)} · {tr(lang, 'Programme')}"
        if version:  # first: a long title is cut at the end of the footer
            footer = tr(lang, "Version {number}").format(number=version) + " · " + footer
        doc = c.document(
            tmp,
            title=visit.title_in(lang),
            lang=lang,
            footer=footer,
            author=visit.organiser.shown(lang) if visit.organiser else "",
        )
        c.build(doc, story, step)
        step.check()

    path = c.write_atomically(out_path, write)
    step.finish()
    return path


__all__ = ["build_programme", "find_person", "programme_story", "write_programme"]
