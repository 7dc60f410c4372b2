"""What the report says: :func:`build_document` turns a ReportContent into a Document.

The wording is for a director: a plain-language summary first, then the
warnings, then one section per question (what was compared, on what data,
with which weights, what ranks first, how stable that is, whether other
methods agree). Sections whose results are missing are left out. All text is
plain; the renderers escape it.

The sections are built by :mod:`coopdecide.report.sections` (one module per
part of the report), the summary sentences and the warnings by
:mod:`coopdecide.report.summary`, with the shared wording in
:mod:`coopdecide.report.wording`.
"""

from __future__ import annotations

from coopdecide.report.content import ReportContent
from coopdecide.report.document import Document
from coopdecide.report.sections.overview import (
    notes_section,
    question_section,
    sources_section,
    summary_section,
    warnings_section,
)
from coopdecide.report.sections.portfolio import portfolio_section
from coopdecide.report.sections.ranking import methods_section, ranking_section, stability_section
from coopdecide.report.sections.weights import weights_section
from coopdecide.report.summary import derive_warnings, summary_sentences

__all__ = ["build_document", "derive_warnings", "summary_sentences"]


def build_document(content: ReportContent) -> Document:
    """The report of ``content`` as a format-neutral :class:`Document`."""
    sections = [
        summary_section(content),
        warnings_section(content),
        question_section(content),
        sources_section(content),
        weights_section(content),
        ranking_section(content),
        stability_section(content),
        methods_section(content),
        portfolio_section(content),
        notes_section(content),
    ]
    subtitle = f"Decision report · generated {content.generated}"
    if content.source:
        subtitle += f" · study file {content.source}"
    if content.illustrative:
        subtitle += " · ILLUSTRATIVE"
    return Document(
        title=content.title,
        subtitle=subtitle,
        sections=tuple(s for s in sections if s is not None),
    )
