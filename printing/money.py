"""Amounts of money as Vietnamese paperwork writes them."""


def format_vnd(amount: int) -> str:
    """'1.250.000 đ': dots between thousands, no decimals."""
    return f"{amount:,} đ".replace(",", ".")
