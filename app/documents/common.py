"""What every printed document shares: fonts, styles, safe text, page frame, progress.

Use it like this (the budget and summary builders do the same)::

    from app.documents import common as c

    step = c.Step(progress, cancel, total=parts)
    doc = c.document(tmp_path, title=..., lang="lv", footer=visit_title)
    story = [c.para(user_text, "body"),                   # user text: always escaped
             c.table([c.header_cells(labels), *rows], widths),
             c.Milestone(step)]                            # progress when laid out
    c.write_atomically(out_path, lambda tmp: c.build(doc_for(tmp), story, step))

Why each piece exists (see docs/pitfalls.md, ReportLab):

- ``register_fonts()`` registers the Roboto TTF family from the ``font-roboto`` package
  (regular, bold, italic, bold italic) with ``registerFontFamily``, so ``<b>``/``<i>`` work
  and every Latvian and Norwegian letter prints. ``document()`` sets ``initialFontName`` and
  ``table()`` sets ``FONTNAME`` on every cell, so no built-in Helvetica is referenced and
  ``pdffonts`` lists only embedded fonts. Never build a ``TableStyle`` without
  ``FONTNAME``; use ``table()`` or add ``base_table_style()`` first.
- ``para()``/``safe()`` escape user text (``<b>``, ``&`` and ``<font>`` print literally),
  keep newlines as line breaks, and break words longer than a column can hold; ``rich()``
  and ``fill()`` combine program-made markup with text already made ``safe``. ``P`` is the
  Paragraph class to use: it keeps its line breaking for a width it was wrapped to.
- ``date_range``/``date_phrase``/``day_heading`` (from ``words``) say dates in lv, en and nb
  with the Latvian case forms CLDR lacks; ``words.tr(lang, msgid)`` translates a document
  text into the document's language (lv, en or nb, each a gettext catalogue).
- ``build()`` numbers pages "N of M" (in the document's language) and says on every page
  when the document was prepared, with a canvas that lays out every page before it writes
  any; the PDF's creation date is the real one, and both are fixed to
  ``SOURCE_DATE_EPOCH`` when that is set (reproducible builds and tests); a ``FooterNote`` in the story adds a name to the
  footer from its page on, and with a ``Step`` the cancel check runs after every page.
- ``Step`` carries the progress callback and the cancel check of a builder run off the
  window's thread; ``write_atomically()`` leaves no half-written file behind.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Table,
    TableStyle,
)

from app.documents import part_file
from app.documents.reading_order import visual_order
from app.documents.words import date_phrase, date_range, day_heading, short_date, tr
from app.progress import CancelCheck, Cancelled, Progress, Step

# re-exported for builders (progress and cancel checks are every long job's: app/progress.py)
__all__ = [
    "CancelCheck",
    "Cancelled",
    "Progress",
    "Step",
    "date_phrase",
    "date_range",
    "day_heading",
    "tr",
]

FONT = "Roboto"
FONT_BOLD = "Roboto-Bold"
FONT_ITALIC = "Roboto-Italic"
FONT_BOLD_ITALIC = "Roboto-BoldItalic"
FONT_FALLBACK = "DejaVuSans"  # Arabic, Hebrew, Georgian, Armenian… letters Roboto lacks

PAGE = A4
MARGIN = 18 * mm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN
LANDSCAPE = landscape(A4)
LANDSCAPE_FRAME_WIDTH = LANDSCAPE[0] - 2 * MARGIN

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6673")
ACCENT = colors.HexColor("#8a1c2b")  # Latvian carmine, used sparingly
RULE = colors.HexColor("#c9ced6")
SHADE = colors.HexColor("#eef1f5")
TRACK_SHADE = colors.HexColor("#f7f3e8")

_registered = False
_register_lock = threading.Lock()


def register_fonts() -> None:
    """Register the Roboto family once per process (TTF parsing is the costly part).

    Safe to call from a worker thread: the window builds documents off its UI thread.
    """
    with _register_lock:
        _register_fonts()


def _register_fonts() -> None:
    global _registered
    if _registered:
        return
    import font_roboto
    from reportlab import rl_config

    # Binary page streams: the ASCII85 armour costs time (in pure Python) and 25 % size.
    rl_config.useA85 = 0
    folder = Path(font_roboto.font_directory)
    for name, file in (
        (FONT, "Roboto-Regular.ttf"),
        (FONT_BOLD, "Roboto-Bold.ttf"),
        (FONT_ITALIC, "Roboto-Italic.ttf"),
        (FONT_BOLD_ITALIC, "Roboto-BoldItalic.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )
    from app.resource_files import FALLBACK_FONT_FILE

    if FALLBACK_FONT_FILE.is_file():
        pdfmetrics.registerFont(TTFont(FONT_FALLBACK, str(FALLBACK_FONT_FILE)))
        pdfmetrics.registerFontFamily(
            FONT_FALLBACK,
            normal=FONT_FALLBACK,
            bold=FONT_FALLBACK,
            italic=FONT_FALLBACK,
            boldItalic=FONT_FALLBACK,
        )
    _registered = True


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=12.5, textColor=INK)
    small = ParagraphStyle("small", parent=base, fontSize=8, leading=10, textColor=MUTED)
    return {
        "body": base,
        "small": small,
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=11.5),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=base, fontName=FONT_BOLD, fontSize=9, leading=11.5
        ),
        "cell_small": ParagraphStyle("cell_small", parent=small, fontSize=7.8, leading=9.6),
        "header": ParagraphStyle(
            "header",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=10.5,
            textColor=colors.white,
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=26,
            leading=31,
            textColor=INK,
            spaceAfter=6 * mm,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=14, leading=18, textColor=ACCENT, spaceAfter=3 * mm
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=16,
            leading=20,
            keepWithNext=1,
            textColor=ACCENT,
            spaceBefore=2 * mm,
            spaceAfter=4 * mm,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            keepWithNext=1,
            textColor=INK,
            spaceBefore=5 * mm,
            spaceAfter=2 * mm,
        ),
        "day": ParagraphStyle(
            "day",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=12,
            leading=15,
            textColor=INK,
            spaceBefore=5 * mm,
            spaceAfter=1.5 * mm,
        ),
        "note": ParagraphStyle("note", parent=small, fontName=FONT_ITALIC, spaceAfter=2 * mm),
        "note_keep": ParagraphStyle(
            "note_keep", parent=small, fontName=FONT_ITALIC, spaceAfter=2 * mm, keepWithNext=1
        ),
        "centre_small": ParagraphStyle("centre_small", parent=small, alignment=TA_CENTER),
    }


_STYLES: dict[str, ParagraphStyle] | None = None


def styles() -> dict[str, ParagraphStyle]:
    """The shared paragraph styles (fonts registered first)."""
    global _STYLES
    register_fonts()
    if _STYLES is None:
        _STYLES = _styles()
    return _STYLES


# --------------------------------------------------------------------------- paragraphs


class P(Paragraph):
    """A Paragraph that remembers its layout for a width it was already wrapped to.

    A table wraps every cell to measure the rows and again to draw them; keeping the first
    result halves the line-breaking work, the largest cost of a long document. The same
    instance may then appear in several documents' tables (itineraries share items).
    """

    _wrapped_for: tuple[float, float, float] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        done = self._wrapped_for
        if done is not None and done[0] == availWidth:
            self.width = availWidth
            return done[1], done[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped_for = (availWidth, width, height)
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        self._wrapped_for = None
        return super().split(availWidth, availHeight)


# --------------------------------------------------------------------------- safe text

_LONG_WORD = re.compile(r"\S{28,}")
_ZWSP = "\u200b"
_ADDRESS = re.compile(r"@|://|^www\.", re.IGNORECASE)


def _breakable(word: re.Match[str]) -> str:
    """Offer a break every 20 characters inside a very long word (codes, long names).

    Not inside an e-mail address or a URL: a copied address must work, and an invisible
    break character in it would spoil it. ReportLab splits such a word at the column's
    edge by itself (``splitLongWords``), adding nothing to the text.
    """
    text = word.group(0)
    if _ADDRESS.search(text):
        return text
    return _ZWSP.join(text[i : i + 20] for i in range(0, len(text), 20))


_INVISIBLE = {"Mn", "Me", "Cf", "Sk"}  # joiners, variation selectors, skin tones
_covered: frozenset[int] | None = None
_fallback: frozenset[int] | None = None


def _covered_codepoints() -> frozenset[int]:
    global _covered
    if _covered is None:
        register_fonts()
        _covered = frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)
    return _covered


def _fallback_codepoints() -> frozenset[int]:
    """Letters the fallback font draws and Roboto does not (empty without the font)."""
    global _fallback
    if _fallback is None:
        register_fonts()
        try:
            face = pdfmetrics.getFont(FONT_FALLBACK).face
        except KeyError:
            _fallback = frozenset()
        else:
            _fallback = (
                frozenset(
                    code
                    for code in face.charToGlyph
                    if unicodedata.category(chr(code)) not in ("Cf", "Sk", "Zs", "Cc")
                    and not 0xFE00 <= code <= 0xFE0F
                )
                - _covered_codepoints()
            )
    return _fallback


_LAYOUT = frozenset("\n\r\t")  # not glyphs, but line breaks and spaces to the layout


def _stand_in(char: str, covered: frozenset[int]) -> str:
    if ord(char) in covered or char in _LAYOUT:
        return char
    category = unicodedata.category(char)
    if category in _INVISIBLE:
        return ""
    if category == "So":  # an emoji or other symbol: say which, in brackets
        return f"[{unicodedata.name(char, '?').lower()}]"
    return "\ufffd"


def printable(text: str, *, fallback: bool = False) -> str:
    """``text`` with every character Roboto cannot draw replaced by a visible stand-in.

    ReportLab silently leaves out a character the font has no glyph for: an emoji in a
    lesson or a caption would vanish from the printout without trace. A symbol is written
    as its Unicode name ("[slightly smiling face]"), any other missing letter as "\ufffd",
    and invisible joiners and variation selectors are dropped. With ``fallback`` (text for
    a Paragraph, which can change font) letters the fallback font draws are kept: an
    Arabic or Georgian name prints (``in_fallback_font`` marks them). Plain ASCII is
    returned at once, so long tables pay nothing for it.
    """
    if text.isascii():
        return text
    covered = _covered_codepoints()
    if fallback:
        covered = covered | _fallback_codepoints()
    if all(ord(char) in covered or char in _LAYOUT for char in text):
        return text
    return "".join(_stand_in(char, covered) for char in text)


def in_fallback_font(markup: str) -> str:
    """Markup with each run of letters Roboto lacks set in the fallback font."""
    if markup.isascii():
        return markup
    extra = _fallback_codepoints()
    out: list[str] = []
    run: list[str] = []
    for char in markup:
        if ord(char) in extra:
            run.append(char)
            continue
        if run:
            out.append(f'<font face="{FONT_FALLBACK}">{"".join(run)}</font>')
            run = []
        out.append(char)
    if run:
        out.append(f'<font face="{FONT_FALLBACK}">{"".join(run)}</font>')
    return "".join(out)


def safe(text: object) -> str:
    """User text as Paragraph markup that prints exactly what was typed.

    ``<``, ``>`` and ``&`` are escaped (so ``<b>`` is text, not bold), newlines become
    ``<br/>``, words too long for a column get break opportunities, Arabic and Hebrew are
    joined and put in visual order (``visual_order``), and characters the font lacks get a
    visible stand-in (``printable``).
    """
    if text is None:
        return ""
    typed = visual_order(str(text).replace("\r\n", "\n"))
    value = _LONG_WORD.sub(_breakable, printable(typed, fallback=True))
    return in_fallback_font(escape(value)).replace("\n", "<br/>")


def para(text: object, style: ParagraphStyle | str = "body", *, markup: str = "") -> Paragraph:
    """A Paragraph of user text (escaped), optionally prefixed by trusted ``markup``."""
    chosen = styles()[style] if isinstance(style, str) else style
    return P(markup + safe(text), chosen)


def rich(markup: str, style: ParagraphStyle | str = "body") -> Paragraph:
    """A Paragraph of markup the program built itself (every user part already ``safe``)."""
    chosen = styles()[style] if isinstance(style, str) else style
    return P(markup, chosen)


def fill(template: str, **markup: str) -> str:
    """A translated ``template`` (escaped) with placeholders filled by ready ``markup``."""
    return escape(template).format(**markup)


def bold(text: object) -> str:
    return f"<b>{safe(text)}</b>"


def muted(text: object) -> str:
    return f'<font color="{MUTED.hexval()}">{safe(text)}</font>'


# --------------------------------------------------------------------------- tables


def base_table_style(*, header_rows: int = 1, font_size: float = 9) -> list[tuple[Any, ...]]:
    """Commands every table needs: our font on every cell, padding, header band, rules."""
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.4, RULE),
    ]
    if header_rows:
        commands += [
            ("FONTNAME", (0, 0), (-1, header_rows - 1), FONT_BOLD),
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), INK),
            ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ]
    return commands


def table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    extra: Sequence[tuple[Any, ...]] = (),
    font_size: float = 9,
    kind: type[Table] = Table,
) -> Any:
    """A table that repeats its header on each page and splits between rows, never inside.

    Cells should be Paragraphs (built with ``para``) so that long text wraps; a row must
    fit on one page, so split very long texts into several rows before calling this.
    """
    styles()
    cells = [[printable(cell) if isinstance(cell, str) else cell for cell in row] for row in rows]
    result = kind(cells, colWidths=list(widths), repeatRows=header_rows, hAlign="LEFT")
    result.setStyle(
        TableStyle([*base_table_style(header_rows=header_rows, font_size=font_size), *extra])
    )
    return result


def header_cells(labels: Sequence[str]) -> list[Paragraph]:
    """Header row cells: program-made labels, white on the dark band."""
    return [para(label, "header") for label in labels]


# --------------------------------------------------------------------------- pages


def prepared_on() -> dt.date:
    """The day a document is prepared: today, or ``SOURCE_DATE_EPOCH``'s day when set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


