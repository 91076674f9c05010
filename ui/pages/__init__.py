"""The main window's pages: one module per page, each shown only to users allowed to use it."""
