"""The translation catalogues are complete, consistent and compiled.

The source tree is extracted afresh here with Babel (not the committed ``messages.pot``), so
a string added to the code without a Latvian translation fails this test; the committed .mo
files (what the program loads) must say exactly what the .po files say.
"""

from __future__ import annotations

import io
import re
import string
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
DOMAIN = "studyvisit"
LANGUAGES = ("lv", "en")  # the interface's: every message translated
ALL_CATALOGUES = (*LANGUAGES, "nb")  # bokmål: the document texts only (tests/documents)
LATVIAN_PLURALS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
# Latvian text that is rightly the same as the English msgid: the product name and
# pure layouts of placeholders. Anything else copied unchanged is an untranslated message.
SAME_IN_LATVIAN = {
    "Study Visit Planner",
    "{date} {time} {zone}",
    "{date} {start}–{end} {zone}",
    "{start} – {end} {zone}",
    # the letters naming a date or time format: Latvian writes dd.mm.gggg, hh:mm
    "d",
    "m",
    "h",
}


CONTEXT_MARK = "\x04"  # gettext's own separator of context and msgid


def _lookup(catalog: Catalog, key: str | tuple[str, str]) -> Message | None:
    if isinstance(key, str) and CONTEXT_MARK in key:
        context, msgid = key.split(CONTEXT_MARK, 1)
        return catalog.get(msgid, context=context)
    return catalog.get(key)


def _po_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _mo_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _script_keywords() -> dict[str, object]:
    """The ``-k`` keywords of tools/update-translations.sh, so the test extracts the same way."""
    script = (ROOT / "tools" / "update-translations.sh").read_text(encoding="utf-8")
    specs = re.findall(r"-k\s+(\S+)", script)
    assert specs, "tools/update-translations.sh names no extraction keywords"
    return parse_keywords(specs)


@cache
def extracted() -> dict[str | tuple[str, str], list[str]]:
    """msgid (a pair for plurals) → the places in the source that use it."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(ROOT / "babel.cfg"))
    found: dict[str | tuple[str, str], list[str]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=_script_keywords()
    ):
        key = tuple(message) if isinstance(message, (list, tuple)) else message
        if context and isinstance(key, str):
            key = f"{context}{CONTEXT_MARK}{key}"  # pgettext/NC_: looked up with its context
        found.setdefault(key, []).append(f"{filename}:{lineno}")
    return found


@cache
def po(lang: str) -> Catalog:
    with open(_po_path(lang), "rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def _placeholders(text: str) -> set[str]:
    """``{name}`` and ``{name:spec}`` fields of a str.format message."""
    return {
        f"{name}:{spec}" if spec else name
        for _literal, name, spec, _conv in string.Formatter().parse(text)
        if name is not None
    }


def _forms(message: Message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, (list, tuple)) else (message.string,)


def test_extraction_finds_the_messages_of_every_layer() -> None:
    """A broken babel.cfg or keyword list would make the completeness check pass vacuously."""
    places = [place for where in extracted().values() for place in where]
    for folder in ("app/", "ui/"):
        assert any(place.startswith(folder) for place in places), folder
    assert any(isinstance(key, tuple) for key in extracted()), "no ngettext message found"
    assert len(extracted()) > 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_in_the_code_is_translated(lang: str) -> None:
    catalog = po(lang)
    problems = []
    for msgid, where in sorted(extracted().items(), key=lambda kv: str(kv[0])):
        message = _lookup(catalog, msgid)
        label = f"{msgid!r} ({where[0]})"
        if message is None:
            problems.append(f"missing: {label}")
        elif message.fuzzy:
            problems.append(f"fuzzy: {label}")
        elif isinstance(msgid, tuple) != isinstance(message.id, (list, tuple)):
            problems.append(f"singular/plural mismatch: {label}")
        elif not all(_forms(message)):
            problems.append(f"untranslated: {label}")
        elif isinstance(msgid, tuple) and len(_forms(message)) != catalog.num_plurals:
            problems.append(f"needs {catalog.num_plurals} plural forms: {label}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ALL_CATALOGUES)
def test_translations_keep_the_placeholders(lang: str) -> None:
    """A lost or misspelt ``{name}`` would raise KeyError (or drop a value) when shown."""
    problems = []
    for message in po(lang):
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        expected = set().union(*(_placeholders(i) for i in ids))
        for form in _forms(message):
            if form and _placeholders(form) != expected:
                problems.append(
                    f"{ids[0]!r}: {sorted(_placeholders(form))} instead of {sorted(expected)}"
                )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ALL_CATALOGUES)
def test_babel_finds_no_errors_in_the_catalogue(lang: str) -> None:
    errors = [f"{message.id!r}: {error}" for message, errs in po(lang).check() for error in errs]
    assert not errors, "\n".join(errors)


def test_latvian_catalogue_has_three_plural_forms() -> None:
    assert po("lv").plural_forms == LATVIAN_PLURALS
    assert po("lv").num_plurals == 3


def test_latvian_is_translated_not_copied() -> None:
    copied = [
        message.id
        for message in po("lv")
        if message.id
        and not isinstance(message.id, (list, tuple))
        and message.string == message.id
        and message.id not in SAME_IN_LATVIAN
    ]
    copied += [
        message.id[0]
        for message in po("lv")
        if isinstance(message.id, (list, tuple)) and set(message.string) & set(message.id)
    ]
    assert not copied, copied


def test_english_says_its_msgids() -> None:
    """English is a full catalogue, every msgstr its msgid: a reworded English text belongs
    in the source, where the Latvian translator will see that it changed."""
    differ = [
        message.id
        for message in po("en")
        if message.id
        and tuple(_forms(message))
        != (tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,))
    ]
    assert not differ, differ


@pytest.mark.parametrize("lang", ALL_CATALOGUES)
def test_committed_mo_matches_the_po(lang: str) -> None:
    """The program reads the .mo: compiling the .po now must give the same messages."""
    compiled = io.BytesIO()
    write_mo(compiled, po(lang))
    compiled.seek(0)
    fresh = read_mo(compiled)
    with open(_mo_path(lang), "rb") as fh:
        committed = read_mo(fh)

    def messages(catalog: Catalog) -> dict[object, object]:
        return {
            (tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id): _forms(m)
            for m in catalog
            if m.id
        }

    assert committed.plural_forms == fresh.plural_forms
    now, loaded = messages(fresh), messages(committed)
    stale = {
        key: (value, loaded.get(key)) for key, value in now.items() if loaded.get(key) != value
    }
    assert not stale, f"run tools/update-translations.sh; stale in {lang}: {stale}"
    assert set(loaded) == set(now), f"run tools/update-translations.sh ({lang})"
