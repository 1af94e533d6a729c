"""Study Visit Planner: the Qt-free core (domain rules, services, documents, CLI)."""

__version__ = "0.1.0"
