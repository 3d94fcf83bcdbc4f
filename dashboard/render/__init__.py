"""Drawing: plotly figures (theme, text metrics, one module per page), tables and CSV, the
palette, the tile map, the app's plotly.js bundle; and the deliverables a consultant takes
away (issue 15), drawn from a `ReportContent` (dashboard.report_model):

images      a chart as PNG (2x) or SVG through kaleido and Debian's Chromium, with its title,
            edition, peer group, N and source line drawn in; file names
report_pdf  the report as print-ready HTML (A4) and as PDF through WeasyPrint
slides      the report as PowerPoint (16:9) through python-pptx
batch       the reports of many structures into one zip, with progress and cancellation
"""
