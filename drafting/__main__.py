"""``python -m drafting``."""

import gc
import sys

gc.disable()  # start-up time: imports make many objects and no garbage (enabled again below)
try:
    from drafting.cli import main
except KeyboardInterrupt:  # Ctrl-C while the command line itself is being imported
    sys.exit(130)  # drafting.errors.EXIT_INTERRUPTED, not imported: it may be what was cut
gc.enable()

main()
