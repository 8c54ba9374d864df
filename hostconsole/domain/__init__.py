"""The pure core of a show: model, timing and ledger maths, free of Qt, network and storage."""
