"""The front ends: the Textual chat (app), and the same chat served to browser tabs (web).

Only this package imports Textual and textual-serve; the commands import them inside
their handlers. Nothing is imported here, so the server process (`advisor.tui.web`) does
not load the app it serves: each tab runs the app in a process of its own.
"""
