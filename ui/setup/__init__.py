"""The set-up assistant that turns an empty data dir into an office."""
