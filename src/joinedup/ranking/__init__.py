"""Rank: comparison with England and peers, the composite index and its uncertainty.

The Python API of the ``joinedup rank`` command is :func:`joinedup.ranking.service.rank_values`.
"""
