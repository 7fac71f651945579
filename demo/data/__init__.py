"""Static material of the demo data: the tree, names, workplaces (no database access)."""
