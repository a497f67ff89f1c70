"""Costs in words and tables for people: the report's costs section and warnings, what an
old decision relied on that has ended, and the price list `advisor prices` shows."""
