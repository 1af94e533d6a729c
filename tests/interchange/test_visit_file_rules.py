"""Every rule of the visit file contract: a file that breaks it is refused with one message
naming the JSON path and the problem, and nothing is written."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select
from visit_sample import dump, sample

from app.domain.validation import Invalid
from app.interchange.visit_file import import_visit
from db.models import Organisation, Person, ProgrammeItem, Visit


def _set(path: str, value: Any):
    """A mutation that sets ``a.b[0].c`` (``value`` of ``...`` deletes it)."""

    def mutate(doc: dict[str, Any]) -> None:
        parts = path.replace("]", "").replace("[", ".").split(".")
        target: Any = doc
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        key: Any = int(last) if last.isdigit() else last
        if value is ...:
            del target[key]
        else:
            target[key] = value

    return mutate


def _add_room_twice(doc: dict[str, Any]) -> None:
    doc["stays"].append(
        {
            "name": "Other",
            "check_in": "2024-04-04",
            "check_out": "2024-04-06",
            "rooms": [{"type": "single", "occupants": ["p-ozola"]}],
        }
    )


def _same_stay_twice(doc: dict[str, Any]) -> None:
    doc["stays"][0]["rooms"][1]["occupants"].append("p-ozola")


def _duplicate_contact_key(doc: dict[str, Any]) -> None:
    doc["organisations"][0]["contacts"] = [{"key": "c-hansen", "name": "Other"}]


def _second_rate(doc: dict[str, Any]) -> None:
    doc["budget"]["rates"].append({"currency": "NOK", "per_base": "11"})


CASES: list[tuple[str, Any, str, str]] = [
    ("format missing", _set("format", ...), "format", "is required"),
    ("format version", _set("format", "studyvisit/2"), "format", "unsupported format"),
    ("visit missing", _set("visit", ...), "visit", "is required"),
    ("code missing", _set("visit.code", ...), "visit.code", "is required"),
    ("title blank", _set("visit.title", "  "), "visit.title", "must not be empty"),
    ("title not text", _set("visit.title", 5), "visit.title", "must be text"),
    ("destination missing", _set("visit.destination", ...), "visit.destination", "required"),
    (
        "unknown zone",
        _set("visit.destination.timezone", "Europe/Bergen"),
        "visit.destination.timezone",
        "unknown time zone",
    ),
    ("zone missing", _set("visit.destination.timezone", ...), "visit.destination.timezone", "IANA"),
    (
        "country",
        _set("visit.destination.country", "Norway"),
        "visit.destination.country",
        "ISO 3166",
    ),
    (
        "impossible date",
        _set("visit.start_date", "2024-02-30"),
        "visit.start_date",
        "not a real date",
    ),
    ("date format", _set("visit.start_date", "02.04.2024"), "visit.start_date", "yyyy-mm-dd"),
    (
        "end before start",
        _set("visit.end_date", "2024-04-01"),
        "visit.end_date",
        "before start_date",
    ),
    ("kind", _set("visit.kind", "holiday"), "visit.kind", "must be one of"),
    ("status", _set("visit.status", "done"), "visit.status", "must be one of"),
    ("direction", _set("visit.direction", "up"), "visit.direction", "must be one of"),
    ("language", _set("visit.languages", ["lv", "de"]), "visit.languages[1]", "must be one of"),
    (
        "translation language",
        _set("visit.translations", {"de": {"title": "x"}}),
        "visit.translations.de",
        "must be one of",
    ),
    (
        "coordinator dangling",
        _set("visit.coordinator", "p-nobody"),
        "visit.coordinator",
        "not in the file",
    ),
    (
        "emergency phone",
        _set("visit.emergency", [{"label": "x", "phone": "12"}]),
        "visit.emergency[0].phone",
        "phone",
    ),
    (
        "grant rate number",
        _set("visit.project.grant_rate", 85),
        "visit.project.grant_rate",
        "not a number",
    ),
    (
        "grant rate over 100",
        _set("visit.project.grant_rate", "120"),
        "visit.project.grant_rate",
        "at most 100",
    ),
    ("project code", _set("visit.project.code", ...), "visit.project.code", "is required"),
    (
        "logo",
        _set("visit.project.logo", "data:image/gif;base64,AAAA"),
        "visit.project.logo",
        "data:image/png",
    ),
    (
        "logo base64",
        _set("visit.project.logo", "data:image/png;base64,@@@"),
        "visit.project.logo",
        "data:image/png",
    ),
    ("org key missing", _set("organisations.0.key", ...), "organisations[0].key", "required"),
    (
        "org key duplicate",
        _set("organisations.1.key", "org-lps"),
        "organisations[1].key",
        "duplicate key",
    ),
    ("org name missing", _set("organisations.0.name", ...), "organisations[0].name", "required"),
    ("org kind", _set("organisations.0.kind", "club"), "organisations[0].kind", "one of"),
    (
        "contact key across file",
        _duplicate_contact_key,
        "organisations[1].contacts[0].key",
        "duplicate key",
    ),
    (
        "contact email",
        _set("organisations.1.contacts.0.email", "ola@example"),
        "organisations[1].contacts[0].email",
        "e-mail",
    ),
    (
        "contact phone",
        _set("organisations.1.contacts.0.phone", "+47 55"),
        "organisations[1].contacts[0].phone",
        "phone",
    ),
    ("person given name", _set("people.0.given_name", ...), "people[0].given_name", "required"),
    (
        "person family name",
        _set("people.0.family_name", ""),
        "people[0].family_name",
        "must not be empty",
    ),
    ("person key duplicate", _set("people.1.key", "p-ozola"), "people[1].key", "duplicate key"),
    ("person role", _set("people.0.role", "boss"), "people[0].role", "one of"),
    ("person status", _set("people.0.status", "maybe"), "people[0].status", "one of"),
    (
        "arrives outside visit",
        _set("people.1.arrives", "2024-04-01"),
        "people[1].arrives",
        "outside the visit",
    ),
    (
        "departs before arrives",
        _set("people.1.departs", "2024-04-02") and _set("people.1.arrives", "2024-04-03"),
        "people[1].departs",
        "before arrives",
    ),
    (
        "birth date",
        _set("people.0.date_of_birth", "1980-13-01"),
        "people[0].date_of_birth",
        "not a real date",
    ),
    (
        "ends before starts",
        _set("programme.0.ends", "2024-04-02T12:00"),
        "programme[0].ends",
        "before starts",
    ),
    (
        "ends equal starts",
        _set("programme.0.ends", "2024-04-02T13:00"),
        "programme[0].ends",
        "not after starts",
    ),
    (
        "spring gap",
        _set("programme.0.starts", "2024-03-31T02:30"),
        "programme[0].starts",
        "does not exist",
    ),
    (
        "time with seconds",
        _set("programme.0.starts", "2024-04-02T13:00:00"),
        "programme[0].starts",
        "yyyy-mm-ddThh:mm",
    ),
    (
        "time with offset",
        _set("programme.0.starts", "2024-04-02T13:00+02:00"),
        "programme[0].starts",
        "yyyy-mm-ddThh:mm",
    ),
    (
        "item zone",
        _set("programme.0.timezone", "Mars/Olympus"),
        "programme[0].timezone",
        "unknown time zone",
    ),
    ("item key missing", _set("programme.0.key", ...), "programme[0].key", "required"),
    ("item key duplicate", _set("programme.1.key", "i1"), "programme[1].key", "duplicate key"),
    ("item title", _set("programme.0.title", ...), "programme[0].title", "required"),
    ("item kind", _set("programme.0.kind", "party"), "programme[0].kind", "one of"),
    ("host dangling", _set("programme.0.host", "org-x"), "programme[0].host", "not in the file"),
    (
        "contact dangling",
        _set("programme.0.contact", "c-x"),
        "programme[0].contact",
        "not in the file",
    ),
    (
        "attendee dangling",
        _set("programme.1.attendees", ["p-x"]),
        "programme[1].attendees[0]",
        "not in the file",
    ),
    (
        "attendees shape",
        _set("programme.1.attendees", "everyone"),
        "programme[1].attendees",
        '"all"',
    ),
    (
        "interpreter bool",
        _set("programme.0.interpreter", "yes"),
        "programme[0].interpreter",
        "true or false",
    ),
    (
        "arrival before departure in real time",
        _set("travel.0.to.at", "2024-04-02T08:00"),
        "travel[0].to.at",
        "not after departure",
    ),
    ("travel from missing", _set("travel.0.from", ...), "travel[0].from", "required"),
    ("travel mode", _set("travel.0.mode", "rocket"), "travel[0].mode", "one of"),
    (
        "passenger dangling",
        _set("travel.0.passengers", ["p-x"]),
        "travel[0].passengers[0]",
        "not in the file",
    ),
    (
        "check out before in",
        _set("stays.0.check_out", "2024-04-01"),
        "stays[0].check_out",
        "before check_in",
    ),
    (
        "two rooms, overlapping stays",
        _add_room_twice,
        "stays[1].rooms[0].occupants[0]",
        "another room",
    ),
    ("two rooms, same stay", _same_stay_twice, "stays[0].rooms[1].occupants[1]", "another room"),
    ("room type", _set("stays.0.rooms.0.type", "suite"), "stays[0].rooms[0].type", "one of"),
    (
        "decimal as number",
        _set("budget.lines.0.quantity", 6),
        "budget.lines[0].quantity",
        "not a number",
    ),
    (
        "negative quantity",
        _set("budget.lines.0.quantity", "-1"),
        "budget.lines[0].quantity",
        "must not be negative",
    ),
    (
        "seven decimals",
        _set("budget.lines.0.unit_price", "1.0000001"),
        "budget.lines[0].unit_price",
        "more than 6 decimal places",
    ),
    (
        "exponent",
        _set("budget.lines.0.unit_price", "1e3"),
        "budget.lines[0].unit_price",
        "not a decimal",
    ),
    (
        "currency without rate",
        _set("budget.lines.0.currency", "PLN"),
        "budget.lines[0].currency",
        "no exchange rate for PLN",
    ),
    (
        "actual currency without rate",
        _set("budget.lines.0.actual.currency", "SEK"),
        "budget.lines[0].actual.currency",
        "no exchange rate for SEK",
    ),
    (
        "actual three decimals",
        _set("budget.lines.0.actual.amount", "7500.001"),
        "budget.lines[0].actual.amount",
        "more than 2 decimal places",
    ),
    (
        "currency code",
        _set("budget.lines.0.currency", "EURO"),
        "budget.lines[0].currency",
        "ISO 4217",
    ),
    ("second rate", _second_rate, "budget.rates[1].currency", "one rate per currency"),
    (
        "rate zero",
        _set("budget.rates.0.per_base", "0"),
        "budget.rates[0].per_base",
        "greater than zero",
    ),
    (
        "rate as number",
        _set("budget.rates.0.per_base", 11.625),
        "budget.rates[0].per_base",
        "not a number",
    ),
    (
        "share decimals",
        _set("budget.funding_sources.0.share", "85.123"),
        "budget.funding_sources[0].share",
        "more than 2 decimal places",
    ),
    (
        "funding dangling",
        _set("budget.lines.0.funding", "eu"),
        "budget.lines[0].funding",
        "not in the file",
    ),
    ("category", _set("budget.lines.0.category", "fun"), "budget.lines[0].category", "one of"),
    ("unit", _set("budget.lines.0.unit", "kg"), "budget.lines[0].unit", "one of"),
    ("title too long", _set("visit.title", "x" * 301), "visit.title", "too long"),
    (
        "description too long",
        _set("programme.0.description", "x" * 100_001),
        "programme[0].description",
        "too long",
    ),
    ("control character", _set("visit.title", "Bergen\x07"), "visit.title", "control character"),
    ("carriage return", _set("visit.purpose", "a\r\nb"), "visit.purpose", "control character"),
    (
        "follow-up status",
        _set("report.follow_ups.0.status", "later"),
        "report.follow_ups[0].status",
        "one of",
    ),
    (
        "follow-up action",
        _set("report.follow_ups.0.action", ...),
        "report.follow_ups[0].action",
        "required",
    ),
    (
        "photo",
        _set("report.photos", [{"caption": "x", "image": "file:///etc/passwd"}]),
        "report.photos[0].image",
        "data:image/png",
    ),
    ("lesson type", _set("report.lessons", [5]), "report.lessons[0]", "must be text"),
    ("programme not a list", _set("programme", {"a": 1}), "programme", "must be a list"),
    ("item not an object", _set("programme", [5]), "programme[0]", "must be a JSON object"),
]


def _departs_before_arrives(doc: dict[str, Any]) -> None:
    doc["people"][1]["arrives"] = "2024-04-03"
    doc["people"][1]["departs"] = "2024-04-02"


CASES[[c[0] for c in CASES].index("departs before arrives")] = (
    "departs before arrives",
    _departs_before_arrives,
    "people[1].departs",
    "before arrives",
)


def _counts(db) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m).execution_options(include_deleted=True))
            for m in (Visit, Organisation, Person, ProgrammeItem)
        )


@pytest.mark.parametrize(
    ("mutate", "path", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule_refuses_file_with_path(db, mutate, path, fragment):
    doc = sample()
    mutate(doc)
    before = _counts(db)
    with pytest.raises(Invalid) as info:
        import_visit(db, dump(doc))
    assert info.value.path == path
    assert fragment in info.value.message
    assert str(info.value).startswith(f"{path}: ")
    assert _counts(db) == before


def test_the_sample_itself_is_accepted(db):
    """Guards the table above: each case fails only because of its own mutation."""
    result = import_visit(db, dump(sample()))
    assert result.code == "T-BERGEN"


@pytest.mark.parametrize("text", ["{", "", "[1, 2]", '"studyvisit/1"', "{'a': 1}"])
def test_not_a_json_object_is_refused_at_the_root(db, text):
    with pytest.raises(Invalid) as info:
        import_visit(db, text)
    assert info.value.path == "$"


@pytest.mark.parametrize(
    "address", ["jānis.bērziņš@example.lv", "o'brien+x@mail.example.ie", "a_b%c@x.y"]
)
def test_valid_emails_pass(db, address):
    doc = sample()
    doc["people"][0]["email"] = address
    import_visit(db, dump(doc))


@pytest.mark.parametrize(
    "address",
    ["ola@example", "ola example@x.no", "@x.no", "a@b@c.no", "a<b>@x.no", "a@x..no", "a@.no"],
)
def test_malformed_emails_are_refused(db, address):
    doc = sample()
    doc["people"][0]["email"] = address
    with pytest.raises(Invalid) as info:
        import_visit(db, dump(doc))
    assert info.value.path == "people[0].email"


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("1234567", True),
        ("+371 (67) 22-33-44", True),
        ("123456", False),
        ("1234567890123456", False),
        ("+371 2000 000a", False),
        ("371+2000000", False),
        ("123456789012345", True),
    ],
)
def test_phone_rule_counts_digits(db, number, ok):
    doc = sample()
    doc["people"][0]["phone"] = number
    if ok:
        import_visit(db, dump(doc))
    else:
        with pytest.raises(Invalid) as info:
            import_visit(db, dump(doc))
        assert info.value.path == "people[0].phone"


def test_lengths_at_the_limit_are_accepted(db):
    doc = sample()
    doc["visit"]["title"] = "ā" * 300
    doc["programme"][0]["description"] = "x" * 100_000
    import_visit(db, dump(doc))


def test_real_time_comparison_accepts_a_flight_that_lands_earlier_on_the_clock(db):
    """Riga 10:00 → Oslo 09:45 is a 1 h 45 min flight: the clocks differ by an hour."""
    doc = sample()
    doc["travel"][0]["from"]["at"] = "2024-04-02T10:00"
    doc["travel"][0]["to"]["at"] = "2024-04-02T09:45"
    import_visit(db, dump(doc))


def test_autumn_time_that_occurs_twice_means_the_first(db):
    doc = sample()
    doc["visit"]["start_date"] = "2024-10-26"
    doc["visit"]["end_date"] = "2024-10-28"
    for person in doc["people"]:
        person.pop("arrives", None)
        person.pop("departs", None)
    doc["stays"] = []
    doc["travel"] = []
    doc["programme"] = [
        {
            "key": "x",
            "starts": "2024-10-27T02:30",
            "ends": "2024-10-27T03:15",
            "title": "Night walk",
        }
    ]
    result = import_visit(db, dump(doc))
    with db.read() as s:
        item = s.scalars(
            select(ProgrammeItem).where(ProgrammeItem.visit_id == result.visit_id)
        ).one()
        # 02:30 CEST (UTC+2), the first occurrence, is 00:30 UTC; 03:15 CET is 02:15 UTC.
        assert item.starts_utc.isoformat() == "2024-10-27T00:30:00"
        assert item.ends_utc.isoformat() == "2024-10-27T02:15:00"


def test_unknown_fields_are_ignored_with_a_warning(db):
    doc = sample()
    doc["visit"]["colour"] = "blue"
    doc["programme"][0]["mood"] = "good"
    doc["extra"] = 1
    result = import_visit(db, dump(doc))
    joined = "\n".join(result.warnings)
    assert "visit.colour: unknown field" in joined
    assert "programme[0].mood: unknown field" in joined
    assert "extra: unknown field" in joined


def test_programme_problems_are_warnings_not_errors(db):
    doc = sample()
    doc["programme"][1]["starts"] = "2024-04-02T14:00"
    doc["programme"][1]["ends"] = "2024-04-02T16:00"
    doc["programme"].append(
        {
            "key": "i3",
            "starts": "2024-04-09T09:00",
            "ends": "2024-04-09T10:00",
            "title": "After the visit",
        }
    )
    result = import_visit(db, dump(doc))
    assert any("Bērziņš" in w for w in result.warnings)  # attends two overlapping items
    assert any("After the visit" in w for w in result.warnings)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(ProgrammeItem)) == 3


def test_an_error_late_in_the_file_writes_nothing(db):
    doc = sample()
    doc["report"]["photos"] = [{"image": "data:image/png;base64,###"}]
    with pytest.raises(Invalid):
        import_visit(db, dump(doc))
    assert _counts(db) == (0, 0, 0, 0)


def test_defaults_of_the_contract(db):
    """kind, direction and status defaults; an item's zone is the destination's; lines are
    eligible unless they say otherwise."""
    from app.interchange.visit_file import export_visit

    doc = {
        "format": "studyvisit/1",
        "visit": {
            "code": "MIN",
            "title": "Minimāla",
            "start_date": "2024-04-02",
            "end_date": "2024-04-03",
            "destination": {"timezone": "Europe/Oslo"},
        },
        "programme": [
            {
                "key": "a",
                "starts": "2024-04-02T10:00",
                "ends": "2024-04-02T11:00",
                "title": "Tikšanās",
            }
        ],
        "budget": {
            "lines": [
                {"category": "other", "quantity": "1", "unit_price": "2.50", "currency": "EUR"}
            ]
        },
    }
    import_visit(db, dump(doc))
    out = json.loads(export_visit(db, "MIN"))
    assert (out["visit"]["kind"], out["visit"]["direction"], out["visit"]["status"]) == (
        "study_visit",
        "outgoing",
        "draft",
    )
    assert out["programme"][0]["timezone"] == "Europe/Oslo"
    assert out["programme"][0]["attendees"] == "all"
    assert out["budget"]["base_currency"] == "EUR"
    assert out["budget"]["lines"][0]["eligible"] is True
