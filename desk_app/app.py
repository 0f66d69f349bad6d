"""Entry point of ``desk-app``: the window without a command, the command line with one.

Nothing happens at import time; ``main`` builds everything.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    from desk_app.cli import main as cli

    args = list(sys.argv[1:] if argv is None else argv)
    options = cli.parse(args)
    if options.self_test:
        from desk_app.desktop import self_test

        return self_test.run()
    if options.command is None:
        from desk_app.desktop import launch

        return launch.run(options.database, demo_gateway=options.demo_gateway)
    return cli.execute(options)


if __name__ == "__main__":
    sys.exit(main())
