import sys

from compilecli.world import main

sys.exit(main())
