"""The cost model, in four rooms, each importing only those listed before it:

- `prices`: the price data — the dated catalog file, its format and records, the
  genai-prices data and index, which model an answer names, lifecycles, and what one
  request costs on one model;
- `estimate`: from a conversation's answers to the cost of every approach and its first
  year as billed, with the rules that choose what is compared;
- `explain`: the costs put in words and tables — the report's costs section, what a
  recorded decision relied on that has ended, the price list `advisor prices` shows;
- `flow_facts`: money and lifecycle as facts a flow can route on and quote.
"""
