# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    lifecycle_default_interval_days = fields.Integer(
        related="company_id.lifecycle_default_interval_days",
    )
    lifecycle_risk_factor = fields.Float(
        related="company_id.lifecycle_risk_factor",
    )
    lifecycle_dormant_days = fields.Integer(
        related="company_id.lifecycle_dormant_days",
    )
    lifecycle_churn_days = fields.Integer(
        related="company_id.lifecycle_churn_days",
    )
    lifecycle_loyal_window_days = fields.Integer(
        related="company_id.lifecycle_loyal_window_days",
    )
    lifecycle_loyal_min_orders = fields.Integer(
        related="company_id.lifecycle_loyal_min_orders",
    )
    lifecycle_loyal_min_revenue = fields.Float(
        related="company_id.lifecycle_loyal_min_revenue",
    )
    lifecycle_loyal_min_tenure_days = fields.Integer(
        related="company_id.lifecycle_loyal_min_tenure_days",
    )
    lifecycle_winback_days = fields.Integer(
        related="company_id.lifecycle_winback_days",
    )
    lifecycle_clv_discount_rate = fields.Float(
        related="company_id.lifecycle_clv_discount_rate",
    )
    lifecycle_rule_min_support = fields.Float(
        related="company_id.lifecycle_rule_min_support",
    )
    lifecycle_rule_min_confidence = fields.Float(
        related="company_id.lifecycle_rule_min_confidence",
    )
    lifecycle_rule_min_lift = fields.Float(
        related="company_id.lifecycle_rule_min_lift",
    )
    lifecycle_retention_rate = fields.Float(
        related="company_id.lifecycle_retention_rate",
        readonly=True,
    )
    lifecycle_repeat_rate = fields.Float(
        string="Repeat Purchase Rate",
        compute="_compute_lifecycle_repeat_rate",
        help="Share of the company's customers with an order who ordered twice or "
             "more, in percents, as of the last recompute.",
    )
    crm_customer_visibility = fields.Selection(
        related="company_id.crm_customer_visibility",
        required=True,
    )
    crm_access_alert_threshold = fields.Integer(
        related="company_id.crm_access_alert_threshold",
    )

    @api.depends("company_id")
    def _compute_lifecycle_repeat_rate(self):
        Profile = self.env["crm.lifecycle.profile"]
        for settings in self:
            settings.lifecycle_repeat_rate = 100.0 * Profile._repeat_purchase_rate(
                settings.company_id)
