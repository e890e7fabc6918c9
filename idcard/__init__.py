"""The citizen's ID card chip (ICAO 9303): read through PC/SC with BAC and secure messaging, and
proved genuine by passive authentication against the technician's trust list."""
