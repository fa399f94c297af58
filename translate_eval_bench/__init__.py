"""Research code around translate_eval: planted-edit documents and their scoring, the threshold
fit, gold-edit recovery, the Quran translation lookups and the test model builders.

The library never imports this package; benchmarks/ and the tests do.
"""
