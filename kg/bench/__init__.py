"""Benchmarks of kg: a generated corpus with ground truth (:mod:`.corpus`) and ``kg bench`` (:mod:`.run`)."""
