"""The province link for the window: the technicians' screen (address, account, the queue,
retry, reconcile) and the watch that syncs on a timer and tells the status bar how the link is."""
