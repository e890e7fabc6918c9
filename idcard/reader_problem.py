"""What went wrong with the reader or the card (not with what the officer typed): a message fit to
show; nothing was read."""


class ReaderProblem(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NothingToRead(ReaderProblem):
    """No card service, no reader, or no card laid on it in time."""
