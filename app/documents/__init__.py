"""Printed documents for delegates and funders (ReportLab PDFs, an iCalendar file).

``common`` holds what every document shares (fonts, styles, safe text, page frame,
progress). Each delegates' document has one builder with the same signature, for the
command line and the window's Documents tab alike::

    build(db, visit_ref, out_path, lang=None, person=None, progress=None, cancel=None)

``db`` is a ``Database`` (or a database URL); ``lang`` defaults to the visit's first
programme language; ``progress(done, total)`` is called as parts are laid out and
``cancel()`` returning True stops the run with ``common.Cancelled``, leaving no file. Run
it off the UI thread; ``builder(name)`` finds it by the name the command line uses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

# name → (module, function, file suffix)
DOCUMENTS: dict[str, tuple[str, str, str]] = {
    "programme": ("app.documents.programme", "build_programme", ".pdf"),
    "delegates": ("app.documents.itinerary", "build_itineraries", ".pdf"),
    "ics": ("app.documents.calendar", "build_calendar", ".ics"),
    "attendance": ("app.documents.lists", "build_attendance", ".pdf"),
    "rooming": ("app.documents.lists", "build_rooming", ".pdf"),
    "passengers": ("app.documents.lists", "build_passengers", ".pdf"),
    "catering": ("app.documents.lists", "build_catering", ".pdf"),
    "phone": ("app.documents.phone", "build_phone", ""),  # a folder of HTML pages
}
# Builders with arguments of their own (their command-line commands are separate): the
# window's worker runs them by name like the others, passing those arguments.
MORE: dict[str, tuple[str, str, str]] = {
    "letters": ("app.documents.letters", "build_letters", ""),  # a folder; kind=…
    "changes": ("app.documents.changes", "build_changes", ".pdf"),  # since=…
}


# The visit's report documents, made in the window's Documents tab with the same builder
# signature; the command line writes them with ``export summary`` and ``export article``
# (app.cli_archive), through the same functions these builders call.
REPORTS: dict[str, tuple[str, str, str]] = {
    "summary": ("app.documents.summary_pdf", "build_summary", ".pdf"),
    "article": ("app.documents.article", "build_article_file", ".html"),
}


def builder(name: str) -> Callable[..., Any]:
    """The builder of document ``name`` (imported only now: ReportLab is heavy)."""
    from importlib import import_module

    module, function, _suffix = DOCUMENTS.get(name) or REPORTS.get(name) or MORE[name]
    return getattr(import_module(module), function)


def part_file(target: Path) -> Path:
    """The temporary file ``target`` is written to before it takes its name: ``.name.part``
    beside it, cleared first if an export killed midway left one (a stale file of that
    mode, or a link that the write would follow into the file it points at).

    Only that exact name, only a file or a link: a folder so named is not the program's,
    and the write then fails with its one sentence.
    """
    tmp = target.with_name(f".{target.name}.part")
    if tmp.is_symlink() or tmp.is_file():
        tmp.unlink(missing_ok=True)
    return tmp


def file_stem(text: str) -> str:
    """``text`` as part of a file name: letters of any language stay (``Rozīte``); what a
    file system refuses or reads as a folder becomes ``_`` (a visit numbered like its
    papers, ``LPS/2027/NO``, made the letters' export look for folders LPS/2027)."""
    import re

    return re.sub(r"[^\w.-]+", "_", text).strip("_")


def default_file_name(
    name: str, visit_code: str, lang: str | None = None, person: str | None = None
) -> str:
    """A file name to offer when saving: ``DEMO-BERGEN-2014-programme-lv.pdf``."""
    parts = [visit_code, name, *(x for x in (person, lang) if x)]
    stem = "-".join(file_stem(part) for part in parts)
    return stem + (DOCUMENTS.get(name) or REPORTS[name])[2]
