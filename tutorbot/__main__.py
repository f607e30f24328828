import sys

from tutorbot.cli import main

sys.exit(main())
