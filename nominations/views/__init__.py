"""Pages of nominations: the list and form, the review screen with its dossier, checks, history
and step actions, and the submission letters. Thin views over nominations.services and
nominations.selectors."""
