"""Files on disk: show files (YAML), run-sheet CSV import, and later the ledger."""
