"""The desktop: Qt widgets, dialogs and table models over the services in ``app``."""
