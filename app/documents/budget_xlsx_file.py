"""A small ``.xlsx`` writer for the budget spreadsheet: typed cells, a few styles, fast.

openpyxl serialises every cell through a pure-Python XML writer (no lxml here): a
5,000-line budget took several seconds. A budget needs little of the format — text, exact
decimal numbers with number formats, dates, bold, a header band, column widths, a frozen
header — so the parts are written directly as strings into the zip: the same workbook in a
fraction of the time. Cells hold exact values (a ``Decimal`` is written as its digits, never
through a float); text is an inline string and never a formula, and text that starts with
``=``, ``+``, ``-`` or ``@`` also carries Excel's quote prefix.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from app.documents import part_file

FORMULA_STARTS = ("=", "+", "-", "@")
APPLICATION = "Study Visit Planner"  # the author when no person is named
_CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DOC_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
_APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"


@dataclass(frozen=True)
class Formula:
    """A live formula (``SUM(K2:K9)``, no leading ``=``) and the value the program worked
    out for it, written as the cached result: a viewer that does not calculate shows the
    program's figure, a spreadsheet program recalculates it and an auditor traces it."""

    expr: str
    value: Decimal | None = None


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = dt.date(1899, 12, 30)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_FONTS = {"normal": 0, "bold": 1, "title": 2}


def column(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def quote_sheet(title: str) -> str:
    """A sheet's name as a formula refers to it: ``'Pozīcijas'`` (quotes doubled inside)."""
    return "'" + title[:31].replace("'", "''") + "'"


class Styles:
    """The cell formats in use, each written once into ``styles.xml``."""

    def __init__(self) -> None:
        self._formats: dict[str, int] = {}
        self._xfs: dict[tuple[int, str, bool, bool], int] = {(0, "normal", False, False): 0}

    def index(
        self,
        fmt: str | None = None,
        *,
        font: str = "normal",
        header: bool = False,
        quote: bool = False,
    ) -> int:
        fmt_id = 0
        if fmt:
            fmt_id = self._formats.setdefault(fmt, 164 + len(self._formats))
        key = (fmt_id, font, header, quote)
        return self._xfs.setdefault(key, len(self._xfs))

    def xml(self) -> str:
        formats = "".join(
            f'<numFmt numFmtId="{i}" formatCode={quoteattr(code)}/>'
            for code, i in self._formats.items()
        )
        xfs = []
        for (fmt_id, font, header, quote), _i in sorted(self._xfs.items(), key=lambda kv: kv[1]):
            attrs = (
                f'numFmtId="{fmt_id}" fontId="{_FONTS[font]}" '
                f'fillId="{2 if header else 0}" borderId="0" xfId="0"'
            )
            if fmt_id:
                attrs += ' applyNumberFormat="1"'
            if font != "normal":
                attrs += ' applyFont="1"'
            if quote:
                attrs += ' quotePrefix="1"'
            inner = ""
            if header:
                attrs += ' applyFill="1" applyAlignment="1"'
                inner = '<alignment wrapText="1" vertical="top"/>'
            xfs.append(f"<xf {attrs}>{inner}</xf>")
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<styleSheet xmlns="{_MAIN}">'
            f'<numFmts count="{len(self._formats)}">{formats}</numFmts>'
            '<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="14"/><name val="Calibri"/></font></fonts>'
            '<fills count="3"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill>'
            '<fill><patternFill patternType="solid"><fgColor rgb="FFEEF1F5"/>'
            "</patternFill></fill></fills>"
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '</borders><cellStyleXfs count="1">'
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>"
        )


