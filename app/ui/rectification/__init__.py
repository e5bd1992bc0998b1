"""整改督办: the morning dashboard of opinion letters and the detail dialog of one letter.

Widgets here draw and forward; every change goes through
:class:`app.review.rectification.RectificationService` and
:class:`app.documents.letters.LetterService`, whose Chinese refusals are shown in a message box.
"""

from app.ui.rectification.dashboard import RectificationDashboard
from app.ui.rectification.detail import RectificationDetailDialog

__all__ = ["RectificationDashboard", "RectificationDetailDialog"]
