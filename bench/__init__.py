"""Scale data and load test for the benchmark (``make bench``; see BENCHMARKS.md).

``generate.py`` is the entry point that fills the ``bench`` database: ``news.py`` (articles),
``stats.py`` (monthly releases), ``meetings.py`` (meetings and directives), with the
shared pieces in ``common.py``. ``run.py`` measures.
"""
