"""The desktop: Qt widgets, dialogs and table models over the services in ``app``."""

from ui.none_refcount import keep_none_alive

keep_none_alive()  # before any widget: PySide6 6.12 on Python 3.11 (ui/none_refcount.py)
