#!/usr/bin/env bash
# Build the one-folder program and smoke-test it as a user would get it (CI runs this after
# the unit tests, from .ci/run).
#
#   tools/smoke-frozen.sh                 set up .venv, build with build.spec, test the build
#   tools/smoke-frozen.sh --no-setup      use the python/pyinstaller already first on PATH
#   tools/smoke-frozen.sh --folder DIR    test an existing build (a copy; DIR is untouched)
#
# The built folder is moved out of the source tree and run with an empty environment (no
# LANG, PATH=/usr/bin:/bin, QT_QPA_PLATFORM=offscreen, a fresh data and settings folder):
# --version; --help and check say what the source program says (so the Latvian catalogue is
# inside); demo into the fresh data folder (the migrations are inside); the window started
# offscreen, painted and closed by itself (STUDYVISIT_SELFTEST), exit code 0, Qt's own
# Latvian buttons and the icon loaded; the programme (lv, en, nb) and the budget as PDF
# (fonts embedded) and XLSX; a Georgian title printed in the fallback font; the programme
# again with the system's zone database hidden (the tzdata zones are inside); check;
# db upgrade.
#
# Then it proves that it would notice: copies of the build each missing one thing (the .mo
# catalogues, Qt's translations, the fonts, the fallback font, the migrations, the tzdata
# zones) must FAIL the same checks. Prints the build time, the folder's size and the
# start-up times.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SETUP=1
FOLDER=""
while [ $# -gt 0 ]; do
    case "$1" in
        --no-setup) SETUP=0 ;;
        --folder) FOLDER="$(cd "$2" && pwd)"; shift ;;
        *) echo "usage: $0 [--no-setup] [--folder DIR]" >&2; exit 2 ;;
    esac
    shift
done

if [ "$SETUP" -eq 1 ]; then
    # shellcheck source=tools/setup-env.sh
    source "$REPO_ROOT/tools/setup-env.sh"
    need_debs libegl1 libgl1 libxkbcommon0 libfontconfig1 "libglib2.0-0|libglib2.0-0t64" \
        "libdbus-1-3|libdbus-1-3t64" poppler-utils binutils desktop-file-utils
    ensure_venv
fi
PY="$(command -v python)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/studyvisit-smoke.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
started=$SECONDS

