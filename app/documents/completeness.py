"""Is a programme ready to print in English or bokmål? What is still only in Latvian.

A visit is written in Latvian first; its texts get English and bokmål versions as the
coordinator (or a partner's file) adds them. A document in another language prints the
Latvian text wherever a translation is missing, so before an English or Norwegian
programme is printed the program says what is missing ("7 of 10 items have no English
title"), the window offers to print anyway or fill the gaps, and a booklet printed with
gaps says so on its cover: it never mixes languages silently.

What counts: the visit's title and purpose; each programme item's title, and its
description when it has one; each host's name (a host with only a Latvian name prints
that name; its own-language or English name is fine).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.documents.data import Org, VisitDoc
from app.documents.words import tr

_ENGLISH, _BOKMAL = "en", "nb"


@dataclass(frozen=True)
class Gaps:
    """Counts of what would print in Latvian, with the totals they are out of."""

    lang: str
    visit_fields: tuple[str, ...]  # "title", "purpose"
    item_titles: int
    items: int
    descriptions: int
    described: int
    hosts: int
    hosted: int

    @property
    def any(self) -> bool:
        return bool(self.visit_fields or self.item_titles or self.descriptions or self.hosts)


def _own(translations: dict, lang: str, field: str) -> bool:  # type: ignore[type-arg]
    """Has the text a version that prints in ``lang`` (bokmål documents fall back to
    English, which a Norwegian reader understands: only Latvian counts as missing)."""
    return any((translations.get(code) or {}).get(field)
               for code in ((lang, _ENGLISH) if lang == _BOKMAL else (lang,)))


def _host_latvian_only(host: Org, lang: str) -> bool:
    """Would the host's Latvian name print in ``lang``?"""
    shown = host.shown(lang)
    return shown == host.name and host.country != "LV" and not (
        host.name_original == host.name or host.name_en == host.name)


def gaps(visit: VisitDoc, lang: str) -> Gaps:
    """What a programme in ``lang`` would print in Latvian (nothing for Latvian itself)."""
    if lang == "lv":
        return Gaps(lang, (), 0, len(visit.items), 0, 0, 0, 0)
    fields = tuple(f for f, text in (("title", visit.title), ("purpose", visit.purpose))
                   if text and not _own(visit.translations, lang, f))
    described = [i for i in visit.items if i.description]
    hosts = {i.host for i in visit.items if i.host is not None}
    return Gaps(
        lang, fields,
        item_titles=sum(not _own(i.translations, lang, "title") for i in visit.items),
        items=len(visit.items),
        descriptions=sum(not _own(i.translations, lang, "description") for i in described),
        described=len(described),
        hosts=sum(_host_latvian_only(h, lang) for h in hosts), hosted=len(hosts))


def sentences(found: Gaps, say_in: str) -> list[str]:
    """The gaps as sentences in the language ``say_in`` (the interface's or document's)."""
    if not found.any:
        return []
    language = tr(say_in, "English") if found.lang == _ENGLISH else \
        tr(say_in, "Norwegian or English")
    out = []
    if "title" in found.visit_fields:
        out.append(tr(say_in, "The visit's title has no {language} version.").format(
            language=language))
    if "purpose" in found.visit_fields:
        out.append(tr(say_in, "The visit's purpose has no {language} version.").format(
            language=language))
    if found.item_titles:
        out.append(tr(say_in, "{missing} of {total} programme items have no {language} "
                              "title.").format(missing=found.item_titles, total=found.items,
                                               language=language))
    if found.descriptions:
        out.append(tr(say_in, "{missing} of {total} item descriptions have no {language} "
                              "version.").format(missing=found.descriptions,
                                                 total=found.described, language=language))
    if found.hosts:
        out.append(tr(say_in, "{missing} of {total} hosts have only a Latvian name.").format(
            missing=found.hosts, total=found.hosted))
    return out
