"""The dossier viewer: pages, thumbnails, the document outline and the OCR text beside them."""
