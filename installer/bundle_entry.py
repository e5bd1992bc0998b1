"""The frozen program's entry script (installer/anjuan.spec).

It only hands over to ``app.__main__.main``, which calls ``multiprocessing.freeze_support()``
first: OCR and render workers are spawned as this same executable.
"""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
