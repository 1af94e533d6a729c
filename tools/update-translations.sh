#!/bin/sh
# Refresh the translation catalogues after strings changed in app/, ui/ or db/.
#
#   tools/update-translations.sh
#
# 1. extracts every message marked with _(), N_(), ngettext() or tr(lang, …) into
#    resources/translations/messages.pot (no source locations and sorted by msgid, so that
#    a change of line numbers does not churn the diff);
# 2. merges the template into the Latvian and English catalogues (creating them if missing);
#    new messages arrive empty, reworded ones arrive fuzzy: translate them in lv/…/studyvisit.po;
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
    -k _ -k N_ -k ngettext:1,2 -k tr:2 \
    --no-location --sort-output \
    --project "Study Visit Planner" --copyright-holder "Study Visit Planner" \
    -o "$POT" .

for lang in lv en; do
    po="$DIR/$lang/LC_MESSAGES/$DOMAIN.po"
    if [ -f "$po" ]; then
        pybabel update -D "$DOMAIN" -i "$POT" -d "$DIR" -l "$lang" \
            --no-location --ignore-obsolete --previous
    else
        pybabel init -D "$DOMAIN" -i "$POT" -d "$DIR" -l "$lang"
    fi
done

python3 - "$DIR/en/LC_MESSAGES/$DOMAIN.po" <<'PY'
"""English: an empty msgstr becomes its msgid (singular and plural)."""
import sys

from babel.messages.pofile import read_po, write_po

path = sys.argv[1]
with open(path, "rb") as fh:
    catalog = read_po(fh, locale="en")
for message in catalog:
    if not message.id:
        continue
    if isinstance(message.id, tuple):
        if not any(message.string):
            message.string = tuple(message.id)
            message.flags.discard("fuzzy")
    elif not message.string:
        message.string = message.id
        message.flags.discard("fuzzy")
catalog.fuzzy = False
with open(path, "wb") as fh:
    write_po(fh, catalog, omit_header=False, no_location=True, width=76)
PY

pybabel compile -D "$DOMAIN" -d "$DIR" --statistics
