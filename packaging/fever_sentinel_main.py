"""The bundle's entry script (both executables). PyInstaller needs a script file, not a
``module:function``; everything else — the desktop app, the commands, the self-test's Qt probe —
is wired in ``ui.launcher``, the same entry point a source install uses."""

import sys

from ui.launcher import main

if __name__ == "__main__":
    sys.exit(main())
