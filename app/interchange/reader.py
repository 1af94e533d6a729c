"""Reading and checking a visit file (``studyvisit/1``) before anything touches the database.

``read_visit_file`` returns the whole file as clean Python values (dates, Decimals, naive
local times beside their zones) with every reference resolved to a key of the file, or
raises ``Invalid`` naming the JSON path of the first problem. Unknown fields become warnings.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.domain import validation as v
from app.i18n import _, date_text, format_money
from app.interchange.fields import Node, data_uri
from db import enums

FORMAT = "studyvisit/1"
HUNDRED = Decimal(100)


@dataclass
class ParsedFile:
    visit: dict[str, Any]
    organisations: list[dict[str, Any]]
    people: list[dict[str, Any]]
    programme: list[dict[str, Any]]
    travel: list[dict[str, Any]]
    stays: list[dict[str, Any]]
    budget: dict[str, Any] | None
    report: dict[str, Any] | None
    warnings: list[str] = field(default_factory=list)


def _unique(seen: dict[str, str], key: str, path: str) -> None:
    if key in seen:
        raise v.Invalid(
            _("duplicate key {key} (also at {other})").format(key=key, other=seen[key]), path
        )
    seen[key] = path


def _translations(node: Node, fields: tuple[str, ...]) -> dict[str, dict[str, str]] | None:
    block = node.obj("translations")
    if block is None:
        return None
    out: dict[str, dict[str, str]] = {}
    for lang in list(block.data):
        if lang not in enums.LANGUAGES:
            block.raw(lang)
            raise v.Invalid(
                _("must be one of: {allowed}").format(allowed=", ".join(enums.LANGUAGES)),
                block.sub(lang),
            )
        texts = block.obj(lang)
        if texts is None:
            continue
        entry = {}
        for name in fields:
            value = texts.text(name, long=name != "title")
            if value is not None:
                entry[name] = value
        texts.finish()
        if entry:
            out[lang] = entry
    block.finish()
    return out or None


def _zone(node: Node, name: str, default: str | None = None) -> str:
    value = node.raw(name)
    if value is None and default is not None:
        return default
    try:
        v.zone(value)
    except v.Invalid as exc:
        raise exc.at(node.sub(name)) from None
    return value


def _reference(
    node: Node, name: str, keys: dict[str, Any], *, required: bool = False
) -> str | None:
    key = node.text(name, required=required)
    if key is not None and key not in keys:
        raise v.Invalid(
            _("refers to {key}, which is not in the file").format(key=key), node.sub(name)
        )
    return key


def _attendees(node: Node, name: str, people: dict[str, Any]) -> str | list[str]:
    value = node.raw(name)
    if value is None or value == "all":
        return "all"
    if not isinstance(value, list):
        raise v.Invalid(_('must be "all" or a list of person keys'), node.sub(name))
    out: list[str] = []
    for i, key in enumerate(value):
        path = f"{node.sub(name)}[{i}]"
        if not isinstance(key, str) or key not in people:
            raise v.Invalid(_("refers to {key}, which is not in the file").format(key=key), path)
        if key in out:
            raise v.Invalid(_("lists {key} twice").format(key=key), path)
        out.append(key)
    return out


def _local_pair(node: Node, zone_name: str) -> tuple[dt.datetime, dt.datetime]:
    starts = node.get("starts", v.local_time, zone_name=zone_name)
    ends = node.get("ends", v.local_time, zone_name=zone_name)
    if v.to_utc(ends, zone_name) <= v.to_utc(starts, zone_name):
        raise v.Invalid(
            _("before starts") if ends < starts else _("not after starts"), node.sub("ends")
        )
    return starts, ends


MAX_DIGITS = 30  # no count, amount or share in a visit file comes near this


def _number(literal: str, convert: Any) -> Any:
    if len(literal.lstrip("-").split(".")[0].split("e")[0].split("E")[0]) > MAX_DIGITS:
        raise v.Invalid(
            _(
                "holds a number of {n} digits ({start}…); no value in a visit file is that long"
            ).format(n=len(literal), start=literal[:12]),
            "$",
        )
    return convert(literal)


def _constant(name: str) -> Any:
    raise v.Invalid(_("holds {name}, which is not a number JSON allows").format(name=name), "$")


def _load_json(text: str) -> Any:
    """The JSON document, refusing what would otherwise fail deep inside: nesting deeper
    than Python's parser goes, numbers of thousands of digits, NaN and Infinity."""
    try:
        return json.loads(
            text,
            parse_int=lambda s: _number(s, int),
            parse_float=lambda s: _number(s, float),
            parse_constant=_constant,
        )
    except json.JSONDecodeError as exc:
        raise v.Invalid(
            _("not valid JSON (line {line}, column {col}: {msg})").format(
                line=exc.lineno, col=exc.colno, msg=exc.msg
            ),
            "$",
        ) from None
    except RecursionError:
        raise v.Invalid(
            _(
                "is nested too deeply to be a visit file (lists or objects inside "
                "each other thousands of times)"
            ),
            "$",
        ) from None


