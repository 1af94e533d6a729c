# Shared set-up for tools/run-app.sh and tools/run-tests.sh (sourced, not run).
#
# Installs the Debian libraries Qt needs when they are missing (apt-get update only then),
# creates the virtual environment .venv (Debian's pip refuses system-wide installs, PEP 668)
# and installs the project into it, editable, with the test and build extras. The install is
# skipped while pyproject.toml is unchanged since the last one (a stamp file inside .venv).

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${STUDYVISIT_VENV:-$REPO_ROOT/.venv}"
PYTHON="${PYTHON:-python3}"
APT_UPDATED=0

say() { printf '%s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        say "Need root to run: $*"
        return 1
    fi
}

apt_install() {
    if [ "$APT_UPDATED" -eq 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

installed() { dpkg -s "$1" >/dev/null 2>&1; }

# need_debs PKG... ; "a|b" means either package will do (names differ between releases).
need_debs() {
    if ! command -v dpkg >/dev/null 2>&1; then
        say "Not a Debian system: make sure the Qt libraries are installed ($*)."
        return 0
    fi
    local missing=() spec alt found
    for spec in "$@"; do
        found=0
        IFS='|' read -r -a alts <<<"$spec"
        for alt in "${alts[@]}"; do
            if installed "$alt"; then found=1; break; fi
        done
        [ "$found" -eq 1 ] || missing+=("${alts[0]}")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        say "Installing system packages: ${missing[*]}"
        apt_install "${missing[@]}"
    fi
}

ensure_venv() {
    if [ ! -x "$VENV/bin/python" ]; then
        say "Creating the virtual environment $VENV"
        if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
            rm -rf "$VENV"
            local minor
            minor="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
            apt_install python3-venv "python${minor}-venv" || apt_install python3-venv
            "$PYTHON" -m venv "$VENV"
        fi
    fi
    local stamp="$VENV/.studyvisit-installed" want
    want="$(sha256sum "$REPO_ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -x "$VENV/bin/studyvisit" ]; then
        say "Installing Study Visit Planner and its dependencies into $VENV"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
            -e "$REPO_ROOT[test,build]"
        printf '%s\n' "$want" >"$stamp"
    fi
    export PATH="$VENV/bin:$PATH"
}
