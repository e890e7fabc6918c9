"""The citizen ID card's chip at the counter: the reading panel beside the intake form."""
