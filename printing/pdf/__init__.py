"""A4 paper: the forms of the form set and the supervisors' reports, as PDF with embedded fonts."""
