#!/usr/bin/env bash
# Render sample pages of the delegates' documents for the demo visits to PNG, to look at.
#
#   bash tools/render-samples.sh [OUT_DIR]      (default /tmp/studyvisit-samples)
#
# Loads the demo visits into a scratch database, exports the programme (lv, en, nb), the
# itineraries, attendance, rooming and passenger lists, and renders their first pages with
# pdftoppm (poppler-utils). Prints the PNG paths and any font that is not embedded.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT="${1:-/tmp/studyvisit-samples}"
PY=.venv/bin/python
[ -x "$PY" ] || PY=python3
command -v pdftoppm >/dev/null || { echo "pdftoppm missing: apt-get install -y poppler-utils" >&2; exit 2; }
mkdir -p "$OUT"
DB="$OUT/samples.db"
rm -f "$DB" "$DB"-wal "$DB"-shm
export STUDYVISIT_DATA="$OUT/data" STUDYVISIT_CONFIG="$OUT/config"
sv() { "$PY" -m app --db "$DB" "$@" >/dev/null; }
sv demo
for lang in lv en nb; do
    sv export programme DEMO-BERGEN-2014 --lang "$lang" --out "$OUT/programme-bergen-$lang.pdf"
done
sv export programme DEMO-SEMINARS-2015 --out "$OUT/programme-seminar-lv.pdf"
sv export programme DEMO-KS-NORWAY-2023 --lang en --out "$OUT/programme-ks-en.pdf"
sv export delegates DEMO-KS-NORWAY-2023 --lang lv --out "$OUT/itineraries-ks-lv.pdf"
sv export attendance DEMO-TRONDELAG-2015 --out "$OUT/attendance-trondelag.pdf"
sv export rooming DEMO-TRONDELAG-2015 --lang en --out "$OUT/rooming-trondelag.pdf"
sv export passengers DEMO-POZNAN-2013 --lang en --out "$OUT/passengers-poznan.pdf"
sv export ics DEMO-BERGEN-2014 --out "$OUT/bergen.ics"
for pdf in "$OUT"/*.pdf; do
    base="${pdf%.pdf}"
    pdftoppm -png -r 70 -f 1 -l 4 "$pdf" "$base"
    pdffonts "$pdf" | awk -v f="$pdf" 'NR>2 && $(NF-4)!="yes" {print "not embedded in " f ": " $1}'
done
ls "$OUT"/*.png
