"""Screens for accounts, the audit log and backups; the main window opens them from its menu.
Each takes the store and the logged-in actor; the services check the roles again."""
