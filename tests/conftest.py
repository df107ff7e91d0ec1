"""Shared test configuration.

Hypothesis runs derandomised under ``CI=true`` (the ``ci`` profile), so a CI run is the same
on every machine; locally it explores new examples (the ``dev`` profile). Choose another with
``HYPOTHESIS_PROFILE``. Helpers shared by several test modules live in ``tests/support/``.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("dev", deadline=None)
_default = "ci" if os.environ.get("CI", "").lower() == "true" else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", _default))
