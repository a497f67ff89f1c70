"""`advisor measure`: answers read from a team's own usage logs instead of guessed.

source (open a log, .gz included, line by line) → read (each line's format: bodies for
OpenAI and Anthropic through genai-prices' usage extraction, otel, csvlog) → tally (counts
in constant memory) → answers (what the counts support, and how) → write (the answers file).
"""
