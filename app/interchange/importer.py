"""Importing a checked visit file in one transaction.

Identity and matching follow the contract: a UUID key is kept for a new row when no row has
it yet; organisations and people are matched against the shared directory (key, then the
contract's natural keys) and a matched row keeps its values, the file only filling what the
database lacks (differences are reported as warnings, never silently overwritten).
"""

from __future__ import annotations

import uuid as uuidlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from app.domain import money
from app.domain import validation as v
from app.domain.allowances import person_named
from app.domain.budget_totals import num, split
from app.domain.contact_match import match_contact
from app.domain.funding import is_grant_source
from app.domain.latvian import guess_gender
from app.i18n import _
from app.interchange.reader import ParsedFile, read_visit_file
from app.progress import CancelCheck, Progress, Step
from app.services.base import Duplicate
from db.models import (
    Attachment,
    BudgetLine,
    Contact,
    ExchangeRate,
    FollowUp,
    FundingSource,
    Lesson,
    Organisation,
    Participation,
    Person,
    ProgrammeItem,
    Project,
    Report,
    ReportContact,
    Room,
    Stay,
    TravelLeg,
    Visit,
)
from db.models.base import new_uuid


@dataclass
class ImportResult:
    code: str
    visit_id: int
    warnings: list[str] = field(default_factory=list)


def _as_uuid(key: str | None) -> str | None:
    if key is None:
        return None
    try:
        value = uuidlib.UUID(key)
    except ValueError:
        return None
    return str(value) if str(value) == key.lower() else None


