"""Printed documents for delegates and funders (ReportLab PDFs, an iCalendar file).

``common`` holds what every document shares (fonts, styles, safe text, page frame,
progress); each builder module has a ``build_*(db, visit_ref, out_path, lang=..., person=...,
progress=None, cancel=None)`` entry point that the command line and the window both call.
"""
