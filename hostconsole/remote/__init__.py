"""Remotes of the running show: the HTTP control API and the web presenter view."""