class _Import:
    """The state of one import: the session, the file, and what file keys became."""

    def __init__(
        self, session: Any, parsed: ParsedFile, warnings: list[str], step: Step | None = None
    ) -> None:
        self.s = session
        self.f = parsed
        self.warnings = warnings
        self.step = step or Step(None, None)
        self.orgs: dict[str, Organisation] = {}
        self.contacts: dict[str, Contact] = {}
        self.people: dict[str, Person] = {}
        self.sources: dict[str, FundingSource] = {}
        # --replace: the reduced allowance days each person had (the file does not carry
        # them), put back on their new participation so the allowances stay as they were.
        self.reduced_days: dict[int, str] = {}

    # -- identity ---------------------------------------------------------------------
    def uuid_for(self, cls: type[Any], key: str | None) -> str:
        """The file's UUID key when no row (not even a deleted one) has it; else a fresh one."""
        candidate = _as_uuid(key)
        if candidate is None:
            return new_uuid()
        taken = self.s.scalar(
            select(cls.id).where(cls.uuid == candidate).execution_options(include_deleted=True)
        )
        return new_uuid() if taken is not None else candidate

    def by_uuid(self, cls: type[Any], key: str | None) -> Any:
        candidate = _as_uuid(key)
        if candidate is None:
            return None
        return self.s.scalars(select(cls).where(cls.uuid == candidate)).first()

    def merge(self, row: Any, values: dict[str, Any], label: str, path: str) -> None:
        """Fill what the matched row lacks; report values that differ and are kept."""
        differing = []
        for name, value in values.items():
            if value is None:
                continue
            current = getattr(row, name)
            if current is None or current == "" or current == []:
                setattr(row, name, value)
            elif current != value:
                differing.append(name)
        if differing:
            self.warnings.append(
                _(
                    "{path}: matched the existing {label}; kept its {fields} as in the database"
                ).format(path=path, label=label, fields=", ".join(differing))
            )

    # -- directory ----------------------------------------------------------------------
    def organisations(self) -> None:
        for i, o in enumerate(self.f.organisations):
            path = f"organisations[{i}]"
            values = {
                k: o[k]
                for k in (
                    "name",
                    "name_original",
                    "name_en",
                    "kind",
                    "country",
                    "city",
                    "address",
                    "website",
                )
            }
            row = self.by_uuid(Organisation, o["key"]) or self._org_by_name(o)
            if row is None:
                row = Organisation(uuid=self.uuid_for(Organisation, o["key"]), **values)
                self.s.add(row)
            else:
                self.merge(row, values, f"“{row.name}”", path)
            self.orgs[o["key"]] = row
            for j, c in enumerate(o["contacts"]):
                self._contact(row, c, f"{path}.contacts[{j}]")
        self.s.flush()

    def _org_by_name(self, o: dict[str, Any]) -> Organisation | None:
        country = (
            (Organisation.country == o["country"])
            if o["country"]
            else Organisation.country.is_(None)
        )
        if o["name_original"]:
            row = self.s.scalars(
                select(Organisation)
                .where(Organisation.name_original == o["name_original"], country)
                .order_by(Organisation.id)
            ).first()
            if row is not None:
                return row
        return self.s.scalars(
            select(Organisation)
            .where(Organisation.name == o["name"], country)
            .order_by(Organisation.id)
        ).first()

    def _contact(self, org: Organisation, c: dict[str, Any], path: str) -> None:
        values = {k: c[k] for k in ("name", "position", "email", "phone", "languages")}
        row = self.by_uuid(Contact, c["key"])
        if row is None and org.id is not None:
            row = self.s.scalars(
                select(Contact).where(Contact.organisation_id == org.id, Contact.name == c["name"])
            ).first()
        if row is None:
            row = Contact(uuid=self.uuid_for(Contact, c["key"]), organisation=org, **values)
            self.s.add(row)
        else:
            self.merge(row, values, f"“{row.name}”", path)
        self.contacts[c["key"]] = row

    def organisation_ref(self, ref: str | None) -> Organisation | None:
        """A key of the file, else an organisation's name (matched or created)."""
        if ref is None:
            return None
        if ref in self.orgs:
            return self.orgs[ref]
        row = self.s.scalars(
            select(Organisation).where(Organisation.name == ref).order_by(Organisation.id)
        ).first()
        if row is None:
            row = Organisation(uuid=new_uuid(), name=ref)
            self.s.add(row)
        self.orgs[ref] = row
        return row

    def persons(self) -> None:
        for i, p in enumerate(self.f.people):
            self.step.check()  # a person costs a few queries: a cancel is heard between
            path = f"people[{i}]"
            org = self.organisation_ref(p["organisation"])
            self.s.flush()
            values = {
                k: p[k]
                for k in (
                    "given_name",
                    "family_name",
                    "position",
                    "email",
                    "phone",
                    "dietary",
                    "accessibility",
                    "emergency_name",
                    "emergency_phone",
                )
            }
            values["organisation_id"] = org.id if org else None
            values["gender"] = p["gender"] or guess_gender(p["given_name"], p["family_name"])
            row = self.by_uuid(Person, p["key"])
            if row is None and p["email"]:
                row = self.s.scalars(
                    select(Person)
                    .where(func.lower(Person.email) == p["email"].lower())
                    .order_by(Person.id)
                ).first()
            if row is None:
                # By name only among people no other entry of this file took: two
                # delegates both called Anna Bērziņa (two keys) stay two people.
                same_org = (
                    (Person.organisation_id == org.id) if org else Person.organisation_id.is_(None)
                )
                taken = [person.id for person in self.people.values()]
                row = self.s.scalars(
                    select(Person)
                    .where(
                        Person.given_name == p["given_name"],
                        Person.family_name == p["family_name"],
                        same_org,
                        Person.id.not_in(taken),
                    )
                    .order_by(Person.id)
                ).first()
            if row is None:
                row = Person(uuid=self.uuid_for(Person, p["key"]), **values)
                self.s.add(row)
            else:
                self.merge(row, values, f"“{row.given_name} {row.family_name}”", path)
            if p["has_sensitive"]:
                # The file carries them on purpose (--include-sensitive): they replace ours.
                if p["date_of_birth"] is not None:
                    row.date_of_birth = p["date_of_birth"]
                if p["id_document"] is not None:
                    row.id_document = p["id_document"]
            self.people[p["key"]] = row
        self.s.flush()

    def project(self) -> Project | None:
        p = self.f.visit["project"]
        if p is None:
            return None
        row = self.s.scalars(select(Project).where(Project.code == p["code"])).first()
        values = {
            k: p[k]
            for k in (
                "code",
                "title",
                "programme",
                "funder",
                "period_start",
                "period_end",
                "grant_rate",
                "acknowledgement",
                "currency",
                "rate_rule",
            )
        }
        values["awarded_minor"] = money.to_minor(p["awarded"])
        logo = p["logo"]
        if row is None:
            row = Project(uuid=new_uuid(), **values)
            if logo:
                row.logo_mime, row.logo = logo
            self.s.add(row)
            return row
        differing = [k for k, val in values.items() if val is not None and getattr(row, k) != val]
        if logo and (row.logo_mime, row.logo) != logo:
            differing.append("logo")
        if differing:
            self.warnings.append(
                _(
                    "visit.project: project {code} exists; kept as it is in the database "
                    "(the file differs in {fields})"
                ).format(code=p["code"], fields=", ".join(differing))
            )
        return row

    # -- the visit's own rows --------------------------------------------------------------
    def clear(self, visit: Visit) -> None:
        """--replace: the visit's own rows go; directory rows stay."""
        vid = visit.id
        self.reduced_days = {
            person_id: days
            for person_id, days in self.s.execute(
                select(Participation.person_id, Participation.allowance_reduced_days)
                .where(
                    Participation.visit_id == vid, Participation.allowance_reduced_days.is_not(None)
                )
                .execution_options(include_deleted=True)
            )
            if days
        }
        report_ids = select(Report.id).where(Report.visit_id == vid).scalar_subquery()
        stay_ids = select(Stay.id).where(Stay.visit_id == vid).scalar_subquery()
        for stmt in (
            delete(Lesson).where(Lesson.report_id.in_(report_ids)),
            delete(FollowUp).where(FollowUp.report_id.in_(report_ids)),
            delete(ReportContact).where(ReportContact.report_id.in_(report_ids)),
            delete(Attachment).where(Attachment.report_id.in_(report_ids)),
            delete(Report).where(Report.visit_id == vid),
            delete(BudgetLine).where(BudgetLine.visit_id == vid),
            delete(FundingSource).where(FundingSource.visit_id == vid),
            delete(ExchangeRate).where(ExchangeRate.visit_id == vid),
            delete(Room).where(Room.stay_id.in_(stay_ids)),
            delete(Stay).where(Stay.visit_id == vid),
            delete(TravelLeg).where(TravelLeg.visit_id == vid),
            delete(ProgrammeItem).where(ProgrammeItem.visit_id == vid),
            delete(Participation).where(Participation.visit_id == vid),
        ):
            self.s.execute(stmt.execution_options(synchronize_session=False))
        self.s.expire_all()

    def fill(self, visit: Visit) -> None:
        fv = self.f.visit
        for name in (
            "title",
            "translations",
            "kind",
            "direction",
            "status",
            "purpose",
            "notes",
            "topics",
            "country",
            "city",
            "timezone",
            "start_date",
            "end_date",
            "languages",
            "emergency",
        ):
            setattr(visit, name, fv[name])
        visit.organiser = self.organisation_ref(fv["organiser"])
        visit.coordinator = self.people.get(fv["coordinator"]) if fv["coordinator"] else None
        visit.project = self.project()
        visit.base_currency = self.f.budget["base_currency"] if self.f.budget else "EUR"
        self.s.flush()
        for part in (
            self.participations,
            self.programme,
            self.travel,
            self.stays,
            self.budget,
            self.report,
        ):
            self.step.advance()
            part(visit)

    def _persons(self, keys: str | list[str]) -> list[Person]:
        out: list[Person] = []
        for key in keys if isinstance(keys, list) else []:
            person = self.people[key]
            if person not in out:
                out.append(person)
        return out

    def participations(self, visit: Visit) -> None:
        seen: set[int] = set()
        for i, p in enumerate(self.f.people):
            person = self.people[p["key"]]
            if person.id in seen:
                self.warnings.append(
                    _("people[{i}]: the same person as an earlier entry; listed once").format(i=i)
                )
                continue
            seen.add(person.id)
            self.s.add(
                Participation(
                    visit=visit,
                    person=person,
                    role=p["role"],
                    status=p["status"],
                    arrives=p["arrives"],
                    departs=p["departs"],
                    allowance_reduced_days=self.reduced_days.get(person.id),
                )
            )

    def programme(self, visit: Visit) -> None:
        for it in self.f.programme:
            self.step.check()
            self.s.add(
                ProgrammeItem(
                    uuid=self.uuid_for(ProgrammeItem, it["key"]),
                    visit=visit,
                    starts=it["starts"],
                    ends=it["ends"],
                    timezone=it["timezone"],
                    starts_utc=v.to_utc(it["starts"], it["timezone"]),
                    ends_utc=v.to_utc(it["ends"], it["timezone"]),
                    kind=it["kind"],
                    title=it["title"],
                    description=it["description"],
                    translations=it["translations"],
                    host=self.orgs.get(it["host"]) if it["host"] else None,
                    contact=self.contacts.get(it["contact"]) if it["contact"] else None,
                    venue=it["venue"],
                    address=it["address"],
                    track=it["track"],
                    attendees_all=it["attendees"] == "all",
                    attendees=self._persons(it["attendees"]),
                    interpreter=it["interpreter"],
                    confirmed=it["confirmed"],
                    outcome=it["outcome"],
                )
            )

    def travel(self, visit: Visit) -> None:
        for leg in self.f.travel:
            src, dst = leg["from"], leg["to"]
            self.s.add(
                TravelLeg(
                    uuid=self.uuid_for(TravelLeg, leg["key"]),
                    visit=visit,
                    mode=leg["mode"],
                    carrier=leg["carrier"],
                    number=leg["number"],
                    from_place=src["place"],
                    from_timezone=src["timezone"],
                    departs=src["at"],
                    to_place=dst["place"],
                    to_timezone=dst["timezone"],
                    arrives=dst["at"],
                    departs_utc=v.to_utc(src["at"], src["timezone"]),
                    arrives_utc=v.to_utc(dst["at"], dst["timezone"]),
                    booking_ref=leg["booking_ref"],
                    passengers_all=leg["passengers"] == "all",
                    passengers=self._persons(leg["passengers"]),
                )
            )

    def stays(self, visit: Visit) -> None:
        for st in self.f.stays:
            stay = Stay(
                uuid=self.uuid_for(Stay, st["key"]),
                visit=visit,
                name=st["name"],
                address=st["address"],
                phone=st["phone"],
                check_in=st["check_in"],
                check_out=st["check_out"],
            )
            for pos, r in enumerate(st["rooms"]):
                stay.rooms.append(
                    Room(
                        position=pos,
                        label=r["label"],
                        type=r["type"],
                        occupants=self._persons(r["occupants"]),
                    )
                )
            self.s.add(stay)

    def budget(self, visit: Visit) -> None:
        b = self.f.budget
        if b is None:
            return
        for r in b["rates"]:
            self.s.add(ExchangeRate(visit=visit, **r))
        for r in b["dated_rates"]:  # by id: ``visit.rates`` holds the plan's rates only
            self.s.add(ExchangeRate(visit_id=visit.id, **r))
        for pos, src in enumerate(b["funding_sources"]):
            grant = (
                src["grant"]
                if src["grant"] is not None
                else is_grant_source(src["key"], src["name"])
            )
            row = FundingSource(
                uuid=self.uuid_for(FundingSource, src["key"]),
                visit=visit,
                position=pos,
                name=src["name"],
                share=src["share"],
                is_grant=grant,
                cap_minor=money.to_minor(src["cap"]),
            )
            self.s.add(row)
            if src["key"] is not None:
                self.sources[src["key"]] = row
        self.s.flush()  # the sources' ids, for the lines' shares
        names = self._participant_names()
        for pos, line in enumerate(b["lines"]):
            actual = line["actual"] or {}
            self.s.add(
                BudgetLine(
                    uuid=new_uuid(),
                    visit=visit,
                    position=pos,
                    category=line["category"],
                    description=line["description"],
                    funding_source=self.sources.get(line["funding"]) if line["funding"] else None,
                    shares=[
                        {"source": self.sources[key].id, "percent": str(percent)}
                        for key, percent in line["shares"]
                    ]
                    if line["shares"]
                    else None,
                    person_id=self._line_person(line, names),
                    eligible=line["eligible"],
                    quantity=line["quantity"],
                    unit=line["unit"],
                    unit_price=line["unit_price"],
                    currency=line["currency"],
                    actual_minor=money.to_minor(actual["amount"]) if actual else None,
                    actual_currency=actual.get("currency"),
                    actual_document=actual.get("document"),
                    actual_date=actual.get("date"),
                    actual_paid=bool(actual.get("paid")),
                )
            )
        self._share_warnings(b)

    def _participant_names(self) -> dict[str, int | None]:
        """Full name → person id of the file's people (``None``: two share the name)."""
        found: dict[str, set[int]] = {}
        for person in self.people.values():
            found.setdefault(person.full_name, set()).add(person.id)
        return {name: next(iter(ids)) if len(ids) == 1 else None for name, ids in found.items()}

    def _line_person(self, line: dict[str, Any], names: dict[str, int | None]) -> int | None:
        """The person a line is for: its ``person`` key; a daily-allowance line of a file
        from before the key is bound by the name it gives (the calculator's rule)."""
        if line["person"] is not None:
            return self.people[line["person"]].id
        if line["category"] != "daily_allowance":
            return None
        named = person_named(line["description"], names)
        return named if isinstance(named, int) else None

    def _share_warnings(self, b: dict[str, Any]) -> None:
        rates = {r["currency"]: r["per_base"] for r in b["rates"]}
        base = b["base_currency"]
        per_source: dict[str | None, Decimal] = {}
        for line in b["lines"]:
            amount = money.planned_base(
                line["quantity"], line["unit_price"], line["currency"], base, rates
            )
            # A line shared by percent counts for each source its part (parted as the
            # budget parts it): counting it whole for its absent ``funding`` warned that
            # sources of an 85/15 split on every line came to 0.0 %.
            parts = (
                zip(
                    [key for key, _pct in line["shares"]],
                    split(amount, line["shares"]),
                    strict=True,
                )
                if line["shares"]
                else [(line["funding"], amount)]
            )
            for key, part in parts:
                per_source[key] = per_source.get(key, Decimal(0)) + part
        grand = money.total(per_source.values())
        if grand == 0:
            return
        for i, src in enumerate(b["funding_sources"]):
            if src["share"] is None:
                continue
            actual_share = per_source.get(src["key"], Decimal(0)) * 100 / grand
            if abs(actual_share - src["share"]) > 1:
                self.warnings.append(
                    _(
                        "budget.funding_sources[{i}]: {name} is meant to cover {share} % but its "
                        "lines come to {actual} %"
                    ).format(
                        i=i,
                        name=src["name"],
                        share=num(src["share"]),
                        actual=num(actual_share, "0.1"),
                    )
                )

    def report(self, visit: Visit) -> None:
        r = self.f.report
        if r is None:
            return
        # The directory as it stands with this file's contacts in it (flushed by the query).
        directory = (
            list(self.s.scalars(select(Contact).where(Contact.deleted_at.is_(None))))
            if r["contacts_gained"]
            else []
        )
        names = [(i, c.name) for i, c in enumerate(directory)]
        report = Report(
            visit=visit, summary=r["summary"], results=r["results"], article=r["article"]
        )
        if r["contacts_gained"]:
            for pos, text in enumerate(r["contacts_gained"]):
                found = match_contact(text, names)
                report.contacts.append(
                    ReportContact(
                        position=pos,
                        text=text,
                        contact=directory[found] if found is not None else None,
                    )
                )
        for pos, lesson in enumerate(r["lessons"]):
            report.lessons.append(
                Lesson(position=pos, text=lesson["text"], topics=lesson["topics"])
            )
        for pos, f in enumerate(r["follow_ups"]):
            report.follow_ups.append(FollowUp(position=pos, **f))
        for pos, photo in enumerate(r["photos"]):
            report.attachments.append(Attachment(position=pos, kind="photo", **photo))
        self.s.add(report)


