"""FormSpecs made from the form catalogue (`extractors/catalog/*.toml`)."""

from __future__ import annotations

from functools import cache

from backtax.extractors import catalog
from backtax.extractors.forms.engine.spec import FormSpec, Revision


@cache
def form_spec(doc_type: str) -> FormSpec:
    """The engine's description of a catalogue form."""
    entry = catalog.form(doc_type)
    optional = dict(entry.parties)
    if entry.state_id_field:
        optional["state_id_field"] = entry.state_id_field
    return FormSpec(
        doc_type=entry.doc_type,
        form_numbers=entry.form_numbers,
        titles=entry.titles,
        boxes=entry.boxes,
        excludes=entry.excludes,
        state_columns=entry.state_columns,
        revisions=tuple(Revision(year, boxes) for year, boxes in entry.revisions),
        reader=entry.reads,
        **optional,
    )
