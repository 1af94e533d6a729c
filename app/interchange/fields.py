"""Walking a decoded JSON document with its path, so every problem names where it is.

``Node`` wraps one JSON object; reading a field through it validates the value and, on
failure, raises ``Invalid`` located at ``parent.field``. Fields nobody reads are reported
as unknown (a warning: readers ignore fields a newer writer added).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from typing import Any

from app.domain import validation as v
from app.i18n import _

_DATA_URI = re.compile(r"^data:(image/(?:png|jpeg));base64,([A-Za-z0-9+/=\s]*)$")


class Node:
    """One JSON object at ``path``; remembers which of its fields were read."""

    def __init__(self, data: Any, path: str, warnings: list[str]) -> None:
        if not isinstance(data, dict):
            raise v.Invalid(_("must be a JSON object"), path)
        self.data = data
        self.path = path
        self.warnings = warnings
        self._read: set[str] = set()

    def sub(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def raw(self, name: str) -> Any:
        self._read.add(name)
        return self.data.get(name)

    def get(self, name: str, check: Callable[..., Any], **kwargs: Any) -> Any:
        """The field checked by ``check(value, **kwargs)``; problems point at the field."""
        value = self.raw(name)
        try:
            return check(value, **kwargs)
        except v.Invalid as exc:
            raise exc.at(self.sub(name)) from None

    def text(self, name: str, *, long: bool = False, required: bool = False) -> str | None:
        return self.get(name, v.text, long=long, required=required)

    def key(self, name: str = "key", *, required: bool = True) -> str | None:
        return self.text(name, required=required)

    def obj(self, name: str, *, required: bool = False) -> Node | None:
        value = self.raw(name)
        if value is None:
            if required:
                raise v.Invalid(_("is required"), self.sub(name))
            return None
        return Node(value, self.sub(name), self.warnings)

    def items(self, name: str) -> Iterator[tuple[str, Any]]:
        """The elements of a list field with their paths; absent or null is an empty list."""
        value = self.raw(name)
        if value is None:
            return
        if not isinstance(value, list):
            raise v.Invalid(_("must be a list"), self.sub(name))
        for i, element in enumerate(value):
            yield f"{self.sub(name)}[{i}]", element

    def objects(self, name: str) -> Iterator[Node]:
        for path, element in self.items(name):
            yield Node(element, path, self.warnings)

    def strings(self, name: str, *, long: bool = False) -> list[str]:
        out = []
        for path, element in self.items(name):
            try:
                out.append(v.text(element, long=long, required=True))
            except v.Invalid as exc:
                raise exc.at(path) from None
        return out

    def finish(self) -> None:
        """Warn about every field that was never read."""
        for name in self.data:
            if name not in self._read:
                self.warnings.append(
                    _("{path}: unknown field, ignored").format(path=self.sub(name))
                )


def data_uri(value: Any, *, required: bool = False) -> tuple[str, bytes] | None:
    """``data:image/png;base64,…`` or ``data:image/jpeg;base64,…`` → (mime, bytes)."""
    if value is None:
        if required:
            raise v.Invalid(_("is required"))
        return None
    m = _DATA_URI.match(value) if isinstance(value, str) else None
    if not m:
        raise v.Invalid(_("must be a data:image/png;base64,… or data:image/jpeg;base64,… URI"))
    try:
        payload = base64.b64decode("".join(m.group(2).split()), validate=True)
    except (binascii.Error, ValueError):
        raise v.Invalid(_("holds invalid base64 data")) from None
    _check_image(m.group(1), payload)
    return m.group(1), payload


def _check_image(mime: str, payload: bytes) -> None:
    """Refuse bytes that are not the image they claim to be, at import: otherwise the
    Report tab and every document would fail on them each time they are shown."""
    from io import BytesIO

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(payload)) as image:
            found = (image.format or "").lower()
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise v.Invalid(_("holds data that is not a PNG or JPEG image")) from None
    if f"image/{found}" != mime.lower().replace("jpg", "jpeg"):
        raise v.Invalid(
            _("says {mime} but holds a {found} image").format(mime=mime, found=found.upper() or "?")
        )


def to_data_uri(mime: str, payload: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"
