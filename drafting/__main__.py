"""``python -m drafting``."""

import sys

try:
    from drafting.cli import main
except KeyboardInterrupt:  # Ctrl-C while the command line itself is being imported
    sys.exit(130)  # drafting.errors.EXIT_INTERRUPTED, not imported: it may be what was cut

main()
