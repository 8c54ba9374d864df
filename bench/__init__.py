"""Benchmarks for ``scripts/bench``: each ``bench_*.py`` module declares the figures it measures."""
