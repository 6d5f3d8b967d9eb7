"""python -m zhongyuan.build: the main job (make report); --help lists its options."""
import sys

from .run import main

sys.exit(main())