def read_visit_file(text: str) -> ParsedFile:
    """Check the whole file; the first broken rule raises ``Invalid`` with its JSON path."""
    doc = _load_json(text)
    warnings: list[str] = []
    top = Node(doc, "", warnings) if isinstance(doc, dict) else None
    if top is None:
        raise v.Invalid(_("the file must hold a JSON object"), "$")
    fmt = top.raw("format")
    if fmt is None:
        raise v.Invalid(_("is required"), "format")
    if fmt != FORMAT:
        raise v.Invalid(
            _("unsupported format {found}; this program reads {expected}").format(
                found=json.dumps(fmt, ensure_ascii=False), expected=FORMAT
            ),
            "format",
        )

    visit_node = top.obj("visit", required=True)
    assert visit_node is not None
    # People and organisations first: the visit and programme refer to their keys.
    organisations, contact_keys = _organisations(top)
    org_keys = {o["key"]: o for o in organisations}
    visit = _visit_head(visit_node)
    people = _people(top, org_keys, visit)
    person_keys = {p["key"]: p for p in people}
    visit["organiser"] = visit_node.text("organiser")
    visit["coordinator"] = _reference(visit_node, "coordinator", person_keys)
    visit_node.finish()
    programme = _programme(top, visit, org_keys, contact_keys, person_keys)
    travel = _travel(top, person_keys)
    stays = _stays(top, person_keys)
    budget = _budget(top, person_keys)
    report = _report(top)
    top.finish()
    return ParsedFile(
        visit, organisations, people, programme, travel, stays, budget, report, warnings
    )


def _visit_head(n: Node) -> dict[str, Any]:
    visit: dict[str, Any] = {
        "code": n.text("code", required=True),
        "title": n.text("title", required=True),
        "translations": _translations(n, ("title", "purpose")),
        "kind": n.get("kind", v.choice, allowed=enums.VISIT_KINDS, default="study_visit"),
        "direction": n.get("direction", v.choice, allowed=enums.DIRECTIONS, default="outgoing"),
        "status": n.get("status", v.choice, allowed=enums.VISIT_STATUSES, default="draft"),
        "purpose": n.text("purpose", long=True),
        "notes": n.text("notes", long=True),
        "topics": n.strings("topics") or None,
    }
    dest = n.obj("destination", required=True)
    assert dest is not None
    visit["country"] = dest.get("country", v.country)
    visit["city"] = dest.text("city")
    visit["timezone"] = _zone(dest, "timezone")
    dest.finish()
    visit["start_date"] = n.get("start_date", v.date, required=True)
    visit["end_date"] = n.get("end_date", v.date, required=True)
    if visit["end_date"] < visit["start_date"]:
        raise v.Invalid(_("before start_date"), n.sub("end_date"))
    languages = []
    for path, lang in n.items("languages"):
        try:
            languages.append(v.choice(lang, enums.LANGUAGES))
        except v.Invalid as exc:
            raise exc.at(path) from None
    visit["languages"] = languages or None
    emergency = []
    for e in n.objects("emergency"):
        emergency.append(
            {"label": e.text("label", required=True), "phone": e.get("phone", v.emergency_phone)}
        )
        if emergency[-1]["phone"] is None:
            raise v.Invalid(_("is required"), e.sub("phone"))
        e.finish()
    visit["emergency"] = emergency or None
    visit["project"] = _project(n)
    return visit


