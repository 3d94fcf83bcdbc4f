"""Accounts, roles and the audit log (issue 14): a SQL database (SQLAlchemy 2, Alembic
migrations), SQLite in the data directory by default, PostgreSQL with DASHBOARD_DATABASE_URL.
Datasets stay in the file store (dashboard.intake.store). Never imports dash or flask."""
