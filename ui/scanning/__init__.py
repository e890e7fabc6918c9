"""Paper in: the scan panel of a dossier or an intake, the scanner set-up, the ID card on the glass."""
