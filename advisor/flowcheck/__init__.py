"""Checking flows by running them: every answer path through the engine (paths, domains,
spread over the cores), the lint that reads those paths and the flow's text, and the cover
files. It sits above the engine; the flow format (`advisor.flow`) knows nothing of it."""
