"""The frozen app's entry point: the same command line as `frontdesk` and `python -m frontdesk`."""

from frontdesk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
