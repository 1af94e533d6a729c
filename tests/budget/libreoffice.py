"""LibreOffice as the second program that reads our spreadsheets: it recalculates every
formula (not trusting the cached values) and saves the result, for tests to compare."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

# Calc keeps an .xlsx file's cached results unless told to recalculate on load: without
# this setting a "recomputed" file would only repeat our own figures.
_ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def zero_cached_results(source: Path, target: Path) -> Path:
    """A copy whose formulas all claim 0 as their result: what LibreOffice then shows, it
    worked out itself."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1<v>0</v>", data)
            zout.writestr(item, data)
    return target


def recalculate(files: list[Path], folder: Path, to: str = "xlsx") -> list[Path]:
    """Open each file in LibreOffice (a private profile in ``folder``), recalculate and save
    it as ``to`` (xlsx, pdf…) into ``folder/out``; one LibreOffice run for all of them."""
    program = soffice()
    assert program is not None
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_ALWAYS_RECALCULATE)
    out = folder / "out"
    subprocess.run(
        [
            program,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return [out / (f.stem + "." + to.split(":")[0]) for f in files]
