"""A participant list from a spreadsheet: read, map columns, check every line, then save.

Coordinators receive delegate lists as CSV or Excel files with headers in Latvian or
English ("Vārds", "Uzvārds", "E-pasts", "Ēdināšana"…). The import is two steps so that a
bad file changes nothing: ``plan`` reads the table with a column mapping (guessed from the
headers, changeable by the user) and returns every line's outcome and every problem with
its line number; ``apply`` saves a plan without problems in one transaction. A person is
matched in the directory by e-mail, else by exact given and family name, and reused; the
others are created. An organisation named in the file is matched by name or created.

Files come as Latvian offices make them (docs/pitfalls.md): semicolon-separated (Latvian Excel's
default) with quoted cells holding ";", which ``csv.Sniffer`` misreads, so the separator is
found by clevercsv's dialect detection and can be chosen by the user; Excel's "Unicode
text" (UTF-16, tabs); old Mac files ending lines with CR only; a title row above the
header (the header is the row among the first ones whose cells name most known fields);
the list on another sheet of a workbook (the first sheet with name columns is taken, any
can be chosen). ``.xlsx``, ``.xls``, ``.xlsb`` and ``.ods`` workbooks are read with
python-calamine.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from app.domain.latvian import guess_gender
from app.domain.text import fold
from app.domain.typed_dates import typed_date
from app.domain.validation import Invalid
from app.i18n import N_, NC_, _, date_text, pgettext
from app.progress import CancelCheck, Progress, Step
from db.enums import PARTICIPATION_STATUSES, ROLES
from db.models import Organisation, Participation, Person, Visit
from db.types import new_uuid

# The fields a column can be mapped to, with the words a header may use for each.
FIELDS: dict[str, str] = {
    "name": N_("Full name"),
    "given_name": N_("Given name"),
    "family_name": N_("Family name"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "organisation": N_("Organisation"),
    "position": N_("Position"),
    "role": N_("Role"),
    "status": N_("Status"),
    "arrives": N_("Arrives"),
    "departs": N_("Departs"),
    "dietary": N_("Dietary needs"),
    "accessibility": N_("Accessibility needs"),
    "notes": N_("Notes"),
}
_HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "vards uzvards", "vards, uzvards", "dalibnieks", "participant"),
    "given_name": ("given name", "first name", "firstname", "vards", "given"),
    "family_name": ("family name", "last name", "surname", "lastname", "uzvards"),
    "email": ("email", "e-mail", "e-pasts", "epasts", "mail"),
    "phone": ("phone", "telephone", "mobile", "talrunis", "telefons", "talr", "tel"),
    "organisation": (
        "organisation",
        "organization",
        "institution",
        "iestade",
        "organizacija",
        "pasvaldiba",
        "employer",
    ),
    "position": ("position", "job title", "title", "amats"),
    "role": ("role", "loma"),
    "status": ("status", "statuss"),
    "arrives": ("arrives", "arrival", "ierasanas", "ierodas", "atbrauc"),
    "departs": ("departs", "departure", "aizbraukšana", "aizbrauksana", "aizbrauc"),
    "dietary": ("dietary", "diet", "dietary needs", "edinasana", "uzturs", "edinasanas"),
    "accessibility": ("accessibility", "access needs", "pieejamiba", "ipasas vajadzibas"),
    "notes": ("notes", "comments", "piezimes", "komentari"),
}

ROLE_LABELS = {
    "head": N_("Head of delegation"),
    "delegate": N_("Delegate"),
    "coordinator": N_("Coordinator"),
    "interpreter": N_("Interpreter"),
    "expert": N_("Expert"),
    "press": N_("Press"),
    "driver": N_("Driver"),
}
# A participant's status, one form in Latvian (a participle: Uzaicināts, Apstiprināts,
# Atteicies, Atcelts, Piedalījies); "participant" tells them from a visit's statuses.
STATUS_CONTEXT = "participant"
STATUS_LABELS = {
    "invited": NC_("participant", "Invited"),
    "confirmed": NC_("participant", "Confirmed"),
    "declined": NC_("participant", "Declined"),
    "cancelled": NC_("participant", "Cancelled"),
    "attended": NC_("participant", "Attended"),
}
# Latvian role and status words, folded, in the masculine and the feminine form.
_ROLE_WORDS = {
    "vaditajs": "head",
    "vaditaja": "head",
    "delegacijas vaditajs": "head",
    "delegacijas vaditaja": "head",
    "delegats": "delegate",
    "delegate": "delegate",
    "koordinators": "coordinator",
    "koordinatore": "coordinator",
    "tulks": "interpreter",
    "tulce": "interpreter",
    "eksperts": "expert",
    "eksperte": "expert",
    "prese": "press",
    "zurnalists": "press",
    "zurnaliste": "press",
    "vaditajs (soferis)": "driver",
    "soferis": "driver",
    "sofere": "driver",
}
_STATUS_WORDS = {
    "uzaicinats": "invited",
    "uzaicinata": "invited",
    "apstiprinats": "confirmed",
    "apstiprinata": "confirmed",
    "atteicies": "declined",
    "atteikusies": "declined",
    "atcelts": "cancelled",
    "atcelta": "cancelled",
    "piedalijas": "attended",
    "piedalijies": "attended",
    "piedalijusies": "attended",
    "yes": "confirmed",
    "ja": "confirmed",
    "no": "declined",
    "ne": "declined",
}


def role_label(code: str) -> str:
    return _(ROLE_LABELS[code]) if code in ROLE_LABELS else code  # never _(""): the header


def status_label(code: str) -> str:
    return pgettext(STATUS_CONTEXT, STATUS_LABELS[code]) if code in STATUS_LABELS else code


def _plain(text: str) -> str:
    return " ".join(fold(text).split())


@dataclass
class Table:
    """The file's header row and its data lines, each with its line number in the file.

    ``header_line`` is the line the header was read from (title rows above it are left
    out); a workbook names its ``sheets`` and the ``sheet`` read; a text file the
    ``delimiter`` used.
    """

    headers: list[str]
    rows: list[tuple[int, list[Any]]]
    header_line: int = 1
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    delimiter: str | None = None


class FileProblem(Invalid):
    """The file as a whole cannot be read (not CSV/XLSX, empty, damaged)."""


DELIMITERS: dict[str, str] = {
    ";": N_("Semicolon (;)"),
    ",": N_("Comma (,)"),
    "\t": N_("Tab"),
    "|": N_("Vertical bar (|)"),
}
WORKBOOKS = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
# Lines checked or saved per batch (a save's batch is one INSERT of people and one of
# participations); between batches the window hears how far it is and whether to stop.
BATCH = 1000
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .xls (and other Office 97 files)
_HEADER_SEARCH = 15  # rows looked at for the header row


def read_table(
    path: str | Path, *, delimiter: str | None = None, sheet: str | None = None
) -> Table:
    """Read a text table (CSV or tab-separated; UTF-8, UTF-16 or Windows-1257; any line
    ends) or a workbook (.xlsx, .xls, .xlsb, .ods). ``delimiter`` and ``sheet`` override
    what is found in the file."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise FileProblem(
            _("{file} cannot be read: {reason}").format(file=file, reason=exc.strerror or exc)
        ) from None
    if file.suffix.lower() in WORKBOOKS or data[:2] == b"PK" or data[:8] == _OLE:
        return _read_workbook(data, file, sheet)
    return read_csv_text(_decode(data), delimiter)


