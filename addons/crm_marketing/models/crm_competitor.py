# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

PRICE_POSITIONS = [
    ("lower", "Cheaper than us"),
    ("similar", "Similar price"),
    ("higher", "More expensive"),
]


class CrmCompetitor(models.Model):
    """A competitor, linked to the opportunities lost to it and to campaigns."""

    _name = "crm.competitor"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Competitor"
    _order = "name"

    name = fields.Char(
        required=True,
    )
    website = fields.Char()
    strengths = fields.Text()
    weaknesses = fields.Text()
    price_position = fields.Selection(
        selection=PRICE_POSITIONS,
        help="Their prices compared with ours.",
    )
    active = fields.Boolean(
        default=True,
    )
    lost_lead_ids = fields.One2many(
        comodel_name="crm.lead",
        inverse_name="competitor_id",
        string="Lost Opportunities",
        domain=[("active", "=", False)],
    )
    lost_count = fields.Integer(
        string="Deals Lost",
        compute="_compute_lost",
    )
    lost_revenue = fields.Float(
        string="Expected Revenue Lost",
        compute="_compute_lost",
    )
    campaign_ids = fields.Many2many(
        comodel_name="crm.marketing.campaign",
        relation="crm_marketing_campaign_competitor_rel",
        column1="competitor_id",
        column2="campaign_id",
        string="Campaigns",
    )

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A competitor with this name already exists."),
    ]

    @api.multi
    def _compute_lost(self):
        if not self.env["crm.lead"].check_access_rights("read", False):
            return  # lost deals are sales figures: zero for users without sales
        groups = self.env["crm.lead"].with_context(active_test=False).read_group(
            [("competitor_id", "in", self.ids), ("active", "=", False),
             ("probability", "=", 0)],
            ["competitor_id", "planned_revenue"], ["competitor_id"])
        figures = {g["competitor_id"][0]: g for g in groups}
        for competitor in self:
            row = figures.get(competitor.id, {})
            competitor.lost_count = row.get("competitor_id_count", 0)
            competitor.lost_revenue = row.get("planned_revenue", 0.0)

    @api.multi
    def action_view_lost(self):
        self.ensure_one()
        action = self.env.ref("crm_marketing.crm_lead_lost_competitor_action").read()[0]
        action["domain"] = [("competitor_id", "=", self.id)]
        return action