class _NumberedCanvas(Canvas):
    """Holds each page until the end, then writes them with "N of M" in the footer."""

    footer_left = ""
    lang = "lv"
    step: Step | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        if self.step is not None:  # a long booklet can be cancelled between pages
            self.step.check()
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        numbers = _page_numbers([state.get("footer_group") for state in self._pages])
        for state, (number, total) in zip(self._pages, numbers, strict=True):
            self.__dict__.update(state)
            self._footer(number, total)
            super().showPage()
        super().save()

    def _footer(self, number: int, total: int) -> None:
        note = getattr(self, "footer_note", "")
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.4)
        y = 11 * mm
        page_width = self._pagesize[0]  # a landscape page's footer spans its width
        self.line(MARGIN, y + 3.5 * mm, page_width - MARGIN, y + 3.5 * mm)
        left = f"{note} · {self.footer_left}" if note else self.footer_left
        # user text (a person's name, a visit's title) as a paragraph prints it: Arabic
        # and Hebrew joined and in visual order, letters Roboto lacks in the fallback font
        # (drawn in Roboto, an Arabic name in an itinerary's footer came out as nothing)
        left = printable(visual_order(left), fallback=True)
        right = (
            tr(self.lang, "Prepared {date}").format(date=short_date(prepared_on(), self.lang))
            + " · "
            + tr(self.lang, "Page {page} of {pages}").format(page=number, pages=total)
        )
        room = page_width - 2 * MARGIN - pdfmetrics.stringWidth(right, FONT, 7.5) - 6 * mm
        if _runs_width(left, 7.5) > room:
            while left and _runs_width(left + "…", 7.5) > room:
                left = left[:-1]
            left += "…"
        x = MARGIN
        for font, run in _font_runs(left):
            self.setFont(font, 7.5)
            self.drawString(x, y, run)
            x += pdfmetrics.stringWidth(run, font, 7.5)
        self.setFont(FONT, 7.5)
        self.drawRightString(page_width - MARGIN, y, right)
        self.restoreState()


