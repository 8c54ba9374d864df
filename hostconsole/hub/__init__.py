"""The hub: hears the shops' signed order pushes, keeps them in NATS JetStream and feeds each
show's console (``hostconsole hub``)."""