class Sheet:
    """Rows of cells; each cell is written as soon as it is added (a list of strings)."""

    def __init__(self, book: Book, title: str, widths: Sequence[float]) -> None:
        self.book = book
        self.title = title[:31]
        self.widths = list(widths)
        self.freeze: str | None = None
        self.title_rows: int = 0  # rows printed again at the top of every page
        self._rows: list[str] = []

    @property
    def next_row(self) -> int:
        """The number the next row added gets (1-based, as in a cell reference)."""
        return len(self._rows) + 1

    def add_row(
        self, cells: Iterable[tuple[Any, str | None, str, bool]], *, height: float | None = None
    ) -> None:
        """``(value, number format, font, header band)`` per cell; None values are skipped.
        ``height`` in points (a header of wrapped labels), else the default."""
        number = len(self._rows) + 1
        parts = []
        for index, (value, fmt, font, header) in enumerate(cells):
            if value is None:
                continue
            parts.append(self._cell(f"{column(index)}{number}", value, fmt, font, header))
        tall = f' ht="{height:g}" customHeight="1"' if height else ""
        self._rows.append(f'<row r="{number}"{tall}>{"".join(parts)}</row>')

    def _cell(self, ref: str, value: Any, fmt: str | None, font: str, header: bool) -> str:
        styles = self.book.styles
        if isinstance(value, str):
            text = _ILLEGAL.sub("\ufffd", value)
            style = styles.index(
                None, font=font, header=header, quote=text.startswith(FORMULA_STARTS)
            )
            return (
                f'<c r="{ref}" s="{style}" t="inlineStr"><is>'
                f'<t xml:space="preserve">{escape(text)}</t></is></c>'
            )
        if isinstance(value, Formula):
            style = styles.index(fmt, font=font, header=header)
            cached = "" if value.value is None else f"<v>{format(value.value, 'f')}</v>"
            return f'<c r="{ref}" s="{style}"><f>{escape(value.expr)}</f>{cached}</c>'
        if isinstance(value, bool):
            raise TypeError("write booleans as words")
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            style = styles.index(fmt or "yyyy-mm-dd", font=font, header=header)
            return f'<c r="{ref}" s="{style}"><v>{(value - _EPOCH).days}</v></c>'
        if isinstance(value, Decimal):
            digits = format(value, "f")
        elif isinstance(value, (int, float)):
            digits = repr(value)
        else:
            raise TypeError(f"cannot write {type(value).__name__} to a cell")
        style = styles.index(fmt, font=font, header=header)
        return f'<c r="{ref}" s="{style}"><v>{digits}</v></c>'

    def xml(self) -> str:
        pane = ""
        if self.freeze:
            match = re.fullmatch(r"([A-Z]+)(\d+)", self.freeze)
            assert match is not None
            letters, row = match.groups()
            x_split = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters))) - 1
            y_split = int(row) - 1
            pane = (
                f'<pane xSplit="{x_split}" ySplit="{y_split}" topLeftCell="{self.freeze}" '
                'activePane="bottomRight" state="frozen"/>'
                '<selection pane="bottomRight"/>'
            )
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(self.widths, start=1)
        )
        # Printed as a finance office files it: A4 landscape, as wide as the page (as
        # many pages down as it takes), the header rows on every page, sheet and page
        # number in the footer.
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            f"<cols>{cols}</cols><sheetData>{''.join(self._rows)}</sheetData>"
            '<printOptions gridLines="0"/>'
            '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" '
            'footer="0.3"/>'
            '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" '
            'fitToHeight="0"/>'
            "<headerFooter><oddFooter>&amp;L&amp;A&amp;R&amp;P / &amp;N</oddFooter>"
            "</headerFooter></worksheet>"
        )


class Book:
    """Sheets, their styles, and the document's own title and author (File > Properties)."""

    def __init__(self, *, title: str = "", author: str = "") -> None:
        self.styles = Styles()
        self.sheets: list[Sheet] = []
        self.title = title
        self.author = author

    @staticmethod
    def sheet_title(title: str) -> str:
        """The name a sheet called ``title`` gets (at most 31 characters)."""
        return title[:31]

    def create_sheet(self, title: str, widths: Sequence[float]) -> Sheet:
        sheet = Sheet(self, title, widths)
        self.sheets.append(sheet)
        return sheet

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the workbook atomically (a failed export leaves no half-written file)."""
        target = Path(path)
        tmp = part_file(target)
        n = len(self.sheets)
        try:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as z:
                z.writestr("[Content_Types].xml", self._content_types())
                z.writestr(
                    "_rels/.rels",
                    (
                        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
                        f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
                        f'<Relationship Id="rId2" Type="{_PKG_REL}/metadata/core-properties" '
                        'Target="docProps/core.xml"/><Relationship Id="rId3" '
                        f'Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
                        "</Relationships>"
                    ),
                )
                z.writestr("docProps/core.xml", self._core())
                z.writestr(
                    "docProps/app.xml",
                    (
                        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/'
                        '2006/extended-properties"><Application>Study Visit Planner'
                        "</Application></Properties>"
                    ),
                )
                sheets = "".join(
                    f'<sheet name={quoteattr(s.title)} sheetId="{i}" r:id="rId{i}"/>'
                    for i, s in enumerate(self.sheets, start=1)
                )
                titles = "".join(
                    f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                    f"{escape(quote_sheet(s.title))}!$1:${s.title_rows}</definedName>"
                    for i, s in enumerate(self.sheets)
                    if s.title_rows
                )
                names = f"<definedNames>{titles}</definedNames>" if titles else ""
                z.writestr(
                    "xl/workbook.xml",
                    (
                        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{sheets}</sheets>'
                        f"{names}</workbook>"
                    ),
                )
                rels = "".join(
                    f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                    f'Target="worksheets/sheet{i}.xml"/>'
                    for i in range(1, n + 1)
                )
                z.writestr(
                    "xl/_rels/workbook.xml.rels",
                    (
                        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        f'<Relationships xmlns="{_PKG_REL}">{rels}<Relationship Id="rId{n + 1}" '
                        f'Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
                    ),
                )
                for i, sheet in enumerate(self.sheets, start=1):
                    z.writestr(f"xl/worksheets/sheet{i}.xml", sheet.xml())
                z.writestr("xl/styles.xml", self.styles.xml())
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        return target

    def _core(self) -> str:
        from app.documents.common import prepared_on

        created = f"{prepared_on().isoformat()}T00:00:00Z"
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<cp:coreProperties xmlns:cp="{_CORE}" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(_ILLEGAL.sub('', self.title))}</dc:title>"
            f"<dc:creator>{escape(_ILLEGAL.sub('', self.author or APPLICATION))}"
            "</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
            "</cp:coreProperties>"
        )

    def _content_types(self) -> str:
        sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{sheet_type}"/>'
            for i in range(1, len(self.sheets) + 1)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'{sheets}<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f'<Override PartName="/docProps/core.xml" ContentType="{_DOC_TYPE}"/>'
            f'<Override PartName="/docProps/app.xml" ContentType="{_APP_TYPE}"/></Types>'
        )
