"""Run the command line with ``python -m assessor``."""

from assessor.cli import main

main()
