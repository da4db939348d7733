"""Data files the engine reads: word lists (``*.txt``, see `podium.engine.wordlists`) and the MiniLM tokenizer."""
