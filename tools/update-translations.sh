#!/bin/sh
# Refresh the translation catalogues after strings changed in app/, ui/ or db/.
#
#   tools/update-translations.sh
#
# 1. extracts every message marked with _(), N_(), ngettext() or tr(lang, …) into
#    resources/translations/messages.pot (no source locations and sorted by msgid, so that
#    a change of line numbers does not churn the diff; a "# TR:" comment above a string
#    reaches the translator);
# 2. merges the template into the Latvian, English and Norwegian bokmål catalogues (creating
#    them if missing); new messages arrive empty, reworded ones arrive fuzzy: translate them
#    in lv/…/studyvisit.po, and in nb/…/studyvisit.po when a document prints them (bokmål is
#    a document language only: tests/documents and tests/budget check its document texts);
# 3. fills every empty English msgstr with its msgid (English is the source language, but the
#    catalogue is explicit, not a fallback);
# 4. compiles the .mo files the program loads. Run the tests afterwards: tests/i18n checks
#    that nothing is left untranslated or fuzzy and that the .mo files match the .po files.
set -eu

cd "$(dirname "$0")/.."
DIR=resources/translations
DOMAIN=studyvisit
POT="$DIR/messages.pot"

pybabel extract -F babel.cfg --no-default-keywords \
    -k _ -k N_ -k ngettext:1,2 -k tr:2 -k pgettext:1c,2 -k NC_:1c,2 -k trc:2c,3 \
    --no-location --sort-output --add-comments TR: \
    --project "Study Visit Planner" --copyright-holder "Study Visit Planner" \
    -o "$POT" .

for lang in lv en nb; do
    # --init-missing creates a catalogue that does not exist yet (Plural-Forms from CLDR:
    # Latvian gets its three forms). Locations stay off because the template has none.
    pybabel update -D "$DOMAIN" -i "$POT" -d "$DIR" -l "$lang" \
        --init-missing --ignore-obsolete --previous --ignore-pot-creation-date
done

python3 - "$DIR/en/LC_MESSAGES/$DOMAIN.po" <<'PY'
"""English: an empty or fuzzy msgstr becomes its msgid (singular and plural).

A fuzzy English entry is an old wording guessed for a changed msgid: the msgid wins.
"""
import sys

from babel.messages.pofile import read_po, write_po

path = sys.argv[1]
with open(path, "rb") as fh:
    catalog = read_po(fh, locale="en")
for message in catalog:
    if not message.id:
        continue
    plural = isinstance(message.id, (list, tuple))
    empty = not all(message.string) if plural else not message.string
    if empty or message.fuzzy:
        message.string = tuple(message.id) if plural else message.id
        message.flags.discard("fuzzy")
        message.previous_id = []
catalog.fuzzy = False
with open(path, "wb") as fh:
    write_po(fh, catalog, omit_header=False, no_location=True, width=76)
PY

pybabel compile -D "$DOMAIN" -d "$DIR" --statistics
