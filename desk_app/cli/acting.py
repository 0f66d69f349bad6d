"""Who a command acts as (issue 12): the one place the command line decides it.

Until the command line signs in as a named member (a PIN from stdin, or an owner's
token for unattended jobs), every command acts as the shared counter sign-in, with the
rights every counter had; the services refuse it, with a message and exit code 1, once
the salon switches personal sign-in on (``staff_sign_in``).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desk_app.domain.access import SHARED_COUNTER, Actor

if TYPE_CHECKING:  # the parser is built without SQLAlchemy (tests/cli/test_lazy_imports.py)
    from desk_app.services.container import Services


def command_actor(s: Services, o: argparse.Namespace) -> Actor:
    del s, o  # what the sign-in of the command line will read
    return SHARED_COUNTER
