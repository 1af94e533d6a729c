"""Daily allowances (Cabinet Regulation No. 969): the package's public operations.

Callers import from here; each module holds one part: ``rate_table`` (the rates in force and
their CSV import), ``inputs`` (the stored reduced days and share), ``plan`` (who travels which
days at which rate), ``plan_checks`` (warnings from the budget), ``lines`` (the budget lines
the calculator writes, keeping what was paid) and ``line_undo`` (undo of writing them).
"""

from app.services.allowances.inputs import (
    KEEP,
    AllowanceInputs,
    allowance_inputs,
    save_allowance_inputs,
)
from app.services.allowances.line_undo import (
    allowance_line_ids,
    put_allowance_lines_back,
    switch_allowance_lines,
)
from app.services.allowances.lines import (
    ACTUAL_FIELDS,
    AllowanceWrite,
    apply_allowance_lines,
    lines_with_actuals,
    spread_cents,
    write_allowance_lines,
)
from app.services.allowances.plan import AllowancePlan, TravellerAllowance, allowance_plan
from app.services.allowances.rate_table import (
    ALLOWANCE_COLUMNS,
    LATVIAN_HEADERS,
    AllowanceImport,
    RateInForce,
    allowance_rates_template,
    has_allowance_rates,
    import_allowance_rates,
    import_allowance_table,
    put_allowance_rates_back,
    rate_in_force,
)

__all__ = [
    "ACTUAL_FIELDS",
    "ALLOWANCE_COLUMNS",
    "KEEP",
    "LATVIAN_HEADERS",
    "AllowanceImport",
    "AllowanceInputs",
    "AllowancePlan",
    "AllowanceWrite",
    "RateInForce",
    "TravellerAllowance",
    "allowance_inputs",
    "allowance_line_ids",
    "allowance_plan",
    "allowance_rates_template",
    "apply_allowance_lines",
    "has_allowance_rates",
    "import_allowance_rates",
    "import_allowance_table",
    "lines_with_actuals",
    "put_allowance_lines_back",
    "put_allowance_rates_back",
    "rate_in_force",
    "save_allowance_inputs",
    "spread_cents",
    "switch_allowance_lines",
    "write_allowance_lines",
]
