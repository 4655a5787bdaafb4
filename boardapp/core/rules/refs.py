"""Human references for board actions, stable and sortable: "IB-20170801-03"."""

import datetime as dt


def action_ref(board_short_name: str, raised_on: dt.date, number: int) -> str:
    """Board prefix, date raised and running number within that meeting."""
    prefix = board_short_name.strip().upper() or "ACT"
    return f"{prefix}-{raised_on:%Y%m%d}-{number:02d}"
