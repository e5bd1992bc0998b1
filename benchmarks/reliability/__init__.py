"""The reliability report (issue 18): kills, fuzzed inputs, tampering and load, each a small
module with a function the driver (``benchmarks/reliability.py``) and the tests call."""
