"""The texts of a visit in its three languages, for the window's translation grid.

Each row is one text a programme prints — the visit's title and purpose, each item's
title and description, each host's name — with its Latvian original and its English and
bokmål versions. ``set_text`` changes one version in one transaction through the entity's
own service (so the same checks and the same version rule apply as in its form: a
colleague's change on a shared database is refused, never overwritten).

Where the versions live: visit and item texts in their ``translations`` mapping; a host's
English name is ``name_en``; its bokmål name is its own name (``name_original``) for a
Norwegian host, and a non-Norwegian host has no bokmål name of its own (a bokmål booklet
prints its English name), so that cell is not editable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.i18n import _

LANGS = ("en", "nb")


@dataclass(frozen=True)
class TextRow:
    kind: str  # "visit", "item" or "host"
    row_id: int
    version: int
    field: str  # "title", "purpose", "description", "name"
    what: str  # what the row is, for the grid's first column
    lv: str
    en: str | None
    nb: str | None
    nb_editable: bool = True
    # the languages whose programme would print this text in Latvian (the count of
    # ``app.documents.completeness``, which the grid's line above says)
    latvian_in: frozenset[str] = frozenset()

    @property
    def key(self) -> tuple[str, int, str]:
        return self.kind, self.row_id, self.field


def _own(translations: dict[str, Any] | None, lang: str, field: str) -> str | None:
    return ((translations or {}).get(lang) or {}).get(field) or None


def text_rows(db: Any, visit_id: int) -> list[TextRow]:
    """Every printed text of the visit with its versions, in programme order."""
    from app.documents.completeness import host_latvian_in, text_latvian_in
    from app.documents.data import Org
    from app.documents.words import day_heading, time_text
    from app.i18n import current_language
    from app.services.programme import list_programme
    from app.services.visits import get_visit

    visit = get_visit(db, visit_id)
    lang = current_language()
    rows = [
        TextRow(
            "visit",
            visit.id,
            visit.version,
            "title",
            _("Visit title"),
            visit.title,
            _own(visit.translations, "en", "title"),
            _own(visit.translations, "nb", "title"),
            latvian_in=text_latvian_in(visit.translations, "title"),
        )
    ]
    if visit.purpose:
        rows.append(
            TextRow(
                "visit",
                visit.id,
                visit.version,
                "purpose",
                _("Purpose"),
                visit.purpose,
                _own(visit.translations, "en", "purpose"),
                _own(visit.translations, "nb", "purpose"),
                latvian_in=text_latvian_in(visit.translations, "purpose"),
            )
        )
    hosts: dict[int, Any] = {}
    for item in list_programme(db, visit_id):
        when = f"{day_heading(item.starts.date(), lang)} {time_text(item.starts, lang)}"
        rows.append(
            TextRow(
                "item",
                item.id,
                item.version,
                "title",
                _("Item title, {when}").format(when=when),
                item.title,
                _own(item.translations, "en", "title"),
                _own(item.translations, "nb", "title"),
                latvian_in=text_latvian_in(item.translations, "title"),
            )
        )
        if item.description:
            rows.append(
                TextRow(
                    "item",
                    item.id,
                    item.version,
                    "description",
                    _("Item description, {when}").format(when=when),
                    item.description,
                    _own(item.translations, "en", "description"),
                    _own(item.translations, "nb", "description"),
                    latvian_in=text_latvian_in(item.translations, "description"),
                )
            )
        if item.host is not None and item.host.deleted_at is None:
            hosts.setdefault(item.host.id, item.host)
    for host in hosts.values():
        norwegian = host.country == "NO"
        rows.append(
            TextRow(
                "host",
                host.id,
                host.version,
                "name",
                _("Host institution"),
                host.name,
                host.name_en,
                host.name_original if norwegian else None,
                nb_editable=norwegian,
                latvian_in=host_latvian_in(
                    Org(host.name, host.name_original, host.name_en, host.country)
                ),
            )
        )
    return rows


def set_text(db: Any, row: TextRow, lang: str, text: str | None, version: int | None) -> Any:
    """Set one version (``lang`` en or nb; empty text removes it); returns the saved row."""
    if lang not in LANGS:
        raise ValueError(lang)
    text = (text or "").strip() or None
    if row.kind == "host":
        from app.services.directory import update_organisation

        if lang == "nb" and not row.nb_editable:
            from app.services.base import ServiceError

            raise ServiceError(
                _(
                    "A host outside Norway has no bokmål name of its own; a "
                    "bokmål programme prints its English name."
                )
            )
        field = "name_en" if lang == "en" else "name_original"
        return update_organisation(db, row.row_id, version, **{field: text})
    if row.kind == "visit":
        from app.services.visits import get_visit, update_visit

        current = get_visit(db, row.row_id).translations
        changes = {"translations": _with(current, lang, row.field, text)}
        return update_visit(db, row.row_id, version, **changes)
    from app.services.programme import get_programme_item, update_programme_item

    current = get_programme_item(db, row.row_id).translations
    return update_programme_item(
        db, row.row_id, version, translations=_with(current, lang, row.field, text)
    )


def _with(
    translations: dict[str, Any] | None, lang: str, field: str, text: str | None
) -> dict[str, Any] | None:
    """The mapping with ``lang``'s ``field`` set (or removed when ``text`` is None)."""
    out = {code: dict(texts) for code, texts in (translations or {}).items()}
    texts = out.setdefault(lang, {})
    if text is None:
        texts.pop(field, None)
    else:
        texts[field] = text
    if not texts:
        out.pop(lang)
    return out or None
