"""Pure rules with no I/O: validation, time zones, money, programme checks."""
