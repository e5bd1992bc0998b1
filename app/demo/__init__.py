"""Synthetic scanned enforcement dossiers with ground truth, for the demo library and tests.

Pure Python (Pillow, numpy, PyMuPDF); no Qt. See library.py for the entry points.
"""

from app.casefiles.document_types import DocumentType, document_types, load_document_types
from app.demo.fonts import FontNotFoundError
from app.demo.library import (
    demo_town_powers,
    dossier_truth,
    generate_dossier,
    generate_image_folder,
    generate_library,
    generate_tiff,
    truth_path,
)
from app.demo.spec import DEFECT_CODES, DossierSpec, plan_library

__all__ = [
    "DEFECT_CODES",
    "DocumentType",
    "DossierSpec",
    "FontNotFoundError",
    "demo_town_powers",
    "document_types",
    "dossier_truth",
    "generate_dossier",
    "generate_image_folder",
    "generate_library",
    "generate_tiff",
    "load_document_types",
    "plan_library",
    "truth_path",
]
