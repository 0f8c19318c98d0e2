"""One module per kind of page, each rendering its template (templates/<kind>.md.j2) from what it gathers."""
