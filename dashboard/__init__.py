"""The core of the barometer dashboard: contract, loading, validation, store, figures.

This package never imports dash; it is tested without a server or a browser.
"""
