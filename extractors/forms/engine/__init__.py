"""The form engine: a form described as catalogue data, read from any layout.

A form is a list of boxes (canonical name, printed number, label wordings, value kind).
The engine finds the labels (`labels`), the typed values printed near them (`values`),
and pairs them over the whole region (`pairing`); check boxes, parties and state rows
have their own readers (`checks`, `parties`, `states`), and `kind` runs them on every
copy of a page. Nothing here knows the coordinates of one template, so official forms,
payroll-provider sheets, statements and 2-up or 4-up copy sheets read alike.
"""
