"""Run Assessor with ``python -m assessor`` (the app, or a subcommand)."""

from assessor.launcher import main

main()
