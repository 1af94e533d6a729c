#!/usr/bin/env bash
# Start Study Visit Planner (arguments go to the `studyvisit` command, e.g. --db FILE).
# Installs what is missing first: Qt's libraries for a real screen and the Python packages.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup-env.sh"

need_debs libxcb-cursor0 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 \
    "libdbus-1-3|libdbus-1-3t64" libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
    libxcb-render-util0 libxcb-xinerama0 libxcb-xkb1 libxcb-shape0 fonts-dejavu-core
ensure_venv

exec studyvisit "$@"  # from the caller's folder: a relative --db is theirs