# The steps an import reports: the file read and checked, organisations, people, the old
# visit cleared (or a new one made), the visit's fields, then each part ``fill`` writes.
_STEPS = 11


def import_visit(
    db: Any,
    text: str,
    *,
    replace: bool = False,
    new_code: str | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> ImportResult:
    """Check the whole file, then write it in one transaction; nothing is written on error.

    ``progress(done, total)`` is told after each part (people, programme, budget…), where
    ``cancel()`` returning True raises ``Cancelled`` and the transaction is rolled back."""
    step = Step(progress, cancel, total=_STEPS)
    parsed = read_visit_file(text)
    step.advance()
    warnings = parsed.warnings
    if new_code is not None:
        try:
            new_code = v.text(new_code, required=True)
        except v.Invalid as exc:
            raise exc.at("--as") from None
    code = new_code or parsed.visit["code"]
    taken = Duplicate(
        _(
            "A visit with the code {code} already exists. Use --replace to "
            "replace it or --as NEWCODE to import a copy."
        ).format(code=code)
    )
    try:
        visit_id = _write(db, parsed, warnings, code, replace and new_code is None, taken, step)
    except IntegrityError as exc:
        # Two imports of one code at once on a server database: both found no such visit,
        # the unique index let one commit and refused the other.
        with db.read() as s:
            if s.scalars(select(Visit.id).where(Visit.code == code)).first() is not None:
                raise taken from exc
        raise
    from app.services.archive import optimize_if_spread

    optimize_if_spread(db)  # a whole visit written: the archive's index merged if worth it
    try:
        warnings.extend(_programme_warnings(db, visit_id))
    except Exception as exc:  # the visit is saved: a failing check must not say otherwise
        from app.failures import explain

        warnings.append(
            _("The programme could not be checked: {reason}").format(
                reason=explain(exc, doing="checking an imported programme")
            )
        )
    return ImportResult(code=code, visit_id=visit_id, warnings=warnings)


def _write(
    db: Any,
    parsed: Any,
    warnings: list[str],
    code: str,
    replace: bool,
    taken: Duplicate,
    step: Step,
) -> int:
    """The visit written in one transaction; its id. A cancel at any step (``Cancelled``)
    rolls it all back, the last check just before the commit."""
    with db.write() as s:
        existing = s.scalars(select(Visit).where(Visit.code == code)).first()
        if existing is not None and not replace:
            raise taken
        job = _Import(s, parsed, warnings, step)
        job.organisations()
        step.advance()
        job.persons()
        step.advance()
        if existing is not None:
            job.clear(existing)
            visit = s.get(Visit, existing.id)
        else:
            visit = Visit(uuid=new_uuid(), code=code)
            s.add(visit)
        step.advance()
        job.fill(visit)
        s.flush()
        step.advance()
        return int(visit.id)


def _programme_warnings(db: Any, visit_id: int) -> list[str]:
    from app.services.checks import programme_problems

    return [p.message for p in programme_problems(db, visit_id)]
