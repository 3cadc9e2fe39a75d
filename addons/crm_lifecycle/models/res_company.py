# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..logic.basket import check_thresholds
from ..logic.stages import DEFAULT_PARAMS, Params, check_params
from .crm_input_validation import check_values, suite_fields

LIFECYCLE_FIELDS = ["lifecycle_%s" % name for name in Params._fields]

CUSTOMER_VISIBILITY = [
    ("all", "All customers"),
    ("team", "Their team's customers"),
    ("own", "Their own customers"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    lifecycle_default_interval_days = fields.Integer(
        string="Usual Interval for One Order (days)",
        default=DEFAULT_PARAMS.default_interval_days,
        help="Usual interval between orders assumed for a customer with one order.",
    )
    lifecycle_risk_factor = fields.Float(
        string="At-Risk Factor",
        default=DEFAULT_PARAMS.risk_factor,
        help="A customer is at risk when the gap since the last order exceeds its "
             "usual interval between orders times this factor.",
    )
    lifecycle_dormant_days = fields.Integer(
        string="Dormant After (days)",
        default=DEFAULT_PARAMS.dormant_days,
    )
    lifecycle_churn_days = fields.Integer(
        string="Churned After (days)",
        default=DEFAULT_PARAMS.churn_days,
    )
    lifecycle_loyal_window_days = fields.Integer(
        string="Loyalty Window (days)",
        default=DEFAULT_PARAMS.loyal_window_days,
    )
    lifecycle_loyal_min_orders = fields.Integer(
        string="Loyal: Minimum Orders in Window",
        default=DEFAULT_PARAMS.loyal_min_orders,
    )
    lifecycle_loyal_min_revenue = fields.Float(
        string="Loyal: Minimum Revenue in Window",
        default=DEFAULT_PARAMS.loyal_min_revenue,
        help="Posted invoices net of refunds, company currency. 0 disables it.",
    )
    lifecycle_loyal_min_tenure_days = fields.Integer(
        string="Loyal: Minimum Tenure (days)",
        default=DEFAULT_PARAMS.loyal_min_tenure_days,
    )
    lifecycle_winback_days = fields.Integer(
        string="Won Back Period (days)",
        default=DEFAULT_PARAMS.winback_days,
        help="How long a customer who ordered again after a long gap stays won back.",
    )
    lifecycle_clv_discount_rate = fields.Float(
        string="CLV Discount Rate",
        default=0.1,
        help="Yearly discount rate of the customer lifetime value formula.",
    )
    lifecycle_rule_min_support = fields.Float(
        string="Bought Together: Minimum Support",
        default=0.01,
        digits=(16, 4),
        help="Share of the orders that must hold both products (0 to 1) for a "
             "\"bought together\" rule.",
    )
    lifecycle_rule_min_confidence = fields.Float(
        string="Bought Together: Minimum Confidence",
        default=0.1,
        digits=(16, 4),
        help="Share of the orders with the first product that also hold the "
             "second (0 to 1).",
    )
    lifecycle_rule_min_lift = fields.Float(
        string="Bought Together: Minimum Lift",
        default=0.0,
        digits=(16, 2),
        help="How much more often the products are bought together than by chance "
             "(1: as often as by chance; 0 keeps every rule).",
    )
    lifecycle_retention_rate = fields.Float(
        string="CLV Retention Rate",
        readonly=True,
        help="Share of the customers of the year before last who ordered again in "
             "the last year, in whole percents, as of the last nightly recompute: "
             "the r of the customer lifetime value formula.",
    )
    lifecycle_retention_date = fields.Date(
        string="Retention Rate Date",
        readonly=True,
    )

    crm_customer_visibility = fields.Selection(
        selection=CUSTOMER_VISIBILITY,
        string="Customers Visible to Salespeople",
        required=True,
        default="all",
        help="Own: customers whose salesperson they are, that they follow, or of "
             "their own orders and invoices. Team: also those of their sales team. "
             "Sales managers always see all customers.",
    )
    crm_access_alert_threshold = fields.Integer(
        string="Unusual Access Threshold",
        default=200,
        help="Distinct customers a user may receive within an hour (read, list, "
             "export) before their manager is alerted. 0 disables the alert.",
    )

    @api.constrains("crm_access_alert_threshold")
    def _check_access_alert_threshold(self):
        if any(company.crm_access_alert_threshold < 0 for company in self):
            raise ValidationError(_("The unusual access threshold cannot be negative."))

    @api.model
    def create(self, vals):
        check_values(self, vals, suite_fields(self))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        check_values(self, vals, suite_fields(self))
        result = super().write(vals)
        if "crm_customer_visibility" in vals:
            # record rules are cached per user: the new boundary applies at once
            self.env["ir.rule"].clear_caches()
        return result

    @api.constrains(*LIFECYCLE_FIELDS)
    def _check_lifecycle_params(self):
        for company in self:
            problems = check_params(company._lifecycle_params())
            if problems:
                raise ValidationError(
                    _("Inconsistent lifecycle thresholds for %(company)s: %(problems)s")
                    % {"company": company.name,
                       "problems": "; ".join(self._describe_problem(kind, names)
                                             for kind, names in problems)})

    @api.model
    def _describe_problem(self, kind, names):
        labels = [self._fields["lifecycle_%s" % name].get_description(
            self.env)["string"] for name in names]
        if kind == "positive":
            return _("%s must be positive") % labels[0]
        if kind == "not_negative":
            return _("%s cannot be negative") % labels[0]
        if kind == "min_one":
            return _("%s must be at least 1") % labels[0]
        return _("%(first)s must be longer than %(second)s") % {
            "first": labels[0], "second": labels[1]}

    @api.constrains("lifecycle_clv_discount_rate")
    def _check_clv_discount_rate(self):
        for company in self:
            if not 0 <= company.lifecycle_clv_discount_rate < 1:
                raise ValidationError(
                    _("The CLV discount rate must be between 0 and 1 (e.g. 0.1)."))

    @api.constrains("lifecycle_rule_min_support", "lifecycle_rule_min_confidence",
                    "lifecycle_rule_min_lift")
    def _check_rule_thresholds(self):
        for company in self:
            try:
                check_thresholds(company.lifecycle_rule_min_support,
                                 company.lifecycle_rule_min_confidence)
            except ValueError:
                raise ValidationError(_(
                    "The minimum support and confidence of the products bought "
                    "together must be between 0 and 1."))
            if company.lifecycle_rule_min_lift < 0:
                raise ValidationError(_(
                    "The minimum lift of the products bought together cannot be "
                    "negative."))

    @api.multi
    def _lifecycle_params(self):
        self.ensure_one()
        return Params(**{name: self["lifecycle_%s" % name] for name in Params._fields})