def _project(n: Node) -> dict[str, Any] | None:
    p = n.obj("project")
    if p is None:
        return None
    project = {
        "code": p.text("code", required=True),
        "title": p.text("title"),
        "programme": p.text("programme"),
        "funder": p.text("funder"),
        "period_start": p.get("period_start", v.date),
        "period_end": p.get("period_end", v.date),
        "grant_rate": p.get(
            "grant_rate", v.decimal, places=2, non_negative=True, required=False, maximum=HUNDRED
        ),
        "acknowledgement": p.text("acknowledgement", long=True),
        "logo": p.get("logo", data_uri),
        # Format 1.1 (issue 12), all optional: the grant awarded (in ``currency``), the
        # currency the project reports in (EUR when absent) and the rule payments convert
        # by (``ecb`` when absent).
        "currency": p.get("currency", v.currency, required=False),
        "awarded": p.get("awarded", v.decimal, places=2, non_negative=True, required=False),
        "rate_rule": p.get("rate_rule", v.choice, allowed=enums.RATE_RULES),
    }
    if (
        project["period_start"]
        and project["period_end"]
        and project["period_end"] < project["period_start"]
    ):
        raise v.Invalid(_("before period_start"), p.sub("period_end"))
    p.finish()
    return project


def _organisations(top: Node) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    contacts_seen: dict[str, str] = {}
    contact_keys: dict[str, Any] = {}
    for o in top.objects("organisations"):
        key = o.key()
        assert key is not None
        _unique(seen, key, o.sub("key"))
        org = {
            "key": key,
            "name": o.text("name", required=True),
            "name_original": o.text("name_original"),
            "name_en": o.text("name_en"),
            "kind": o.get("kind", v.choice, allowed=enums.ORG_KINDS),
            "country": o.get("country", v.country),
            "city": o.text("city"),
            "address": o.text("address"),
            "website": o.text("website"),
            "contacts": [],
        }
        for c in o.objects("contacts"):
            ckey = c.key()
            assert ckey is not None
            _unique(contacts_seen, ckey, c.sub("key"))
            contact = {
                "key": ckey,
                "name": c.text("name", required=True),
                "position": c.text("position"),
                "email": c.get("email", v.email),
                "phone": c.get("phone", v.phone),
                "languages": c.strings("languages") or None,
            }
            c.finish()
            org["contacts"].append(contact)
            contact_keys[ckey] = contact
        o.finish()
        out.append(org)
    return out, contact_keys


