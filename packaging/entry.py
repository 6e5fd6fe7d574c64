"""The frozen app's entry point: the same as the ``assessor`` console script.

PyInstaller starts from a script, not from an entry point, so this file stands in for
``assessor = "assessor.launcher:main"`` (a test keeps the two the same): with no arguments it
opens the desktop app, otherwise it runs a command.
"""

from __future__ import annotations

from assessor.launcher import main

if __name__ == "__main__":
    main()
