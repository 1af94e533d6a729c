"""A fuzz test of the visit-file reader with a fixed seed: thousands of mutated files (values
of the wrong type, hostile numbers, dates and text, keys removed or added, the JSON text
itself cut, flipped and nested) are either read or refused with ``Invalid`` — never another
exception — and an import of a refused file writes nothing.

Bounded: ``CASES`` files read and every ``IMPORT_EVERY``-th also imported, in well under a
minute. ``STUDYVISIT_FUZZ_CASES`` raises the count for a longer run; the seed stays fixed so
a failure is reproduced by its case number.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import random
from typing import Any

from app.domain.validation import Invalid
from app.interchange.reader import read_visit_file
from app.interchange.visit_file import import_visit
from app.services.base import ServiceError
from app.services.visits import list_visits
from tests.interchange.visit_sample import SAMPLE, dump

SEED = 20261206
CASES = int(os.environ.get("STUDYVISIT_FUZZ_CASES", "3000"))
IMPORT_EVERY = 15

HOSTILE: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1.5,
    float("1e308"),
    10**40,
    -(10**25),
    "",
    " ",
    "\x00",
    "NaN",
    "9999-12-31",
    "0000-00-00",
    "2024-02-30",
    "2024-04-02T25:61",
    "1900-01-01",
    "Europe/Atlantis",
    "../../etc/passwd",
    "<b>Rīga & ‹Jūrmala></b>",
    "ā" * 5000,
    "\u202e\u200b\ufeff",
    "'; DROP TABLE visit; --",
    {"name": "Europe/Oslo"},
    [],
    [None],
    {},
    [[[[[]]]]],
    {"a": {"b": {"c": {}}}},
    "all",
    ["all"],
    "p-ozola",
    "org-bir",
    "-5",
    "1e9999",
    "85 %",
    "EUR",
    "XXX",
    "€",
    "\n\n",
    "😀" * 50,
]


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the document: dict keys and list indexes."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    node = doc
    for step in path[:-1]:
        node = node[step]
    return node, path[-1]


def _mutate_document(rng: random.Random, doc: dict[str, Any]) -> None:
    for _ in range(rng.randint(1, 4)):
        paths = [p for p in _paths(doc) if p]
        path = rng.choice(paths)
        parent, last = _parent(doc, path)
        action = rng.random()
        if action < 0.55:
            parent[last] = copy.deepcopy(rng.choice(HOSTILE))
        elif action < 0.7 and isinstance(parent, dict):
            del parent[last]
        elif action < 0.8 and isinstance(parent, list):
            parent.insert(rng.randrange(len(parent) + 1), copy.deepcopy(parent[last]))
        elif action < 0.9 and isinstance(parent, dict):
            parent[rng.choice(["extra", "key", "visit", "format", "starts"])] = copy.deepcopy(
                rng.choice(HOSTILE)
            )
        else:  # a value swapped with another place's (right shape, wrong meaning)
            other_parent, other_last = _parent(doc, rng.choice(paths))
            with contextlib.suppress(KeyError, IndexError, TypeError):
                parent[last], other_parent[other_last] = (
                    copy.deepcopy(other_parent[other_last]),
                    copy.deepcopy(parent[last]),
                )


def _mutate_text(rng: random.Random, text: str) -> str:
    choice = rng.random()
    if choice < 0.3:  # cut
        return text[: rng.randrange(len(text))]
    if choice < 0.55:  # a few characters changed
        chars = list(text)
        for _ in range(rng.randint(1, 8)):
            chars[rng.randrange(len(chars))] = rng.choice('{}[]",:0-9aZ\\ \x00ā')
        return "".join(chars)
    if choice < 0.7:  # nested deep at some place
        at = rng.randrange(len(text))
        depth = rng.choice([10, 500, 5000, 50_000])
        return text[:at] + "[" * depth + "]" * depth + text[at:]
    if choice < 0.85:  # a huge number somewhere
        at = text.find(":", rng.randrange(len(text)))
        if at < 0:
            return text
        return (
            text[: at + 1] + " " + "7" * rng.choice([20, 400, 4500, 20_000]) + "," + text[at + 1 :]
        )
    return text.replace('"', "'", rng.randint(1, 5))  # not JSON any more


def _cases() -> list[str]:
    rng = random.Random(SEED)
    texts = []
    for _ in range(CASES):
        if rng.random() < 0.7:
            doc = copy.deepcopy(SAMPLE)
            _mutate_document(rng, doc)
            try:
                texts.append(dump(doc))
            except (TypeError, ValueError):
                texts.append(json.dumps(doc, default=str))
        else:
            texts.append(_mutate_text(rng, dump(SAMPLE)))
    return texts


def test_mutated_visit_files_are_read_or_refused_never_crash(db) -> None:
    read = refused = imported = import_refused = 0
    for number, text in enumerate(_cases()):
        try:
            read_visit_file(text)
            read += 1
        except Invalid as exc:
            refused += 1
            assert str(exc).strip(), number
            assert "Traceback" not in str(exc)
        except Exception as exc:  # the failure names the case for reproduction
            raise AssertionError(f"case {number}: {type(exc).__name__}: {exc}") from exc
        if number % IMPORT_EVERY:
            continue
        before = len(list_visits(db))
        try:
            import_visit(db, text, replace=True)
            imported += 1
        except (Invalid, ServiceError):
            import_refused += 1
            assert len(list_visits(db)) == before, number
        except Exception as exc:
            raise AssertionError(f"case {number} (import): {type(exc).__name__}: {exc}") from exc
    print(
        f"fuzz: {CASES} files, {read} read, {refused} refused; "
        f"{imported + import_refused} imported ({imported} saved, {import_refused} refused)"
    )
    assert read > CASES // 20 and refused > CASES // 3  # the mutations hit both ways
