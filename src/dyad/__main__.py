"""`python -m dyad`: the command line."""

from dyad.cli import main

main()
