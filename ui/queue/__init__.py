"""The front of house's windows: the kiosk, the call display, the screen facing the citizen and
the call panel of the counter window."""
