"""A small region edited at random through the program's services, for the tests of the
statistics' kept facts (issue 18): after each edit, the facts as the section loads them
(kept, with the changed visits read again) must be exactly those of a full read."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Callable

from app.domain.validation import Invalid
from app.services import budget, directory, people, programme, projects, reports, visits
from app.services.base import ServiceError
from app.services.statistics_facts import Facts, load_facts
from db.engine import Database


def same(kept: Facts, full: Facts) -> None:
    differing = [(a, b) for a, b in zip(kept.visits, full.visits, strict=False) if a != b]
    assert not differing, differing
    assert kept.visits == full.visits
    assert kept.unconverted == full.unconverted
    assert kept.organisations == full.organisations


def check(db: Database) -> Facts:
    """The facts as the section loads them, compared with a full read."""
    kept = load_facts(db)
    same(kept, load_facts(db, afresh=True))
    return kept


class Region:
    """A small region: six visits (two in NOK, one of them counting in NOK), people from
    four organisations, two projects, grant and own funds, hosts and follow-ups."""

    def __init__(self, db: Database, seed: int) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        self.orgs = [
            directory.create_organisation(db, name=f"Pašvaldība {n}", country="LV").id
            for n in range(4)
        ]
        self.hosts = [
            directory.create_organisation(db, name=f"Kommune {n}", country="NO").id
            for n in range(3)
        ]
        self.persons = [
            people.create_person(
                db,
                given_name=f"Anna{n}",
                family_name="Bērziņa",
                organisation_id=rng.choice(self.orgs),
            ).id
            for n in range(14)
        ]
        self.projects = [
            projects.create_project(db, code="P-ECB", grant_rate="85").id,
            projects.create_project(db, code="P-PLAN", grant_rate="85", rate_rule="plan").id,
        ]
        self.visits: list[int] = []
        for n in range(6):
            base = "NOK" if n == 4 else "EUR"
            visit = visits.create_visit(
                db,
                code=f"V-{n}",
                title=f"Vizīte {n}",
                timezone="Europe/Oslo",
                start_date=f"{2021 + n % 3}-0{n + 1}-10",
                end_date=f"{2021 + n % 3}-0{n + 1}-12",
                country="NO" if n % 2 else "PL",
                base_currency=base,
                project_id=self.projects[n % 2] if n != 3 else None,
                topics=["klasteri", "Tarifi"][: 1 + n % 2],
            )
            self.visits.append(visit.id)
            other = "EUR" if base == "NOK" else "NOK"
            budget.create_exchange_rate(
                db, visit.id, currency=other, per_base="0.0871" if base == "NOK" else "11.48"
            )
            grant = budget.create_funding_source(db, visit.id, name="EEZ grants", is_grant=True)
            own = budget.create_funding_source(db, visit.id, name="Pašu līdzekļi", is_grant=False)
            for k in range(3):
                budget.create_budget_line(
                    db,
                    visit.id,
                    category="travel",
                    quantity=str(1 + k),
                    unit_price=f"{100 + 7 * k}.35",
                    currency=rng.choice([base, other]),
                    funding_source_id=(grant if k % 2 else own).id,
                )
            for person in rng.sample(self.persons, 4):
                people.add_participant(db, visit.id, person, status="confirmed")
            programme.create_programme_item(
                db,
                visit.id,
                starts=f"{2021 + n % 3}-0{n + 1}-10T10:00",
                ends=f"{2021 + n % 3}-0{n + 1}-10T11:00",
                timezone="Europe/Oslo",
                title="Tikšanās",
                host_id=rng.choice(self.hosts),
            )
            report = reports.create_report(db, visit.id)
            reports.create_follow_up(db, report.id, action="Līgumu paraugi", status="open")

    def later(self) -> int:
        """A visit other than the first."""
        return self.rng.choice(self.visits[1:])

    # --- the edits, each one saved change through a service

    def add_participant(self, db: Database) -> None:
        people.add_participant(
            db, self.later(), self.rng.choice(self.persons), status="attended", role="delegate"
        )

    def decline(self, db: Database) -> None:
        parts = people.list_participations(db, self.later())
        if parts:
            part = self.rng.choice(parts)
            people.update_participation(db, part.id, None, status="declined")

    def drop_participant(self, db: Database) -> None:
        parts = people.list_participations(db, self.later())
        if parts:
            people.delete_participation(db, self.rng.choice(parts).id)

    def add_line(self, db: Database) -> None:
        visit_id = self.later()
        base = visits.get_visit(db, visit_id).base_currency
        budget.create_budget_line(
            db,
            visit_id,
            category="venue",
            quantity="2",
            unit_price=f"{self.rng.randint(10, 900)}.{self.rng.randint(0, 99):02d}",
            currency=self.rng.choice([base, "NOK" if base == "EUR" else "EUR"]),
        )

    def pay_in_nok(self, db: Database) -> None:
        visit_id = self.later()
        lines = budget.list_budget_lines(db, visit_id)
        start = visits.get_visit(db, visit_id).start_date
        if lines:
            line = self.rng.choice(lines)
            budget.update_budget_line(
                db,
                line.id,
                None,
                actual_amount=f"{self.rng.randint(100, 5000)}.{self.rng.randint(0, 99):02d}",
                actual_currency="NOK",
                actual_date=str(start + dt.timedelta(days=self.rng.randint(0, 9))),
            )

    def drop_line(self, db: Database) -> None:
        lines = budget.list_budget_lines(db, self.later())
        if lines:
            budget.delete_budget_line(db, self.rng.choice(lines).id)

    def change_rate(self, db: Database) -> None:
        rates = [r for r in budget.list_exchange_rates(db, self.later()) if r.kind == "plan"]
        if rates:
            rate = rates[0]
            budget.update_exchange_rate(
                db, rate.id, None, per_base=f"{rate.per_base * self.rng.choice([2, 3]) / 2:.4f}"
            )

    def dated_rate(self, db: Database) -> None:
        """The ECB's daily rates around the visit imported (the plan keeps its rates)."""
        from app.services.ecb_rates import import_ecb_rates

        visit_id = self.later()
        start = visits.get_visit(db, visit_id).start_date
        days = [start + dt.timedelta(days=k) for k in range(12, -4, -1)]
        history = "Date,USD,NOK,\n" + "".join(
            f"{day},1.0800,{self.rng.randint(1100, 1200) / 100},\n" for day in days
        )
        import_ecb_rates(db, visit_id, history, day=start, reported_ok=True)

    def project_rule(self, db: Database) -> None:
        project_id = self.rng.choice(self.projects)
        rule = self.rng.choice(["ecb", "plan", "inforeuro", "fixed"])
        fixed = {"NOK": f"{self.rng.randint(1100, 1200) / 100}"} if rule == "fixed" else None
        projects.update_project(db, project_id, None, rate_rule=rule, fixed_rates=fixed)

    def project_code(self, db: Database) -> None:
        project_id = self.rng.choice(self.projects)
        projects.update_project(db, project_id, None, code=f"P-{self.rng.randint(100, 999)}")

    def move_person(self, db: Database) -> None:
        people.update_person(
            db, self.rng.choice(self.persons), None, organisation_id=self.rng.choice(self.orgs)
        )

    def new_person(self, db: Database) -> None:
        self.persons.append(
            people.create_person(
                db,
                given_name=f"Jānis{len(self.persons)}",
                family_name="Kalniņš",
                organisation_id=self.rng.choice([None, *self.orgs]),
            ).id
        )

    def drop_person(self, db: Database) -> None:
        if len(self.persons) < 8:
            return self.new_person(db)
        person = self.rng.choice(self.persons)
        people.delete_person(db, person)
        self.persons.remove(person)

    def host(self, db: Database) -> None:
        visit_id = self.later()
        items = programme.list_programme(db, visit_id)
        if items and self.rng.random() < 0.6:
            programme.update_programme_item(
                db, items[0].id, None, host_id=self.rng.choice(self.hosts)
            )
        else:
            visit = visits.get_visit(db, visit_id)
            programme.create_programme_item(
                db,
                visit_id,
                starts=f"{visit.start_date}T14:00",
                ends=f"{visit.start_date}T15:00",
                timezone="Europe/Oslo",
                title="Vizīte uzņēmumā",
                host_id=self.rng.choice(self.hosts),
            )

    def follow_up(self, db: Database) -> None:
        report = reports.report_for_visit(db, self.later())
        if report is None:
            return
        items = reports.list_follow_ups(db, report.id)
        choice = self.rng.random()
        if items and choice < 0.5:
            reports.update_follow_up(db, items[0].id, None, status="done")
        elif items and choice < 0.7:
            reports.delete_follow_up(db, items[-1].id)
        else:
            reports.create_follow_up(db, report.id, action="Jauna darbība", status="open")

    def grant_flag(self, db: Database) -> None:
        sources = budget.list_funding_sources(db, self.later())
        if sources:
            source = self.rng.choice(sources)
            budget.update_funding_source(db, source.id, None, is_grant=not source.is_grant)

    def cancel_or_move(self, db: Database) -> None:
        visit_id = self.later()
        visit = visits.get_visit(db, visit_id)
        if self.rng.random() < 0.5:
            status = "planned" if visit.status == "cancelled" else "cancelled"
            visits.update_visit(db, visit_id, None, status=status)
        else:
            visits.update_visit(
                db, visit_id, None, project_id=self.rng.choice([None, *self.projects])
            )

    def rename_host(self, db: Database) -> None:
        directory.update_organisation(
            db, self.rng.choice(self.hosts), None, name=f"Kommune {self.rng.randint(10, 99)}"
        )

    def edits(self) -> list[Callable[[Database], None]]:
        return [
            self.add_participant,
            self.decline,
            self.drop_participant,
            self.add_line,
            self.pay_in_nok,
            self.drop_line,
            self.change_rate,
            self.dated_rate,
            self.project_rule,
            self.project_code,
            self.move_person,
            self.new_person,
            self.drop_person,
            self.host,
            self.follow_up,
            self.grant_flag,
            self.cancel_or_move,
            self.rename_host,
        ]


def random_edits(db: Database, writers: list[Database], seed: int, count: int) -> list[int]:
    """``count`` random edits, each by one of ``writers``, the facts checked after each;
    returns how many visits each load read again."""
    region = Region(db, seed)
    check(db)
    read_again = []
    for _ in range(count):
        edit = region.rng.choice(region.edits())
        # refused (a rate in use, a person already there): nothing changed
        with contextlib.suppress(Invalid, ServiceError):
            edit(region.rng.choice(writers))
        read_again.append(check(db).read_again)
    return read_again