def _font_runs(text: str) -> list[tuple[str, str]]:
    """``text`` cut into runs of one font each: Roboto, or the fallback font for the
    letters only it draws (``in_fallback_font`` for text drawn on the canvas)."""
    if text.isascii():
        return [(FONT, text)] if text else []
    extra = _fallback_codepoints()
    runs: list[tuple[str, str]] = []
    for char in text:
        font = FONT_FALLBACK if ord(char) in extra else FONT
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


def _runs_width(text: str, size: float) -> float:
    return sum(pdfmetrics.stringWidth(run, font, size) for font, run in _font_runs(text))


class FooterNote(Flowable):
    """Invisible: from the page where it stands on, the footer also names ``text``.

    A booklet of itineraries puts the person's name in the footer of each of their pages;
    pages are then numbered within each ``group`` ("Page 2 of 4" of that person's part),
    because the booklet is cut up and each delegate gets their own pages.
    """

    def __init__(self, text: str, group: object = None) -> None:
        super().__init__()
        self.text = text
        self.group = text if group is None else group
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.canv.footer_note = self.text
        self.canv.footer_group = self.group


def _page_numbers(groups: list[object]) -> list[tuple[int, int]]:
    """(number, total) of each page: within runs of the same group, else in the document."""
    if all(group is None for group in groups):
        return [(i + 1, len(groups)) for i in range(len(groups))]
    numbers: list[tuple[int, int]] = []
    start = 0
    for end in range(1, len(groups) + 1):
        if end == len(groups) or groups[end] != groups[end - 1]:
            numbers += [(i - start + 1, end - start) for i in range(start, end)]
            start = end
    return numbers


