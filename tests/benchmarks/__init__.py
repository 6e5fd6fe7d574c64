"""Benchmark scripts (``bench_*.py``), run by ``make benchmarks`` (``run_all.py``); pytest
collects only ``test_benchmarks.py``, which runs each of them on tiny sizes."""
