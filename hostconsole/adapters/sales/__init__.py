"""Sales feeds over HTTP: polling a JSON total and following a Server-Sent Events stream."""