def _decode(data: bytes) -> str:
    """Text of a file: UTF-16 (Excel's "Unicode text", with or without its BOM), UTF-8,
    else Windows-1257 (Baltic), else Latin-1, which reads anything."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    head = data[:400]
    if head and head.count(0) * 4 >= len(head):  # every other byte zero: UTF-16 text
        odd = head[1::2].count(0) >= head[0::2].count(0)
        try:
            return data.decode("utf-16-le" if odd else "utf-16-be")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1257"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """The separator of a text table, by clevercsv's dialect detection (a quoted cell
    holding ";" or "," does not mislead it), else the likeliest character of the first
    line."""
    import clevercsv

    sample = text[:20000]
    try:
        found = clevercsv.Detector().detect(sample, delimiters=list(DELIMITERS))
    except Exception:  # clevercsv may fail on odd text; the count below still answers
        found = None
    if found is not None and found.delimiter in DELIMITERS:
        return str(found.delimiter)
    first = next((line for line in sample.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=lambda d: (first.count(d), d == ";"))


def read_csv_text(text: str, delimiter: str | None = None) -> Table:
    delimiter = delimiter or sniff_delimiter(text)
    # newline=None: universal line ends, so a file of CR-only lines (old Macs) is read too
    reader = csv.reader(
        io.StringIO(text, newline=None),
        delimiter=delimiter,
        quotechar='"',
        doublequote=True,
        skipinitialspace=False,
    )
    numbered = [
        (number, row)
        for number, row in enumerate(reader, start=1)
        if any(cell.strip() for cell in row)
    ]
    table = _headed(numbered)
    table.delimiter = delimiter
    return table


def _headed(numbered: list[tuple[int, list[Any]]]) -> Table:
    """The table under its header row: among the first rows, the one whose cells name the
    most known fields (a title row above the header is skipped); else the first row."""
    if not numbered:
        raise FileProblem(_("The file is empty."))
    best, score = 0, 0
    for index, (_number, row) in enumerate(numbered[:_HEADER_SEARCH]):
        found = sum(
            name is not None
            for name in guess_mapping([str(cell) if cell is not None else "" for cell in row])
        )
        if found > score:
            best, score = index, found
    (header_line, headers), rows = numbered[best], numbered[best + 1 :]
    return Table([str(h).strip() for h in headers], rows, header_line=header_line)


def _read_workbook(data: bytes, file: Path, sheet: str | None) -> Table:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = [
            m.name
            for m in book.sheets_metadata
            if m.typ == SheetTypeEnum.WorkSheet and m.visible == SheetVisibleEnum.Visible
        ]
        if sheet is not None and sheet not in names:
            raise FileProblem(
                _("{file} has no sheet “{sheet}”.").format(file=file.name, sheet=sheet)
            )
        tables: list[Table] = []
        for name in [sheet] if sheet is not None else names:
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            numbered = [
                (number, ["" if c is None else c for c in row])
                for number, row in enumerate(rows, start=1)
                if any(c not in (None, "") for c in row)
            ]
            if not numbered:
                continue
            table = _headed(numbered)
            table.sheet = name
            tables.append(table)
            if _has_names(guess_mapping(table.headers)):
                break
    except FileProblem:
        raise
    except Exception as exc:  # calamine raises its own kinds for damaged or locked files
        raise FileProblem(
            _("{file} is not a readable spreadsheet ({reason}).").format(
                file=file.name, reason=type(exc).__name__
            )
        ) from None
    if not tables:
        raise FileProblem(_("The file is empty."))
    chosen = next((t for t in tables if _has_names(guess_mapping(t.headers))), tables[0])
    chosen.sheets = names
    return chosen


def _has_names(mapping: list[str | None]) -> bool:
    return "name" in mapping or ("given_name" in mapping and "family_name" in mapping)


def guess_mapping(headers: list[str]) -> list[str | None]:
    """The field each column most likely holds (None: not imported), each field once."""
    out: list[str | None] = []
    for header in headers:
        plain = _plain(header)
        found = None
        for name, words in _HEADER_WORDS.items():
            if plain in words or plain == name:
                found = name
                break
        out.append(found if found not in out else None)
    if "name" in out and "given_name" in out and "family_name" in out:
        out[out.index("name")] = None
    return out


@dataclass
class Line:
    """One data line: what it becomes, or why it cannot be imported."""

    line: int
    person: dict[str, Any] = field(default_factory=dict)
    part: dict[str, Any] = field(default_factory=dict)
    organisation: str | None = None
    person_id: int | None = None  # an existing person of the directory
    problems: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(
            p for p in (self.person.get("given_name"), self.person.get("family_name")) if p
        )


@dataclass
class Plan:
    visit_id: int
    lines: list[Line]

    @property
    def problems(self) -> list[str]:
        """Every problem as "line N: …", in file order."""
        return [
            _("line {n}: {problem}").format(n=line.line, problem=problem)
            for line in self.lines
            for problem in line.problems
        ]

    @property
    def ok(self) -> bool:
        return bool(self.lines) and not self.problems


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def _date(value: Any) -> dt.date | None:
    """A cell's date: a spreadsheet's date as it is, text the Latvian way or ISO."""
    if isinstance(value, dt.datetime):
        value = value.date()
    elif value is not None and not isinstance(value, dt.date):
        value = str(value)
    return typed_date(value, window_format=False)


class _Words:
    """The codes a file's words mean: each code, its English label, its label as the window
    shows it (``shown``), or a known other word, folded. Built once per plan: folding every
    label again for each of 100 000 lines was most of the checking time."""

    def __init__(
        self,
        codes: tuple[str, ...],
        labels: dict[str, str],
        extra: dict[str, str],
        shown: Callable[[str], str],
    ) -> None:
        self.codes, self.shown = codes, shown
        self.table: dict[str, str] = {}
        for code in codes:
            for form in (
                code,
                _plain(code.replace("_", " ")),
                _plain(labels[code]),
                _plain(shown(code)),
            ):
                self.table.setdefault(form, code)
        for word, code in extra.items():
            self.table.setdefault(word, code)

    def __call__(self, value: Any) -> str | None:
        if value is None:
            return None
        found = self.table.get(_plain(str(value)))
        if found is None:
            raise Invalid(
                _("“{value}” is not one of: {allowed}").format(
                    value=value, allowed=", ".join(self.shown(c) for c in self.codes)
                )
            )
        return found


def _word(
    value: Any,
    codes: tuple[str, ...],
    labels: dict[str, str],
    extra: dict[str, str],
    shown: Callable[[str], str],
) -> str | None:
    """The code a file's word means (``_Words``), for one word."""
    return _Words(codes, labels, extra, shown)(value)


