"""Case-file models of the 13 documents, the office model, and loading.

``forms`` depends on nothing else of this project.
"""

from forms.casefile import SCHEMA_VERSION, CaseFile, Entry
from forms.choices import Measure, Sex
from forms.errors import CaseFileError, FormsError, Problem
from forms.kinds import DocumentKind
from forms.loader import find_case_file, load_case, load_model, load_office
from forms.office import Office

__all__ = [
    "SCHEMA_VERSION",
    "CaseFile",
    "CaseFileError",
    "DocumentKind",
    "Entry",
    "FormsError",
    "Measure",
    "Office",
    "Problem",
    "Sex",
    "find_case_file",
    "load_case",
    "load_model",
    "load_office",
]
