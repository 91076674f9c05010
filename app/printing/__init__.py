"""Paper output: the registration form (A4), the guide slip (thermal or A6), the case timeline (A4), the
three-part transfer handover form (A4) and the ward permit card (CR80 or thermal).

Pure ReportLab: no Qt here, so the same bytes print from the GUI, the CLI and the tests. Nothing is imported
here: each form is imported from its own module, so reading the words (``app.vocabulary``) does not load
ReportLab (the CLI's help, built at every start of the desktop app, reads them).
"""