def _people(top: Node, orgs: dict[str, Any], visit: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for p in top.objects("people"):
        key = p.key()
        assert key is not None
        _unique(seen, key, p.sub("key"))
        person = {
            "key": key,
            "given_name": p.text("given_name", required=True),
            "family_name": p.text("family_name", required=True),
            "organisation": p.text("organisation"),
            "position": p.text("position"),
            "email": p.get("email", v.email),
            "phone": p.get("phone", v.phone),
            "date_of_birth": p.get("date_of_birth", v.date),
            "id_document": p.text("id_document"),
            "dietary": p.text("dietary", long=True),
            "accessibility": p.text("accessibility", long=True),
            "gender": p.get("gender", v.choice, allowed=enums.GENDERS),
            "role": p.get("role", v.choice, allowed=enums.ROLES, default="delegate"),
            "status": p.get(
                "status", v.choice, allowed=enums.PARTICIPATION_STATUSES, default="invited"
            ),
            "arrives": p.get("arrives", v.date),
            "departs": p.get("departs", v.date),
            "has_sensitive": "date_of_birth" in p.data or "id_document" in p.data,
        }
        ec = p.obj("emergency_contact")
        person["emergency_name"] = ec.text("name") if ec else None
        person["emergency_phone"] = ec.get("phone", v.phone) if ec else None
        if ec:
            ec.finish()
        for name in ("arrives", "departs"):
            day = person[name]
            if day is not None and not visit["start_date"] <= day <= visit["end_date"]:
                raise v.Invalid(
                    _("{day} is outside the visit ({start} – {end})").format(
                        day=date_text(day),
                        start=date_text(visit["start_date"]),
                        end=date_text(visit["end_date"]),
                    ),
                    p.sub(name),
                )
        if person["arrives"] and person["departs"] and person["departs"] < person["arrives"]:
            raise v.Invalid(_("before arrives"), p.sub("departs"))
        p.finish()
        out.append(person)
    return out


def _programme(
    top: Node,
    visit: dict[str, Any],
    orgs: dict[str, Any],
    contacts: dict[str, Any],
    people: dict[str, Any],
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for n in top.objects("programme"):
        key = n.key()
        assert key is not None
        _unique(seen, key, n.sub("key"))
        zone_name = _zone(n, "timezone", default=visit["timezone"])
        starts, ends = _local_pair(n, zone_name)
        track = n.raw("track")
        if track is not None:
            track = n.text("track")
        item = {
            "key": key,
            "starts": starts,
            "ends": ends,
            "timezone": zone_name,
            "kind": n.get("kind", v.choice, allowed=enums.ITEM_KINDS, default="meeting"),
            "title": n.text("title", required=True),
            "description": n.text("description", long=True),
            "translations": _translations(n, ("title", "description")),
            "host": _reference(n, "host", orgs),
            "contact": _reference(n, "contact", contacts),
            "venue": n.text("venue"),
            "address": n.text("address"),
            "track": track,
            "attendees": _attendees(n, "attendees", people),
            "interpreter": n.get("interpreter", v.boolean),
            "confirmed": n.get("confirmed", v.boolean),
            "outcome": n.text("outcome", long=True),
        }
        n.finish()
        out.append(item)
    return out


def _travel_end(n: Node, name: str) -> dict[str, Any]:
    end = n.obj(name, required=True)
    assert end is not None
    zone_name = _zone(end, "timezone")
    result = {
        "place": end.text("place", required=True),
        "timezone": zone_name,
        "at": end.get("at", v.local_time, zone_name=zone_name),
    }
    end.finish()
    return result


def _travel(top: Node, people: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for n in top.objects("travel"):
        key = n.key(required=False)
        if key is not None:
            _unique(seen, key, n.sub("key"))
        leg = {
            "key": key,
            "mode": n.get("mode", v.choice, allowed=enums.TRAVEL_MODES, default="flight"),
            "carrier": n.text("carrier"),
            "number": n.text("number"),
            "from": _travel_end(n, "from"),
            "to": _travel_end(n, "to"),
            "booking_ref": n.text("booking_ref"),
            "passengers": _attendees(n, "passengers", people),
        }
        departs = v.to_utc(leg["from"]["at"], leg["from"]["timezone"])
        arrives = v.to_utc(leg["to"]["at"], leg["to"]["timezone"])
        if arrives <= departs:
            raise v.Invalid(_("arrival is not after departure in real time"), n.sub("to.at"))
        n.finish()
        out.append(leg)
    return out


def _stays(top: Node, people: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    beds: list[tuple[str, int, dt.date, dt.date, str]] = []  # person, stay, in, out, path
    for n in top.objects("stays"):
        key = n.key(required=False)
        if key is not None:
            _unique(seen, key, n.sub("key"))
        stay = {
            "key": key,
            "name": n.text("name", required=True),
            "address": n.text("address"),
            "phone": n.get("phone", v.phone),
            "check_in": n.get("check_in", v.date, required=True),
            "check_out": n.get("check_out", v.date, required=True),
            "rooms": [],
        }
        if stay["check_out"] < stay["check_in"]:
            raise v.Invalid(_("before check_in"), n.sub("check_out"))
        for r in n.objects("rooms"):
            occupants: list[str] = []
            for path, key_ in r.items("occupants"):
                if not isinstance(key_, str) or key_ not in people:
                    raise v.Invalid(
                        _("refers to {key}, which is not in the file").format(key=key_), path
                    )
                for other, stay_no, c_in, c_out, other_path in beds:
                    same_stay = stay_no == len(out)
                    overlapping = c_in < stay["check_out"] and stay["check_in"] < c_out
                    if other == key_ and (same_stay or overlapping):
                        raise v.Invalid(
                            _("{key} already sleeps in another room then ({other})").format(
                                key=key_, other=other_path
                            ),
                            path,
                        )
                beds.append((key_, len(out), stay["check_in"], stay["check_out"], path))
                occupants.append(key_)
            stay["rooms"].append(
                {
                    "label": r.text("label"),
                    "type": r.get("type", v.choice, allowed=enums.ROOM_TYPES, default="single"),
                    "occupants": occupants,
                }
            )
            r.finish()
        n.finish()
        out.append(stay)
    return out


def _budget(top: Node, people: dict[str, Any]) -> dict[str, Any] | None:
    b = top.obj("budget")
    if b is None:
        return None
    base = b.get("base_currency", v.currency, required=False) or "EUR"
    rates, dated = _rates(b, base)
    sources, source_keys = _funding_sources(b)

    def needs_rate(node: Node, name: str, cur: str) -> None:
        if cur != base and cur not in rates:
            raise v.Invalid(
                _("no exchange rate for {currency} in budget.rates").format(currency=cur),
                node.sub(name),
            )

    lines: list[dict[str, Any]] = []
    for n in b.objects("lines"):
        line = {
            "category": n.get("category", v.choice, allowed=enums.BUDGET_CATEGORIES),
            "description": n.text("description"),
            "funding": _reference(n, "funding", source_keys),
            "shares": _line_shares(n, source_keys),
            "person": _reference(n, "person", people),
            "eligible": n.get("eligible", v.boolean, default=True),
            "quantity": n.get("quantity", v.decimal, places=6, non_negative=True),
            "unit": n.get("unit", v.choice, allowed=enums.BUDGET_UNITS),
            "unit_price": n.get("unit_price", v.decimal, places=6),
            "currency": n.get("currency", v.currency),
            "actual": None,
        }
        if line["category"] is None:
            raise v.Invalid(_("is required"), n.sub("category"))
        needs_rate(n, "currency", line["currency"])
        a = n.obj("actual")
        if a is not None:
            actual = {
                "amount": a.get("amount", v.decimal, places=2),
                "currency": a.get("currency", v.currency, required=False) or line["currency"],
                "document": a.text("document"),
                "date": a.get("date", v.date),
                "paid": a.get("paid", v.boolean),
            }
            needs_rate(a, "currency", actual["currency"])
            a.finish()
            line["actual"] = actual
        _fits(n, line, base, rates)
        n.finish()
        lines.append(line)
    b.finish()
    return {
        "base_currency": base,
        "rates": list(rates.values()),
        "dated_rates": dated,
        "funding_sources": sources,
        "lines": lines,
    }


def _funding_sources(b: Node) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The sources, and their keys (which lines and shares refer to)."""
    sources: list[dict[str, Any]] = []
    source_keys: dict[str, str] = {}
    for s in b.objects("funding_sources"):
        key = s.key(required=False)
        if key is not None:
            _unique(source_keys, key, s.sub("key"))
        sources.append(
            {
                "key": key,
                "name": s.text("name", required=True),
                "share": s.get(
                    "share", v.decimal, places=2, non_negative=True, required=False, maximum=HUNDRED
                ),
                # new in this version, optional: without ``grant`` the name tells
                "grant": s.get("grant", v.boolean, default=None),
                "cap": s.get("cap", v.decimal, places=2, non_negative=True, required=False),
            }
        )
        s.finish()
    return sources, source_keys


def _rates(b: Node, base: str) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """The plan's rates (one per currency) and the dated rates payments convert at
    (``kind`` ``ecb`` or ``inforeuro``, a date each, several dates per currency)."""
    rates: dict[str, dict[str, Any]] = {}
    dated: list[dict[str, Any]] = []
    seen: set[tuple[str, str, dt.date]] = set()
    for r in b.objects("rates"):
        cur = r.get("currency", v.currency)
        kind = r.get("kind", v.choice, allowed=enums.RATE_KINDS, default="plan")
        if kind == "plan" and cur in rates:
            raise v.Invalid(
                _("a second rate for {currency}; one rate per currency").format(currency=cur),
                r.sub("currency"),
            )
        per_base = r.get("per_base", v.decimal, places=6)
        if per_base <= 0:
            raise v.Invalid(_("must be greater than zero"), r.sub("per_base"))
        if cur == base and per_base != 1:
            raise v.Invalid(_("the base currency's rate can only be 1"), r.sub("per_base"))
        rate = {
            "currency": cur,
            "per_base": per_base,
            "date": r.get("date", v.date, required=kind != "plan"),
            "source": r.text("source"),
            "kind": kind,
        }
        r.finish()
        if kind == "plan":
            rates[cur] = rate
            continue
        if (cur, kind, rate["date"]) in seen:
            raise v.Invalid(
                _("a second {kind} rate for {currency} on {day}").format(
                    kind=kind, currency=cur, day=date_text(rate["date"])
                ),
                r.sub("date"),
            )
        seen.add((cur, kind, rate["date"]))
        dated.append(rate)
    return rates, dated


def _line_shares(n: Node, source_keys: dict[str, str]) -> list[tuple[str, Decimal]] | None:
    """A line shared between funding sources: ``[{"funding": key, "percent": "85"}, …]``,
    each source once, adding up to 100 %."""
    out: list[tuple[str, Decimal]] = []
    for s in n.objects("shares"):
        key = _reference(s, "funding", source_keys, required=True)
        assert key is not None
        if any(key == known for known, _pct in out):
            raise v.Invalid(_("lists {key} twice").format(key=key), s.sub("funding"))
        out.append(
            (
                key,
                s.get(
                    "percent",
                    v.decimal,
                    places=2,
                    non_negative=True,
                    required=True,
                    maximum=HUNDRED,
                ),
            )
        )
        s.finish()
    total = sum((pct for _key, pct in out), Decimal(0))
    if out and total != HUNDRED:
        raise v.Invalid(
            _("the shares add up to {sum} %, not 100 %").format(sum=total), n.sub("shares")
        )
    return out or None


def _fits(node: Node, line: dict[str, Any], base: str, rates: dict[str, dict[str, Any]]) -> None:
    """A line's planned and paid amounts, and their conversions to the base currency,
    within what the program holds (``money.MAX_AMOUNT``), else one sentence naming it."""
    from app.domain.budget_totals import category_label
    from app.domain.money import MAX_AMOUNT, fits

    def rate(currency: str) -> Decimal:
        return Decimal(1) if currency == base else rates[currency]["per_base"]

    name = line["description"] or category_label(line["category"])
    limit = format_money(MAX_AMOUNT, base)
    if not fits(line["quantity"] * line["unit_price"], rate(line["currency"])):
        raise v.Invalid(
            _(
                "Budget line “{line}”: quantity × unit price comes to more than "
                "the program can hold ({limit} at most, also in the base "
                "currency); nothing was saved."
            ).format(line=name, limit=limit),
            node.sub("unit_price"),
        )
    actual = line["actual"]
    if actual is not None and not fits(actual["amount"], rate(actual["currency"])):
        raise v.Invalid(
            _(
                "Budget line “{line}”: the paid amount is more than the program "
                "can hold ({limit} at most, also in the base currency); nothing "
                "was saved."
            ).format(line=name, limit=limit),
            node.sub("actual") + ".amount",
        )


def _report(top: Node) -> dict[str, Any] | None:
    r = top.obj("report")
    if r is None:
        return None
    lessons: list[dict[str, Any]] = []
    for path, element in r.items("lessons"):
        if isinstance(element, str) or element is None:
            try:
                lessons.append({"text": v.text(element, long=True, required=True), "topics": None})
            except v.Invalid as exc:
                raise exc.at(path) from None
            continue
        if not isinstance(element, dict):
            raise v.Invalid(_("must be text or an object with text and topics"), path)
        n = Node(element, path, r.warnings)
        lessons.append(
            {
                "text": n.text("text", long=True, required=True),
                "topics": n.strings("topics") or None,
            }
        )
        n.finish()
    follow_ups = []
    for n in r.objects("follow_ups"):
        follow_ups.append(
            {
                "action": n.text("action", long=True, required=True),
                "owner": n.text("owner"),
                "due": n.get("due", v.date),
                "status": n.get(
                    "status", v.choice, allowed=enums.FOLLOW_UP_STATUSES, default="open"
                ),
            }
        )
        n.finish()
    photos = []
    for n in r.objects("photos"):
        mime, payload = n.get("image", data_uri, required=True)
        photos.append(
            {
                "caption": n.text("caption"),
                "taken": n.get("taken", v.date),
                "mime": mime,
                "data": payload,
            }
        )
        n.finish()
    report = {
        "summary": r.text("summary", long=True),
        "results": r.strings("results", long=True) or None,
        "lessons": lessons,
        "follow_ups": follow_ups,
        "contacts_gained": r.strings("contacts_gained") or None,
        "article": r.text("article", long=True),
        "photos": photos,
    }
    r.finish()
    return report
