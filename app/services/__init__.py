"""Use cases over the database: each public call is one transaction that rolls back whole."""
