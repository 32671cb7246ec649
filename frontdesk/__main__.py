"""`python -m frontdesk` runs the same command line as the `frontdesk` entry point."""

from frontdesk.cli import main

raise SystemExit(main())
