"""What a visit costs per delegate and per sending organisation (member municipalities often
pay for their own delegates), from the same rounded lines as the budget's totals.

The rules (the user guide says the same):

- the people counted are those taking part, as the statistics count them: every
  participant whatever their role, except those who declined or cancelled
  (``statistics.NOT_TAKING_PART``);
- a line bound to one of them (their daily allowance) is their organisation's own cost;
- every other line is common and is shared by head: each organisation gets its people's
  part, to the cent by the largest remainder, so the parts add up to the common cost
  exactly (``spread_cents``, as a group payment is spread over its travellers);
- a cost per delegate is a total divided by the people, half up to cents
  (``statistics.per_head``, the rule of the statistics' "cost per delegate");
- planned and actual are worked out alike; a line left out of the totals (no rate) is
  left out here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from app.domain.budget_totals import Amounts, Totals
from app.domain.money import from_minor, to_minor


@dataclass(frozen=True)
class Delegate:
    """A person taking part, with the organisation that sends them."""

    person_id: int
    name: str
    organisation_id: int | None
    organisation: str | None


@dataclass
class OrganisationCost:
    """One sending organisation's part: its own lines and its share of the common ones."""

    organisation: str | None  # None: people with no organisation in the directory
    people: list[str]
    key: int | None = None  # the organisation's id
    own: Amounts = field(default_factory=Amounts)
    common: Amounts = field(default_factory=Amounts)

    @property
    def total(self) -> Amounts:
        return Amounts(self.own.planned + self.common.planned, self.own.actual + self.common.actual)

    def per_delegate(self, *, actual: bool) -> Decimal:
        from app.services.statistics import per_head

        total = self.total
        return per_head(total.actual if actual else total.planned, len(self.people))


@dataclass
class DelegateCosts:
    people: int
    total: Amounts  # the lines counted: the budget's overall total
    common: Amounts  # the lines bound to nobody taking part
    organisations: list[OrganisationCost]

    def per_delegate(self, *, actual: bool) -> Decimal:
        from app.services.statistics import per_head

        return per_head(self.total.actual if actual else self.total.planned, self.people)

    def share(self, org: OrganisationCost, *, actual: bool) -> Decimal | None:
        """The organisation's part of the total, in percent (two decimals, half up)."""
        from app.services.statistics import per_head

        whole = self.total.actual if actual else self.total.planned
        part = org.total.actual if actual else org.total.planned
        return None if not whole else per_head(part * 100, whole)


def load_delegates(session: Any, visit_id: int) -> list[Delegate]:
    """Everyone taking part in the visit, by organisation and name."""
    from app.services.statistics import NOT_TAKING_PART
    from db.models import Organisation, Participation, Person

    rows = session.execute(
        select(
            Person.id,
            Person.given_name,
            Person.family_name,
            Person.organisation_id,
            Organisation.name,
        )
        .select_from(Participation)
        .join(Person, Person.id == Participation.person_id)
        .outerjoin(Organisation, Organisation.id == Person.organisation_id)
        .where(
            Participation.visit_id == visit_id,
            Participation.deleted_at.is_(None),
            Person.deleted_at.is_(None),
            Participation.status.not_in(NOT_TAKING_PART),
        )
    )
    people = [
        Delegate(pid, f"{given} {family}".strip(), org_id, org)
        for pid, given, family, org_id, org in rows
    ]
    from app.domain.text import sort_key

    return sorted(
        people, key=lambda d: (d.organisation is None, sort_key(d.organisation), sort_key(d.name))
    )


def delegate_costs(totals: Totals, delegates: list[Delegate]) -> DelegateCosts | None:
    """The budget split by sending organisation; ``None`` when nobody takes part."""
    from app.services.allowances.lines import spread_cents

    if not delegates:
        return None
    groups: dict[int | None, OrganisationCost] = {}
    home: dict[int, OrganisationCost] = {}
    for d in delegates:
        group = groups.setdefault(
            d.organisation_id, OrganisationCost(d.organisation, [], d.organisation_id)
        )
        group.people.append(d.name)
        home[d.person_id] = group
    common = Amounts()
    total = Amounts()
    for out in totals.lines:
        planned = out.planned or Decimal("0.00")
        actual = out.actual or Decimal("0.00")
        total.planned += planned
        total.actual += actual
        owner = home.get(out.line.person) if out.line.person is not None else None
        target = owner.own if owner is not None else common
        target.planned += planned
        target.actual += actual
    orgs = list(groups.values())
    heads = [len(o.people) for o in orgs]
    for side in ("planned", "actual"):
        parts = spread_cents(to_minor(getattr(common, side)), heads)
        for org, cents in zip(orgs, parts, strict=True):
            setattr(org.common, side, from_minor(cents))
    return DelegateCosts(len(delegates), total, common, orgs)


def project_delegate_costs(visits: Iterable[tuple[Totals, list[Delegate]]]) -> DelegateCosts | None:
    """A project's visits together by sending organisation: each visit split as above (its
    totals in the project's currency), the parts added up per organisation. A person on
    two visits counts twice: the cost per delegate is per delegate and visit."""
    merged: dict[int | None, OrganisationCost] = {}
    people = 0
    total, common = Amounts(), Amounts()
    for totals, delegates in visits:
        costs = delegate_costs(totals, delegates)
        if costs is None:
            continue
        people += costs.people
        for whole, part in ((total, costs.total), (common, costs.common)):
            whole.planned += part.planned
            whole.actual += part.actual
        for org in costs.organisations:
            into = merged.setdefault(org.key, OrganisationCost(org.organisation, [], org.key))
            into.people += org.people
            for whole, part in ((into.own, org.own), (into.common, org.common)):
                whole.planned += part.planned
                whole.actual += part.actual
    if not people:
        return None
    orgs = sorted(
        merged.values(), key=lambda o: (o.organisation is None, (o.organisation or "").casefold())
    )
    return DelegateCosts(people, total, common, orgs)
