"""The field rules of the entity specs (``crud.Entity.fields``): small adapters over
``app.domain.validation`` that turn what a form or a script sent into the value stored, or
refuse it with one sentence (``Invalid``, which ``crud.clean`` names by its field).

A service names them as ``rules.line(limit=40)``, ``rules.enum(MODES)``, ``rules.date()``…
Money fields are read with ``rules.decimal`` and stored as cents with
``app.domain.money.to_minor``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.domain import typed_dates
from app.domain import validation as v
from app.domain.validation import Invalid
from app.i18n import _


def line(required: bool = False, limit: int | None = None) -> Callable[[Any], Any]:
    """One-line text (≤ 300, or ``limit`` for short columns such as flight numbers)."""

    def rule(value: Any) -> str | None:
        result = v.text(value, required=required)
        if result is not None and limit is not None and len(result) > limit:
            raise Invalid(
                _("is too long: {length} characters, at most {limit}").format(
                    length=len(result), limit=limit
                )
            )
        return result

    return rule


def long_text(value: Any) -> str | None:
    return v.text(value, long=True)


def required_long_text(value: Any) -> str | None:
    return v.text(value, long=True, required=True)


def text_list(value: Any) -> list[str] | None:
    """A list of one-line texts (topics, results); empty entries are refused."""
    if value is None:
        return None
    if not isinstance(value, (list, tuple)):
        raise Invalid(_("must be a list"))
    out = []
    for index, item in enumerate(value):
        try:
            out.append(v.text(item, long=True, required=True))
        except Invalid as problem:
            raise problem.at(f"[{index}]") from None
    return out


def enum(values: tuple[str, ...], default: str | None = None) -> Callable[[Any], Any]:
    return lambda value: v.choice(value, values, default=default)


def flag(default: bool = False) -> Callable[[Any], bool]:
    return lambda value: v.boolean(value, default=default)


def ident(value: Any) -> int | None:
    """A reference to another row by id (None clears it)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise Invalid(_("must be the id of a record"))
    return value


def ids_or_all(value: Any) -> str | list[int]:
    """``"all"`` or a list of person ids (attendees, passengers)."""
    if value == "all" or value is None:
        return "all"
    if not isinstance(value, (list, tuple)):
        raise Invalid(_('must be "all" or a list of people'))
    out: list[int] = []
    for item in value:
        number = ident(item)
        if number is None:
            raise Invalid(_("must be the id of a record"))
        if number not in out:
            out.append(number)
    return out


def id_list(value: Any) -> list[int]:
    result = ids_or_all([] if value is None else value)
    if isinstance(result, str):  # "all"
        raise Invalid(_("must be a list of people"))
    return list(result)


def date(required: bool = False) -> Callable[[Any], Any]:
    return lambda value: v.date(value, required=required)


def typed_date(required: bool = False) -> Callable[[Any], Any]:
    """A date a person types in a text field (``app.domain.typed_dates``), not a file's."""
    return lambda value: typed_dates.typed_date(value, required=required)


def decimal(
    places: int = 6, non_negative: bool = False, required: bool = False, maximum: str | None = None
) -> Callable[[Any], Any]:
    from decimal import Decimal

    top = Decimal(maximum) if maximum is not None else None
    return lambda value: v.decimal(
        value, places=places, non_negative=non_negative, required=required, maximum=top
    )


def zone_name(value: Any) -> str:
    v.zone(value)
    return value


def wall_time(value: Any) -> Any:
    """The format of a local time; whether it exists is checked against the row's zone."""
    return v.local_time(value, "UTC", required=True)


def phone(value: Any) -> str | None:
    """A phone number (7 to 15 digits) that fits its 40-character column."""
    return line(limit=40)(v.phone(value))


def translations(*names: str) -> Callable[[Any], Any]:
    """``{"en": {"title": …}, "nb": {…}}``: texts for other programme languages.

    ``description`` and ``purpose`` are long texts; every other name is one line.
    """
    from db.enums import LANGUAGES

    def rule(value: Any) -> dict[str, dict[str, str]] | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise Invalid(_("must be a mapping of language to texts"))
        out: dict[str, dict[str, str]] = {}
        for lang, texts in value.items():
            if lang not in LANGUAGES:
                raise Invalid(
                    _("must be one of: {allowed}").format(allowed=", ".join(LANGUAGES))
                ).at(str(lang))
            if not isinstance(texts, dict):
                raise Invalid(_("must be a mapping of language to texts")).at(str(lang))
            kept: dict[str, str] = {}
            for name, content in texts.items():
                if name not in names:
                    raise Invalid(_("is not a field of {what}").format(what=_("translations"))).at(
                        f"{lang}.{name}"
                    )
                try:
                    clean_text = v.text(content, long=name in ("description", "purpose"))
                except Invalid as problem:
                    raise problem.at(f"{lang}.{name}") from None
                if clean_text is not None:
                    kept[name] = clean_text
            if kept:
                out[lang] = kept
        return out or None

    return rule
