"""The report for a clinician: a scope (scope.py), the numbers from the database
(build.py), the words and tables (text.py), the server's PDF (pdf.py)."""
