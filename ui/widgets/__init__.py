"""The one widget kit of the desks: palette, record table, form box, form dialog, identity fields, page contract."""
