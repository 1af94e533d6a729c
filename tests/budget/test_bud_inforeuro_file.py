"""An InforEuro rate file saved as comma-separated CSV: a rate written with a decimal comma
("11,5") splits into two cells; it must be refused naming the line, never read as 11."""

from __future__ import annotations

import pytest

from app.domain.validation import Invalid
from app.services.inforeuro_rates import parse_inforeuro


def test_a_decimal_comma_in_a_comma_separated_file_is_refused_naming_the_line() -> None:
    text = "isoA3Code,value\nSEK,11.30\nNOK,11,5\n"
    with pytest.raises(Invalid) as caught:
        parse_inforeuro(text)
    message = str(caught.value)
    assert "line 3" in message and "decimal point" in message


def test_a_comma_separated_file_with_points_and_a_semicolon_file_with_commas_read() -> None:
    assert str(parse_inforeuro("isoA3Code,value\nNOK,11.5\n")["NOK"]) == "11.5"
    assert str(parse_inforeuro("isoA3Code;value\nNOK;11,5\n")["NOK"]) == "11.5"
    # a country column before the code, as the Commission's page lists them
    text = "country,isoA3Code,value\nNorway,NOK,11.5\nSweden,SEK,11.25\n"
    assert {k: str(v) for k, v in parse_inforeuro(text).items()} == {
        "NOK": "11.5",
        "SEK": "11.25",
        "EUR": "1",
    }


def test_a_file_nested_thousands_deep_is_refused_in_a_sentence() -> None:
    """Lists inside lists 100 000 deep: "Something went wrong (RecursionError)" before."""
    with pytest.raises(Invalid, match="not an InforEuro file"):
        parse_inforeuro("[" * 100_000 + "]" * 100_000)
