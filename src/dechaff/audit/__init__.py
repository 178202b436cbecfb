"""A visual audit of a cleaning run: one self-contained HTML page of what was removed.

A corpus run tells an :class:`AuditCollector` of every outcome (its ``on_outcome``); the
collector keeps counts and bounded samples, and :func:`write_report` writes the page.
The run's records must carry the text each removal took out
(``CleanJob(keep_removed_text=True)``) for removed text to be shown in place.
"""

from .collector import AuditCollector, AuditLimits, DocumentView
from .page import render_report, write_report

__all__ = ["AuditCollector", "AuditLimits", "DocumentView", "render_report", "write_report"]
