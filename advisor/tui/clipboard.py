"""Copying to the clipboard, and saying honestly whether it can have worked.

Textual copies by sending the terminal an OSC 52 sequence. Many terminals ignore it
(GNOME Terminal and other VTE ones, macOS Terminal, xterm by default), tmux and screen
pass it on only when set up to, and the chat cannot ask. So the chat also hands the text
to the desktop's own clipboard tool when it runs on the person's machine (pbcopy,
wl-copy, xclip, xsel, clip.exe) — that one says whether it worked — and otherwise claims
a copy only for terminals known to take OSC 52.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping

# Terminals that put OSC 52 text on the clipboard as they come, recognised by what they
# set in the environment.
OSC52_TERMINALS = {
    "TERM": ("xterm-kitty", "alacritty", "foot", "foot-extra", "xterm-ghostty", "contour",
             "wezterm"),
    "TERM_PROGRAM": ("WezTerm", "ghostty", "rio"),
}
OSC52_MARKERS = ("KITTY_WINDOW_ID", "ALACRITTY_WINDOW_ID", "WEZTERM_PANE", "WT_SESSION")


def osc52_reaches(env: Mapping[str, str]) -> bool:
    """Whether the terminal is one known to honour OSC 52 (never behind tmux or screen,
    which forward it only when configured to)."""
    term = env.get("TERM", "")
    if env.get("TMUX") or env.get("STY") or term.startswith(("screen", "tmux")):
        return False
    if any(env.get(marker) for marker in OSC52_MARKERS):
        return True
    return any(env.get(name, "") in values for name, values in OSC52_TERMINALS.items())


def desktop_copier(env: Mapping[str, str], platform: str = sys.platform) -> list[str] | None:
    """The command that puts standard input on this desktop's clipboard, if there is one
    and the desktop is the person's: over ssh, pbcopy and clip.exe would fill the far
    machine's clipboard (an X display over ssh is the person's own, forwarded)."""
    remote = bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY"))
    candidates: list[list[str]] = []
    if platform == "darwin" and not remote:
        candidates.append(["pbcopy"])
    if platform == "win32" or (env.get("WSL_DISTRO_NAME") and not remote):
        candidates.append(["clip.exe"])
    if env.get("WAYLAND_DISPLAY") and not remote:
        candidates.append(["wl-copy"])
    if env.get("DISPLAY"):
        candidates += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    path = env.get("PATH")
    for command in candidates:
        found = shutil.which(command[0], path=path)
        if found:
            return [found, *command[1:]]
    return None


def copy_with_desktop(text: str, env: Mapping[str, str] | None = None) -> bool:
    """Put `text` on the desktop clipboard; True when the tool says it did."""
    command = desktop_copier(os.environ if env is None else env)
    if command is None:
        return False
    try:
        done = subprocess.run(
            command, input=text.encode("utf-8"), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, timeout=5, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def copy_and_say(
    text: str, *, terminal: bool, local: bool, export_key: bool
) -> tuple[str, bool]:
    """Copy with the desktop's tool (when `local`) and say what happened: whether the
    text can have reached a clipboard — the tool took it, or a `terminal` (a real one)
    known to take OSC 52 was sent it. `export_key`: the report's `e` is at hand."""
    copied = local and copy_with_desktop(text)
    if not copied and terminal:
        copied = osc52_reaches(os.environ)
    if copied:
        return "Copied the report (as text) to the clipboard.", True
    export = "press e to export it" if export_key else "use Export report"
    return (
        "Sent the report to the terminal's clipboard, but this terminal may not pass it "
        f"on (many don't, nor do tmux and ssh by default): {export} to a file instead.",
        False,
    )
