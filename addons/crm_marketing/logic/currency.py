# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SQL of a currency's rate, shared by the reports of the addon."""

# Rate of a currency at a date for a company (1.0 when none is recorded); the
# placeholders are column expressions of the query that uses it.
RATE_SQL = """COALESCE((SELECT r.rate FROM res_currency_rate r
            WHERE r.currency_id = {currency} AND r.name <= {date}
              AND (r.company_id IS NULL OR r.company_id = {company})
            ORDER BY r.company_id, r.name DESC LIMIT 1), 1.0)"""
