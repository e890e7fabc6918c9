"""How well a procedure fits the words the officer typed, diacritics and case ignored: its exact
code or exact name first, then names that start with the typed words, then names holding them as
one phrase, then names holding them scattered."""

from onestop.text import fold

EXACT, STARTS, PHRASE, SCATTERED = range(4)
# most catalogue names open with these words, which nobody types
_USUAL_OPENING = "thu tuc "


def fit(code: str, name: str, typed: str) -> int | None:
    """EXACT … SCATTERED for a procedure holding every typed word, None for one that does not."""
    phrase = fold(typed)
    folded_code, folded_name = fold(code), fold(name)
    if not all(word in f"{folded_code} {folded_name}" for word in phrase.split()):
        return None
    plain_name = folded_name.removeprefix(_USUAL_OPENING)
    if phrase in (folded_code, folded_name, plain_name):
        return EXACT
    if folded_code.startswith(phrase) or plain_name.startswith(phrase) or folded_name.startswith(phrase):
        return STARTS
    return PHRASE if phrase in folded_name else SCATTERED


def by_fit(code: str, name: str, typed: str) -> tuple[int, int]:
    """A sort key among the procedures that fit: the better fit, then the shorter (plainer) name."""
    found = fit(code, name, typed)
    return (SCATTERED + 1 if found is None else found, len(fold(name)))