say() { printf 'smoke: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; return 1; }

# --- the build: alone, from the checkout, then moved out of it.
if [ -z "$FOLDER" ]; then
    say "building with build.spec …"
    build_started=$SECONDS
    (cd "$REPO_ROOT" && pyinstaller --noconfirm --log-level WARN build.spec \
        >"$WORK/build.log" 2>&1) || { tail -40 "$WORK/build.log" >&2; fail "the build"; exit 1; }
    BUILD_SECONDS=$((SECONDS - build_started))
    mv "$REPO_ROOT/dist/studyvisit" "$WORK/studyvisit"
else
    BUILD_SECONDS="-"
    cp -a "$FOLDER" "$WORK/studyvisit"
fi
BUILT="$WORK/studyvisit"
EXPECTED_VERSION="$(cd "$REPO_ROOT" && "$PY" -c 'import app; print(app.__version__)')"
HEAD_REVISION="$(cd "$REPO_ROOT" && "$PY" -c 'from db.schema import HEAD; print(HEAD)')"

# run_in HOME_DIR PROGRAM ARGS…: the empty environment a fresh user session has.
run_in() {
    local home="$1"; shift
    (cd "$home" && env -i PATH=/usr/bin:/bin HOME="$home" QT_QPA_PLATFORM=offscreen \
        STUDYVISIT_DATA="$home/data" STUDYVISIT_CONFIG="$home/config" \
        ${EXTRA_ENV:+$EXTRA_ENV} "$@")
}

# expect_ok NAME COMMAND…: exit code 0 and no traceback; its output in $OUT.
expect_ok() {
    local name="$1"; shift
    local code=0
    OUT="$("$@" 2>"$WORK/stderr")" || code=$?
    if [ "$code" -ne 0 ] || grep -q "Traceback" "$WORK/stderr"; then
        sed 's/^/    /' "$WORK/stderr" | tail -8 >&2
        fail "$name (exit code $code)"
        return 1
    fi
}

# check_folder DIR: every check on one built folder; returns 1 at the first failure.
check_folder() {
    local dir="$1" home
    local exe="$dir/studyvisit"
    home="$(mktemp -d "$WORK/home.XXXXXX")"
    LAST_HOME="$home"

    expect_ok "--version" run_in "$home" "$exe" --version || return 1
    [ "$OUT" = "studyvisit $EXPECTED_VERSION" ] || { fail "--version said '$OUT'"; return 1; }

    # The Latvian catalogue: the built program's help is the source program's, word for word.
    expect_ok "--help" run_in "$home" "$exe" --help || return 1
    local source_help
    source_help="$(run_in "$home" env PYTHONPATH="$REPO_ROOT" "$PY" -m ui --help)"
    [ "$OUT" = "$source_help" ] || {
        diff <(echo "$source_help") <(echo "$OUT") | head -6 >&2
        fail "--help differs from the source program's (translations missing?)"; return 1; }

    expect_ok "demo" run_in "$home" "$exe" demo || return 1
    [ -s "$home/data/studyvisit.db" ] || { fail "demo wrote no database in the data folder"; return 1; }
    expect_ok "visits list" run_in "$home" "$exe" visits list --json || return 1
    local count
    count="$(echo "$OUT" | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))')"
    [ "$count" -ge 6 ] || { fail "visits list shows $count visits after demo"; return 1; }

    # The window, offscreen: painted, reported, closed by itself with exit code 0.
    EXTRA_ENV="STUDYVISIT_SELFTEST=$home/window.json" expect_ok "the window" \
        run_in "$home" "$exe" || return 1
    local problems
    problems="$("$PY" - "$home/window.json" "$EXPECTED_VERSION" 2>&1 <<'PY'

import json, sys
from pathlib import Path
report = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
problems = []
if report["language"] != "lv":
    problems.append(f"language {report['language']}")
if report["menus"][:1] == ["&File"]:
    problems.append("English menus in a Latvian window")
if report["qt_cancel"] != "Atcelt":
    problems.append(f"Qt's own buttons untranslated ({report['qt_cancel']})")
if not report["icon"]:
    problems.append("no window icon")
if report["colours"] < 20 or not report["screenshot"] or not Path(report["screenshot"]).is_file():
    problems.append(f"not painted ({report['colours']} colours)")
if report["version"] != sys.argv[2]:
    problems.append(f"version {report['version']}")
print("; ".join(problems))
sys.exit(1 if problems else 0)
PY
)" || { fail "the window: $problems"; return 1; }

    # Linux: the desktop entry and its icon beside the executable (README: Installing).
    [ -f "$dir/studyvisit.desktop" ] && [ -f "$dir/studyvisit.png" ] || {
        fail "no studyvisit.desktop and studyvisit.png beside the executable"; return 1; }
    if command -v desktop-file-validate >/dev/null; then
        desktop-file-validate "$dir/studyvisit.desktop" >&2 || {
            fail "studyvisit.desktop is not a valid desktop entry"; return 1; }
    fi

    local visit=DEMO-BERGEN-2014 out="$home/out"
    mkdir -p "$out"
    expect_ok "export programme (lv)" run_in "$home" "$exe" export programme "$visit" \
        --out "$out/programme.pdf" || return 1
    expect_ok "export programme (en)" run_in "$home" "$exe" export programme "$visit" \
        --out "$out/programme-en.pdf" --lang en || return 1
    expect_ok "export budget PDF" run_in "$home" "$exe" export budget "$visit" \
        --out "$out/budget.pdf" || return 1
    expect_ok "export budget XLSX" run_in "$home" "$exe" export budget "$visit" \
        --out "$out/budget.xlsx" || return 1
    local pdf
    for pdf in programme programme-en budget; do
        pdffonts "$out/$pdf.pdf" >"$WORK/fonts" 2>&1 || { fail "$pdf.pdf is not a PDF"; return 1; }
        grep -q "Roboto" "$WORK/fonts" || { fail "$pdf.pdf has no Roboto font"; return 1; }
        # every font embedded: the "emb" column of pdffonts is "yes" on every line
        if awk 'NR > 2 && $(NF-4) != "yes"' "$WORK/fonts" | grep -q .; then
            fail "$pdf.pdf refers to fonts it does not embed"; return 1
        fi
    done
    expect_ok "export programme (nb)" run_in "$home" "$exe" export programme "$visit" \
        --out "$out/programme-nb.pdf" --lang nb || return 1
    pdftotext "$out/programme.pdf" "$out/programme.txt"
    pdftotext "$out/programme-en.pdf" "$out/programme-en.txt"
    pdftotext "$out/programme-nb.pdf" "$out/programme-nb.txt"
    cmp -s "$out/programme.txt" "$out/programme-en.txt" && {
        fail "the Latvian and English programmes say the same"; return 1; }
    cmp -s "$out/programme-nb.txt" "$out/programme-en.txt" && {
        fail "the Bokmål and English programmes say the same"; return 1; }

    # Letters Roboto lacks (Georgian here) are printed in the fallback font: a visit file
    # out, its title changed, back in under a new code, its programme printed.
    expect_ok "export visit" run_in "$home" "$exe" export visit "$visit" \
        --out "$out/visit.json" || return 1
    "$PY" - "$out/visit.json" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as fh:
    data = json.load(fh)
data["visit"]["title"] = "Pieredzes vizīte Tbilisi — თბილისი"
with open(sys.argv[1], "w", encoding="utf-8") as fh:
    json.dump(data, fh, ensure_ascii=False)
PY
    expect_ok "import visit" run_in "$home" "$exe" import visit "$out/visit.json" \
        --as SMOKE-KA || return 1
    expect_ok "export programme (Georgian title)" run_in "$home" "$exe" export programme \
        SMOKE-KA --out "$out/programme-ka.pdf" || return 1
    pdffonts "$out/programme-ka.pdf" | grep -q "DejaVu" || {
        fail "letters Roboto lacks are not printed in the fallback font (DejaVu)"; return 1; }
    "$PY" - "$out/budget.xlsx" <<'PY' || { fail "budget.xlsx cannot be read by openpyxl"; return 1; }
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], read_only=True)
rows = sum(1 for sheet in book.worksheets for _ in sheet.iter_rows())
sys.exit(0 if rows > 5 else 1)
PY

    # The zones inside the folder: with the system's zone database hidden (as on Windows),
    # the programme prints the same local times.
    EXTRA_ENV="PYTHONTZPATH=$home/no-zoneinfo" expect_ok "export programme without the \
system zones" run_in "$home" "$exe" export programme "$visit" --out "$out/programme-tz.pdf" \
        || return 1
    pdftotext "$out/programme-tz.pdf" "$out/programme-tz.txt"
    cmp -s "$out/programme.txt" "$out/programme-tz.txt" || {
        fail "the programme differs without the system's zone database"; return 1; }

    expect_ok "check" run_in "$home" "$exe" check || return 1
    [ "$OUT" = "$(run_in "$home" env PYTHONPATH="$REPO_ROOT" "$PY" -m ui check)" ] || {
        fail "check said '$OUT', not what the source program says"; return 1; }
    expect_ok "db upgrade" run_in "$home" "$exe" db upgrade || return 1
    case "$OUT" in *"$HEAD_REVISION"*) ;; *) fail "db upgrade said '$OUT'"; return 1 ;; esac

    return 0
}