class OddPageStart(Flowable):
    """Invisible, at the top of a page: when that page is even, it is left blank and what
    follows starts on the next, odd page.

    A booklet of itineraries printed double-sided is cut up between people: each person's
    part must start on a right-hand (odd) page, or the first page of one person would be
    printed on the back of another's last page. The blank page counts with the part before.
    """

    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = 0
        self._skipped: int | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        page = self._doctemplateAttr("page")
        frame = self._doctemplateAttr("frame")
        if page is not None and frame is not None and page % 2 == 0 and self._skipped != page:
            from reportlab.platypus.doctemplate import FrameBreak

            self._skipped = page
            frame.add_generated_content(FrameBreak)
        return 0, 0

    def draw(self) -> None:
        pass


class Milestone(Flowable):
    """Invisible: advances ``step`` when the layout reaches it, so progress follows the
    pages being laid out (the long part) rather than the quick gathering of the story."""

    def __init__(self, step: Step) -> None:
        super().__init__()
        self.step = step
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.step.advance()


class _TwoWayDocument(BaseDocTemplate):
    """A4 portrait pages, and landscape ones for a wide table: a story turns with
    ``NextPageTemplate(PORTRAIT or LANDSCAPE_PAGES)`` and a ``PageBreak``."""

    def build(
        self,
        flowables: list[Any],
        onFirstPage: Any = None,
        onLaterPages: Any = None,
        canvasmaker: Any = Canvas,
    ) -> None:
        from reportlab.platypus import Frame, PageTemplate

        self._calc()
        wide = LANDSCAPE[0] - self.leftMargin - self.rightMargin
        high = LANDSCAPE[1] - self.topMargin - self.bottomMargin
        self.addPageTemplates(
            [
                PageTemplate(
                    id=PORTRAIT,
                    pagesize=PAGE,
                    frames=[
                        Frame(
                            self.leftMargin, self.bottomMargin, self.width, self.height, id="normal"
                        )
                    ],
                ),
                PageTemplate(
                    id=LANDSCAPE_PAGES,
                    pagesize=LANDSCAPE,
                    frames=[Frame(self.leftMargin, self.bottomMargin, wide, high, id="wide")],
                ),
            ]
        )
        BaseDocTemplate.build(self, flowables, canvasmaker=canvasmaker)


