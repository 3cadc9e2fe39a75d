# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Plain business rules of campaigns, free of the ORM (tested directly)."""
