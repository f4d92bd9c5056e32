"""Turning filled .docx files into laid-out pages.

The built-in engine reads each document once into an intermediate model
(:mod:`.reader`) and lays it out with reportlab (:mod:`.layout`); a person's
whole file is then one reportlab document (:mod:`archive.assemble`). LibreOffice
(:mod:`.libreoffice`) is the reference for fidelity and the fallback for
constructs the engine does not cover (``--engine auto``).
"""

from archive.render.model import DocumentModel
from archive.render.parts import ENGINES, Part, prepare
from archive.render.reader import UnsupportedConstruct, read_docx

__all__ = [
    "ENGINES",
    "DocumentModel",
    "Part",
    "UnsupportedConstruct",
    "prepare",
    "read_docx",
]
