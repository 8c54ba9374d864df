"""Adapters: one package per outside system (storage, OBS, sales feeds, secrets)."""
