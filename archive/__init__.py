"""Orchestration: the build pipeline, the on-disk archive, and the command line.

``archive`` reads ``forms``, ``validators`` and ``indexer``; nothing imports it.
"""
