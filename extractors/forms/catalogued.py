"""Every catalogue form that needs no code of its own: one kind per file of
`extractors/catalog/` whose reader is `info_return`, read by the one engine. A new form of
that family is one catalogue file."""

from __future__ import annotations

from backtax.extractors import catalog
from backtax.extractors.forms._catalog import form_spec
from backtax.extractors.forms.engine.kind import FormKind
from backtax.extractors.kinds import register

for entry in catalog.forms().values():
    if entry.reader == "info_return":
        register(FormKind(form_spec(entry.doc_type)))
