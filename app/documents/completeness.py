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

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from app.documents.data import Org, VisitDoc
from app.documents.words import tr

_ENGLISH, _BOKMAL = "en", "nb"
LANGUAGES = (_ENGLISH, _BOKMAL)  # the languages a programme may lack a text in


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
    return any(
        (translations.get(code) or {}).get(field)
        for code in ((lang, _ENGLISH) if lang == _BOKMAL else (lang,))
    )


def _host_latvian_only(host: Org, lang: str) -> bool:
    """Would the host's Latvian name print in ``lang``?"""
    shown = host.shown(lang)
    return (
        shown == host.name
        and host.country != "LV"
        and not (host.name_original == host.name or host.name_en == host.name)
    )


class PrintedText(Protocol):
    """One text a programme prints, as the count sees it: what it is (``kind`` "visit",
    "item" or "host"; ``field`` "title", "purpose", "description" or "name") and the
    languages whose programme would print it in Latvian (``latvian_in``). The Translations
    grid's rows (``app.services.translations.TextRow``) are such texts too, so its line
    counts what the cover counts without reading the whole visit again."""

    @property
    def kind(self) -> str: ...

    @property
    def field(self) -> str: ...

    @property
    def latvian_in(self) -> frozenset[str]: ...


@dataclass(frozen=True)
class Text:
    kind: str
    field: str
    latvian_in: frozenset[str]


def text_latvian_in(translations: dict | None, field: str) -> frozenset[str]:  # type: ignore[type-arg]
    """The languages in which a visit's or an item's ``field`` would print in Latvian."""
    return frozenset(lang for lang in LANGUAGES if not _own(translations or {}, lang, field))


def host_latvian_in(host: Org) -> frozenset[str]:
    """The languages in which the host's Latvian name would print."""
    return frozenset(lang for lang in LANGUAGES if _host_latvian_only(host, lang))


def printed_texts(visit: VisitDoc) -> list[Text]:
    """The texts of ``visit`` that count: its title and purpose (when written), each item's
    title and description (when it has one), each host once."""
    texts = [
        Text("visit", f, text_latvian_in(visit.translations, f))
        for f, text in (("title", visit.title), ("purpose", visit.purpose))
        if text
    ]
    for item in visit.items:
        texts.append(Text("item", "title", text_latvian_in(item.translations, "title")))
        if item.description:
            texts.append(
                Text("item", "description", text_latvian_in(item.translations, "description"))
            )
    hosts = {i.host for i in visit.items if i.host is not None}
    texts += [Text("host", "name", host_latvian_in(h)) for h in hosts]
    return texts


def count_gaps(texts: Iterable[PrintedText], lang: str) -> Gaps:
    """What a programme in ``lang`` would print in Latvian, counted over ``texts``
    (nothing for Latvian itself)."""
    texts = list(texts)
    titles = [t for t in texts if t.kind == "item" and t.field == "title"]
    if lang == "lv":
        return Gaps(lang, (), 0, len(titles), 0, 0, 0, 0)
    described = [t for t in texts if t.kind == "item" and t.field == "description"]
    hosts = [t for t in texts if t.kind == "host"]
    return Gaps(
        lang,
        tuple(t.field for t in texts if t.kind == "visit" and lang in t.latvian_in),
        item_titles=sum(lang in t.latvian_in for t in titles),
        items=len(titles),
        descriptions=sum(lang in t.latvian_in for t in described),
        described=len(described),
        hosts=sum(lang in t.latvian_in for t in hosts),
        hosted=len(hosts),
    )


def gaps(visit: VisitDoc, lang: str) -> Gaps:
    """What a programme in ``lang`` would print in Latvian (nothing for Latvian itself)."""
    return count_gaps(printed_texts(visit), lang)


def sentences(found: Gaps, say_in: str) -> list[str]:
    """The gaps as sentences in the language ``say_in`` (the interface's or document's)."""
    if not found.any:
        return []
    language = (
        tr(say_in, "English") if found.lang == _ENGLISH else tr(say_in, "Norwegian or English")
    )
    out = []
    if "title" in found.visit_fields:
        out.append(
            tr(say_in, "The visit's title has no {language} version.").format(language=language)
        )
    if "purpose" in found.visit_fields:
        out.append(
            tr(say_in, "The visit's purpose has no {language} version.").format(language=language)
        )
    if found.item_titles:
        out.append(
            tr(say_in, "{missing} of {total} programme items have no {language} title.").format(
                missing=found.item_titles, total=found.items, language=language
            )
        )
    if found.descriptions:
        out.append(
            tr(say_in, "{missing} of {total} item descriptions have no {language} version.").format(
                missing=found.descriptions, total=found.described, language=language
            )
        )
    if found.hosts:
        out.append(
            tr(say_in, "{missing} of {total} hosts have only a Latvian name.").format(
                missing=found.hosts, total=found.hosted
            )
        )
    return out
