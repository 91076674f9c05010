"""The PySide6 desktop GUI. Only this package imports Qt; the domain lives in ``app``."""
