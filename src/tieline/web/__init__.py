"""The REST API and the web UI (FastAPI, Jinja2, Plotly served from the installed package)."""
