"""The one widget kit of the desks: palette, record table, form box, identity fields, page contract."""
