"""The price data: advisor's dated catalog (its file format, records and loading), the
genai-prices data it falls back on, which model an answer names, lifecycle dates, and what
one request costs on one model. Nothing here knows of answers or approaches."""
