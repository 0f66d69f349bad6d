import sys

from desk_gateway.cli import main

sys.exit(main())
