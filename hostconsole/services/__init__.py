"""Use cases that join adapters to the domain (the voucher counter, later the cue runner)."""
