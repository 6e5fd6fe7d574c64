"""The subcommands of the ``assessor`` command line, one module per capability.

Each module defines plain click commands; :mod:`assessor.cli` adds them to the group. Heavy
libraries (reportlab, sqlite-utils) are imported inside the command functions so that the
command line starts fast and never loads Qt.
"""