def plan(
    db: Any,
    visit_id: int,
    table: Table,
    mapping: list[str | None],
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> Plan:
    """Check every line against the rules and the database; nothing is written.

    ``progress(done, total)`` is told every ``BATCH`` lines, where ``cancel()`` returning
    True stops the check with ``Cancelled``."""
    from app.services.people import PERSON

    with db.read() as s:
        visit = s.get(Visit, visit_id)
        if visit is None or visit.deleted_at is not None:
            from app.services.base import NotFound

            raise NotFound(_("No visit with the code or id “{ref}”.").format(ref=visit_id))
        on_visit = set(
            s.scalars(
                select(Participation.person_id).where(
                    Participation.visit_id == visit_id, Participation.deleted_at.is_(None)
                )
            )
        )
        by_email = {
            e.casefold(): i
            for i, e in s.execute(select(Person.id, Person.email).where(Person.email.is_not(None)))
        }
        by_name = {
            (g.casefold(), f.casefold()): i
            for i, g, f in s.execute(select(Person.id, Person.given_name, Person.family_name))
        }
        start, end = visit.start_date, visit.end_date
    if not _has_names(mapping):
        raise FileProblem(_columns_not_found(table))
    header_of = {
        name: table.headers[i]
        for i, name in enumerate(mapping)
        if name and i < len(table.headers) and table.headers[i]
    }

    def label(name: str) -> str:
        """A field as the file names it (its own column header), else as we do."""
        return header_of.get(name) or _(FIELDS[name])

    lines: list[Line] = []
    seen: dict[str, int] = {}
    role_word = _Words(ROLES, ROLE_LABELS, _ROLE_WORDS, role_label)
    status_word = _Words(PARTICIPATION_STATUSES, STATUS_LABELS, _STATUS_WORDS, status_label)
    step = Step(progress, cancel, total=len(table.rows))
    for index, (number, cells) in enumerate(table.rows, start=1):
        if index % BATCH == 0:
            step.advance(BATCH)
        line = Line(number)
        raw = {
            name: _cell(cells[i]) if i < len(cells) else None
            for i, name in enumerate(mapping)
            if name
        }
        if raw.get("name") and not (raw.get("given_name") and raw.get("family_name")):
            given, _sep, family = str(raw["name"]).strip().rpartition(" ")
            raw.setdefault("given_name", given or None)
            raw.setdefault("family_name", family)
            raw["given_name"] = raw.get("given_name") or given or None
            raw["family_name"] = raw.get("family_name") or family
        for name in (
            "given_name",
            "family_name",
            "email",
            "phone",
            "position",
            "dietary",
            "accessibility",
        ):
            if raw.get(name) is None:
                continue
            try:
                line.person[name] = PERSON.spec[name](str(raw[name]))
            except Invalid as problem:
                line.problems.append(f"{label(name)}: {problem.message}")
        for name in ("given_name", "family_name"):
            if not line.person.get(name) and not any(
                p.startswith(f"{label(name)}:") for p in line.problems
            ):
                line.problems.append(f"{label(name)}: {_('is required')}")
        try:
            line.part["role"] = role_word(raw.get("role")) or "delegate"
        except Invalid as problem:
            line.problems.append(f"{label('role')}: {problem.message}")
        try:
            line.part["status"] = status_word(raw.get("status")) or "invited"
        except Invalid as problem:
            line.problems.append(f"{label('status')}: {problem.message}")
        for name in ("arrives", "departs"):
            try:
                day = _date(raw.get(name))
            except Invalid as problem:
                line.problems.append(f"{label(name)}: {problem.message}")
                continue
            if day is not None and not start <= day <= end:
                line.problems.append(
                    f"{label(name)}: "
                    + _("{day} is outside the visit ({start} – {end})").format(
                        day=date_text(day), start=date_text(start), end=date_text(end)
                    )
                )
            line.part[name] = day
        if (
            line.part.get("arrives")
            and line.part.get("departs")
            and line.part["departs"] < line.part["arrives"]
        ):
            line.problems.append(f"{label('departs')}: {_('must not be before the arrival')}")
        if raw.get("notes"):
            line.part["notes"] = str(raw["notes"])
        if raw.get("organisation"):
            line.organisation = str(raw["organisation"]).strip()
        email = (line.person.get("email") or "").casefold()
        key = (
            (line.person.get("given_name") or "").casefold(),
            (line.person.get("family_name") or "").casefold(),
        )
        line.person_id = by_email.get(email) if email else None
        if line.person_id is None:
            line.person_id = by_name.get(key)
        ident = email or "\x1f".join(key)
        if ident in seen:
            line.problems.append(
                _("{name} is already on line {n}").format(name=line.name, n=seen[ident])
            )
        else:
            seen[ident] = number
        if line.person_id is not None and line.person_id in on_visit:
            line.problems.append(
                _("{name} already takes part in this visit.").format(name=line.name)
            )
        lines.append(line)
    step.finish()
    return Plan(visit_id, lines)


def _columns_not_found(table: Table) -> str:
    """Which header line was read and what it holds, and what to choose."""
    columns = ", ".join(f"“{h}”" for h in table.headers if h) or _("(no column names)")
    if table.sheet is not None:
        where = _("The header was read from line {line} of sheet “{sheet}”: {columns}.").format(
            line=table.header_line, sheet=table.sheet, columns=columns
        )
    else:
        where = _("The header was read from line {line}: {columns}.").format(
            line=table.header_line, columns=columns
        )
    return (
        where
        + " "
        + _(
            "Choose the column with the full name, or the columns with the "
            "given and the family name."
        )
    )


@dataclass
class Imported:
    """What an import created (so the window can undo it): new rows by kind."""

    participations: list[int]
    people: list[int]
    organisations: list[int]


_PERSON_FIELDS = (
    "given_name",
    "family_name",
    "email",
    "phone",
    "position",
    "dietary",
    "accessibility",
)
_PART_FIELDS = ("role", "status", "arrives", "departs", "notes")


def apply(
    db: Any, checked: Plan, *, progress: Progress | None = None, cancel: CancelCheck | None = None
) -> Imported:
    """Save a plan without problems in one transaction (all lines, or none).

    Rows are inserted a batch at a time (one ``executemany`` per table) rather than one ORM
    flush per row: 100 000 lines took minutes that way (bench/imports.py).
    ``progress(done, total)`` is told after each batch; ``cancel()`` returning True raises
    ``Cancelled`` inside the transaction, which is rolled back: nothing is saved.
    """
    if not checked.ok:
        raise Invalid(checked.problems[0] if checked.problems else _("The file is empty."))
    made = Imported([], [], [])
    step = Step(progress, cancel, total=len(checked.lines))
    with db.write() as s:
        orgs = _organisations(s, checked.lines, made)
        for first in range(0, len(checked.lines), BATCH):
            step.check()
            _save_batch(s, checked.visit_id, checked.lines[first : first + BATCH], orgs, made)
            step.advance(min(BATCH, len(checked.lines) - first))
        step.check()  # a cancel after the last batch still rolls back: nothing was committed
    return made


def _organisations(s: Any, lines: list[Line], made: Imported) -> dict[str, int]:
    """The organisation id of each name new people name (by its case-folded name): the
    directory's live one whose case-folded name is that, else one created now.

    Folded in Python, as people's names are in ``plan``: SQLite's lower() folds ASCII
    only, so "Ķekavas novada pašvaldība" never matched itself and was made again."""
    wanted: dict[str, str] = {}
    for line in lines:
        if line.person_id is None and line.organisation:
            wanted.setdefault(line.organisation.casefold(), line.organisation)
    found: dict[str, int] = {}
    if wanted:
        for org_id, name in s.execute(
            select(Organisation.id, Organisation.name)
            .where(Organisation.deleted_at.is_(None))
            .order_by(Organisation.id)
        ):
            key = name.casefold()
            if key in wanted:
                found.setdefault(key, org_id)
    missing = [(key, name, new_uuid()) for key, name in wanted.items() if key not in found]
    if missing:  # created in the order the file first names them
        s.execute(
            insert(Organisation), [{"name": name, "uuid": uid} for _key, name, uid in missing]
        )
        ids: dict[str, int] = {}
        for first in range(0, len(missing), BATCH):
            ids.update(
                s.execute(
                    select(Organisation.uuid, Organisation.id).where(
                        Organisation.uuid.in_(
                            [uid for _k, _n, uid in missing[first : first + BATCH]]
                        )
                    )
                ).all()
            )
        for key, _name, uid in missing:
            made.organisations.append(ids[uid])
            found[key] = ids[uid]
    return found


def _save_batch(
    s: Any, visit_id: int, lines: list[Line], orgs: dict[str, int], made: Imported
) -> None:
    """New people, the empty fields of people found in the directory, then the
    participations; the new ids are added to ``made`` in line order.

    Plain ``executemany`` (no RETURNING: SQLAlchemy would send one row per statement to
    keep the ids in order); the ids are read back by the person's new UUID and by the
    participation's (visit, person), unique among live rows.
    """
    new = [line for line in lines if line.person_id is None]
    person_of: dict[int, int] = {}
    if new:
        keys = [new_uuid() for _line in new]
        s.execute(
            insert(Person),
            [
                {
                    **{name: line.person.get(name) for name in _PERSON_FIELDS},
                    "uuid": key,
                    "gender": guess_gender(
                        line.person.get("given_name"), line.person.get("family_name")
                    ),
                    "organisation_id": orgs[line.organisation.casefold()]
                    if line.organisation
                    else None,
                }
                for line, key in zip(new, keys, strict=True)
            ],
        )
        ids = dict(s.execute(select(Person.uuid, Person.id).where(Person.uuid.in_(keys))).all())
        for line, key in zip(new, keys, strict=True):
            person_of[id(line)] = ids[key]
            made.people.append(ids[key])
    found = {line.person_id for line in lines if line.person_id is not None}
    if found:  # an existing person keeps their data; the file fills only what is empty
        people = {p.id: p for p in s.scalars(select(Person).where(Person.id.in_(found)))}
        for line in lines:
            person = people.get(line.person_id) if line.person_id is not None else None
            if person is None:
                continue
            for name, value in line.person.items():
                if getattr(person, name) in (None, ""):
                    setattr(person, name, value)
        s.flush()
    person_ids = [
        line.person_id if line.person_id is not None else person_of[id(line)] for line in lines
    ]
    s.execute(
        insert(Participation),
        [
            {
                "visit_id": visit_id,
                "person_id": person_id,
                **{name: line.part.get(name) for name in _PART_FIELDS},
            }
            for line, person_id in zip(lines, person_ids, strict=True)
        ],
    )
    part_of = dict(
        s.execute(
            select(Participation.person_id, Participation.id).where(
                Participation.visit_id == visit_id,
                Participation.person_id.in_(person_ids),
                Participation.deleted_at.is_(None),
            )
        ).all()
    )
    made.participations.extend(part_of[person_id] for person_id in person_ids)


def undo(db: Any, made: Imported) -> None:
    """Take an import back: its participations, and the people and organisations it made."""
    from db.models.base import utcnow

    _mark_deleted(
        db,
        made,
        utcnow(),
        (
            (Participation, made.participations),
            (Person, made.people),
            (Organisation, made.organisations),
        ),
    )


def redo(db: Any, made: Imported) -> None:
    _mark_deleted(
        db,
        made,
        None,
        (
            (Organisation, made.organisations),
            (Person, made.people),
            (Participation, made.participations),
        ),
    )


def _mark_deleted(
    db: Any, made: Imported, stamp: Any, kinds: tuple[tuple[Any, list[int]], ...]
) -> None:
    """Set (or clear) ``deleted_at`` of the import's rows in one transaction, a batch of ids
    per UPDATE, moving each row's version on as an edit does (a stale dialog is refused).
    Rows already in the wanted state are left as they are."""
    from sqlalchemy import update

    from db.models.base import utcnow

    with db.write() as s:
        for cls, ids in kinds:
            state = cls.deleted_at.is_(None) if stamp is not None else cls.deleted_at.is_not(None)
            for first in range(0, len(ids), BATCH):
                s.execute(
                    update(cls)
                    .where(cls.id.in_(ids[first : first + BATCH]), state)
                    .values(deleted_at=stamp, version=cls.version + 1, updated_at=utcnow())
                    .execution_options(synchronize_session=False)
                )
