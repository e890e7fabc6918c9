"""Connections to printers, one module per kind of link; `connect` picks one from an address."""
