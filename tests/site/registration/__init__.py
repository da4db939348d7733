"""Registration tests: domain rules, HTTP pages, concurrency, the browser journey."""
