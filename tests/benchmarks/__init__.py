"""Benchmark scripts (``bench_*.py``), run by hand; pytest does not collect them."""
