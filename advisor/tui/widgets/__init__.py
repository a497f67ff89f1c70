"""Widgets of the chat and the report. They talk to their screen through nested Messages."""