say "checking the build in $BUILT (moved out of the source tree) …"
check_started=$SECONDS
check_folder "$BUILT" || exit 1
CHECK_SECONDS=$((SECONDS - check_started))
TIMING_HOME="$LAST_HOME"  # holds the demo database
say "all checks passed"

# --- proof that the checks notice a build without each part.
# mutation NAME PATTERN…: a hard-linked copy of the build without the files named.
mutation() {
    local name="$1"; shift
    local copy="$WORK/without-${name//[^a-z]/_}" pattern removed=0
    cp -al "$BUILT" "$copy"
    for pattern in "$@"; do
        for path in $copy/_internal/$pattern; do
            [ -e "$path" ] && { rm -rf "$path"; removed=$((removed + 1)); }
        done
    done
    [ "$removed" -gt 0 ] || { fail "the build has no '$*' to take away"; return 1; }
    if check_folder "$copy" 2>"$WORK/mutation.log"; then
        fail "a build without $name passed the smoke test: it would not notice"
        return 1
    fi
    say "without $name the smoke test fails, as it must: $(grep FAILED "$WORK/mutation.log" | head -1 | sed 's/^smoke: FAILED: //')"
    rm -rf "$copy"
}
mutation "the .mo catalogues" "app/resources/translations/*/LC_MESSAGES/*.mo"
mutation "Qt's translations" "PySide6/Qt/translations/qtbase_*.qm"
mutation "the fonts" "font_roboto/files/*.ttf"
mutation "the fallback font" "app/resources/fonts/DejaVuSans.ttf"
mutation "the migrations" "db/migrations/versions/*.py"
mutation "the tzdata zones" "tzdata/zoneinfo"

# --- figures: size, start-up of the built program.
SIZE_MB="$(du -sm "$BUILT" | cut -f1)"
[ "$SIZE_MB" -le 200 ] || { fail "the folder is $SIZE_MB MB (budget 200 MB)"; exit 1; }
timed() {  # median of 3 wall times, in seconds
    local runs=() i t0
    for i in 1 2 3; do
        t0=$EPOCHREALTIME
        run_in "$TIMING_HOME" "$BUILT/studyvisit" "$@" >/dev/null 2>&1
        runs+=("$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')")
    done
    printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p
}
say "build: ${BUILD_SECONDS} s; checks: ${CHECK_SECONDS} s; whole smoke: $((SECONDS - started)) s"
say "folder: ${SIZE_MB} MB ($(find "$BUILT" -type f | wc -l) files)"
say "start-up of the built program: --version $(timed --version) s, visits list $(timed visits list) s (median of 3)"
