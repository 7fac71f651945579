"""National-scale data and the benchmark (issue 7): manage.py generate_scale and bench."""
