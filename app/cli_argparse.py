"""argparse's own words (usage, option groups, usage errors) in the interface language.

argparse translates its messages through ``gettext`` in the ``argparse`` domain, which no
system ships in Latvian: a Latvian command line printed "usage:", "options:" and "the
following arguments are required: --out" beside its own Latvian help and hints. The
messages a user can meet are listed here, so that extraction puts them in our catalogue,
and ``speak_our_language`` makes argparse look them up there.
"""

from __future__ import annotations

from app.i18n import N_

MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("ignored explicit argument %r"),
)


def speak_our_language() -> None:
    """Make argparse translate its messages with our catalogue (it looks ``_`` up in its
    module at each call, so this holds for parsers built before and after)."""
    import argparse

    from app.i18n import _

    argparse._ = _  # type: ignore[attr-defined]
