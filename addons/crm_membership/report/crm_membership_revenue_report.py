# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Revenue from members against non-members.

Customer revenue as crm_lifecycle defines it (posted customer invoices net of
refunds, untaxed, company currency), one row per invoice; an invoice counts as a
member's when its customer held a membership of a club of the invoice's company
(not candidate, not cancelled) whose join date is on or before the invoice date and
whose expiry date, if any, on or after it.
"""
from odoo import api, fields, models

from odoo.addons.crm_lifecycle.models.crm_lifecycle_profile import REVENUE_INVOICES

from .sql_view import create_view


class CrmMembershipRevenueReport(models.Model):
    _name = "crm.membership.revenue.report"
    _description = "Revenue from Members and Non-members"
    _auto = False
    _crm_customer_data = True
    _order = "date desc"

    date = fields.Date(
        readonly=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer",
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        readonly=True,
    )
    is_member = fields.Boolean(
        string="Member",
        readonly=True,
    )
    revenue = fields.Float(
        readonly=True,
        help="Untaxed, net of refunds, in company currency.",
    )
    invoice_count = fields.Integer(
        string="Invoices",
        readonly=True,
    )

    def _query(self):
        return """
            SELECT i.id, i.date_invoice AS date, i.commercial_partner_id AS partner_id,
                   i.company_id, i.amount_untaxed_signed AS revenue,
                   1 AS invoice_count,
                   EXISTS (
                       SELECT 1 FROM crm_membership m
                        WHERE m.partner_id IN (i.commercial_partner_id, i.partner_id)
                          AND m.company_id = i.company_id
                          AND m.state NOT IN ('candidate', 'cancelled')
                          AND m.join_date <= i.date_invoice
                          AND (m.expiry_date IS NULL
                               OR m.expiry_date >= i.date_invoice)
                   ) AS is_member
              FROM account_invoice i
             WHERE """ + REVENUE_INVOICES

    @api.model_cr
    def init(self):
        create_view(self.env.cr, self._table, self._query())
