import sys

from desk_app.app import main

sys.exit(main())
