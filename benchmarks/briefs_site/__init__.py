"""Benchmark of the briefs site: what an editor waits for."""