PORTRAIT = "portrait"
LANDSCAPE_PAGES = "landscape"


def document(
    path: str | os.PathLike[str],
    *,
    title: str,
    lang: str,
    footer: str = "",
    author: str = "",
    landscape_pages: bool = False,
) -> BaseDocTemplate:
    """An A4 document in our font from the first mark on the canvas (no Helvetica).

    ``landscape_pages``: the story may turn some pages to landscape (see ``PORTRAIT``).
    """
    register_fonts()
    doc = (_TwoWayDocument if landscape_pages else SimpleDocTemplate)(
        str(path),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=16 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=author,
        creator="Study Visit Planner",
        lang=lang,
        initialFontName=FONT,
        initialFontSize=9.5,
        # the real creation date, unless a reproducible build asks for SOURCE_DATE_EPOCH's
        invariant=1 if os.environ.get("SOURCE_DATE_EPOCH", "").strip() else 0,
    )
    doc.footer_text = footer
    doc.doc_lang = lang
    return doc


def build(doc: BaseDocTemplate, story: list[Any], step: Step | None = None) -> None:
    """Lay out ``story`` with "Page N of M" footers in the document's language.

    With ``step``, its cancel check runs after every page laid out.
    """
    canvas_class = type(
        "DocumentCanvas",
        (_NumberedCanvas,),
        {
            "footer_left": getattr(doc, "footer_text", ""),
            "lang": getattr(doc, "doc_lang", "lv"),
            "step": step,
        },
    )
    doc.build(story, canvasmaker=canvas_class)


def write_atomically(path: str | os.PathLike[str], write: Callable[[str], None]) -> Path:
    """Let ``write`` fill a temporary file beside ``path``, then put it in place.

    A failure or a cancel leaves whatever was at ``path`` before untouched.
    """
    target = Path(path)
    tmp = part_file(target)
    try:
        write(str(tmp))
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def logo_flowable(data: bytes | None, *, max_width: float, max_height: float) -> Any:
    """The project's logo scaled to fit, or None when there is none or it cannot be read."""
    if not data:
        return None
    from io import BytesIO

    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    try:
        reader = ImageReader(BytesIO(data))
        width, height = reader.getSize()
    except Exception:  # a damaged image must not stop the programme being printed
        return None
    scale = min(max_width / width, max_height / height, 1.0 if width > max_width else 10.0)
    image = Image(BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image
