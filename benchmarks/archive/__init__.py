"""Benchmarks of the archive (issue 20): retrieval and answers on QMSum, and scale."""
