"""Shared test helpers, imported one way: `from tests.helpers.<module> import ...` (pytest's pythonpath is ".").

builders (the small sample board), fixtures (fixtures shared across test folders), e2e (the app as a
subprocess), exporting_seed / exporting_readback / plan_report (export tests' data and read-back),
search_world, foreign_locale, querycount, calendar_helpers, plans.
"""
