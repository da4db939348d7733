"""Benchmark of the LLM writer against a local model server (see __main__.py)."""
