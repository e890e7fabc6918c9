"""The words of a call, as the display writes them and as the voice says them."""

CALL = "Mời công dân số {0} đến quầy số {1}"


def written_call(label: str, counter_number: int) -> str:
    """“Mời công dân số 012 đến quầy số 2”."""
    return CALL.format(label, counter_number)


def spoken_call(label: str, counter_number: int) -> str:
    """The same words with the ticket said letter by letter and digit by digit ("không một hai"),
    as a number read as a whole ("mười hai") is easy to mishear across a hall."""
    return CALL.format(" ".join(label), counter_number)
