# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.crm_lifecycle.models.crm_input_validation import check_values

from ..logic.periods import period_bounds

TARGET_METRICS = [
    ("revenue", "Revenue"),
    ("new_customers", "New Customers"),
    ("won_opportunities", "Won Opportunities"),
    ("resolved_requests", "Resolved Service Requests"),
    ("satisfaction", "Average Satisfaction"),
]

PERIOD_TYPES = [
    ("month", "Month"),
    ("quarter", "Quarter"),
]


class CrmHrTarget(models.Model):
    """A monthly or quarterly target of an employee or of a sales team; the
    actuals are computed by the report crm.hr.target.report."""

    _name = "crm.hr.target"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Performance Target"
    _order = "date_start desc, metric, id"

    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        string="Employee",
        index=True,
        ondelete="cascade",
    )
    user_id = fields.Many2one(
        related="employee_id.user_id",
        string="User",
        store=True,
        readonly=True,
    )
    team_id = fields.Many2one(
        comodel_name="crm.team",
        string="Sales Team",
        index=True,
        ondelete="cascade",
        help="A team target counts the work of the users of this sales team.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        default=lambda self: self.env.user.company_id,
    )
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        readonly=True,
    )
    metric = fields.Selection(
        selection=TARGET_METRICS,
        required=True,
        default="revenue",
        help="Revenue: posted customer invoices net of refunds, untaxed. New "
             "customers: customers entering the lifecycle stage New. Won "
             "opportunities, resolved service requests and their average "
             "satisfaction (1-5): closed within the period.",
    )
    period_type = fields.Selection(
        selection=PERIOD_TYPES,
        string="Period",
        required=True,
        default="month",
    )
    date_start = fields.Date(
        string="Period Start",
        required=True,
        default=fields.Date.context_today,
        help="Any day of the period: it is moved to the first day of its month "
             "or quarter.",
    )
    date_end = fields.Date(
        string="Period End",
        compute="_compute_date_end",
        store=True,
    )
    target_value = fields.Float(
        string="Target",
        required=True,
        digits=(16, 2),
    )
    actual_value = fields.Float(
        string="Actual",
        compute="_compute_actual",
        digits=(16, 2),
    )
    percent = fields.Float(
        string="Reached (%)",
        compute="_compute_actual",
        digits=(16, 1),
    )

    _sql_constraints = [
        ("owner_xor", "CHECK ((employee_id IS NULL) <> (team_id IS NULL))",
         "A target is either an employee's or a team's."),
    ]

    @api.depends("period_type", "date_start")
    def _compute_date_end(self):
        for target in self.filtered("date_start"):
            target.date_end = period_bounds(
                target.period_type, fields.Date.from_string(target.date_start))[1]

    @api.multi
    def _compute_actual(self):
        reports = self.env["crm.hr.target.report"].search_read(
            [("target_id", "in", self.ids)], ["target_id", "actual_value", "percent"])
        by_target = {row["target_id"][0]: row for row in reports}
        for target in self:
            row = by_target.get(target.id, {})
            target.actual_value = row.get("actual_value", 0.0)
            target.percent = row.get("percent", 0.0)

    @api.constrains("target_value", "metric")
    def _check_target_value(self):
        for target in self:
            if target.target_value < 0:
                raise ValidationError(_("A target cannot be negative."))
            if target.metric == "satisfaction" and target.target_value > 5:
                raise ValidationError(_("A satisfaction target is between 1 and 5."))

    @api.multi
    def name_get(self):
        metrics = dict(self._fields["metric"]._description_selection(self.env))
        return [(target.id, "%s: %s, %s" % (
            (target.employee_id or target.team_id).name, metrics[target.metric],
            target.date_start)) for target in self]

    @api.model
    def _normalize_period(self, vals, period_type):
        if vals.get("date_start"):
            start = period_bounds(period_type,
                                  fields.Date.from_string(vals["date_start"]))[0]
            vals["date_start"] = fields.Date.to_string(start)
        return vals

    @api.model
    def create(self, vals):
        check_values(self, vals)
        vals = self._normalize_period(dict(vals), vals.get("period_type") or "month")
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if "date_start" in vals or "period_type" in vals:
            check_values(self, vals)
            for target in self:
                values = dict(vals, date_start=vals.get("date_start",
                                                        target.date_start))
                super(CrmHrTarget, target).write(self._normalize_period(
                    values, values.get("period_type") or target.period_type))
            return True
        return super().write(vals)
