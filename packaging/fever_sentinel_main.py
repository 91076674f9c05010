"""The bundle's entry script (both executables): ``ui.launcher.main``, plus the Qt probe for ``self-test``.

PyInstaller needs a script file, not a ``module:function``; this one adds only what a frozen
install needs beyond ``ui.launcher``: it registers the Qt half of the self-test (QtPdf rendering and
QR decoding, ui/selftest_render.py), imported lazily so admin commands do not load Qt.
"""

import sys

from app import selftest
from ui.launcher import main


def _qt_probe() -> selftest.Probe:
    from ui.selftest_render import QtProbe

    return QtProbe()


selftest.register_probe(_qt_probe)

if __name__ == "__main__":
    sys.exit(main())
