"""The parts of the fever-clinic case window (ui/pages/case_page.py): its header and one widget per tab."""
