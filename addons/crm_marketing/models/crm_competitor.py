# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# Per competitor, from the promotion analysis of its campaigns (company currency):
# customers acquired (first order) and customers won back, i.e. confirmed orders
# of customers who had lost a deal to the competitor before the order.
_RESULTS_SQL = """
SELECT r.competitor_id,
       count(DISTINCT a.partner_id) FILTER (WHERE a.customer_count = 1),
       COALESCE(sum(a.revenue) FILTER (WHERE a.customer_count = 1), 0.0),
       count(DISTINCT a.partner_id) FILTER (WHERE lost.partner_id IS NOT NULL),
       COALESCE(sum(a.revenue) FILTER (WHERE lost.partner_id IS NOT NULL), 0.0)
  FROM crm_marketing_campaign_competitor_rel r
  JOIN crm_marketing_analysis a ON a.campaign_id = r.campaign_id
  LEFT JOIN LATERAL (
        SELECT lp.commercial_partner_id AS partner_id
          FROM crm_lead l
          JOIN res_partner lp ON lp.id = l.partner_id
         WHERE l.competitor_id = r.competitor_id AND NOT l.active
           AND l.probability = 0 AND lp.commercial_partner_id = a.partner_id
           AND COALESCE(l.date_closed, l.write_date)::date <= a.date
         LIMIT 1) lost ON TRUE
 WHERE r.competitor_id = ANY(%(ids)s) AND a.order_count = 1
   AND a.company_id = ANY(%(companies)s)
 GROUP BY r.competitor_id
"""

# who reads the promotion analysis the campaign results come from
RESULTS_GROUPS = "sales_team.group_sale_salesman,crm_marketing.group_marketing_user"

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
    acquired_count = fields.Integer(
        string="Customers Acquired",
        compute="_compute_campaign_results",
        groups=RESULTS_GROUPS,
        help="Customers whose first confirmed order came from a campaign against "
             "this competitor.",
    )
    acquired_revenue = fields.Float(
        string="Revenue of Acquired Customers",
        compute="_compute_campaign_results",
        groups=RESULTS_GROUPS,
        help="Untaxed amount of those first orders, in company currency.",
    )
    won_back_count = fields.Integer(
        string="Customers Won Back",
        compute="_compute_campaign_results",
        groups=RESULTS_GROUPS,
        help="Customers who had lost a deal to this competitor and then confirmed "
             "an order from a campaign against it.",
    )
    won_back_revenue = fields.Float(
        string="Revenue Won Back",
        compute="_compute_campaign_results",
        groups=RESULTS_GROUPS,
        help="Untaxed amount of those orders, in company currency.",
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
    def _compute_campaign_results(self):
        """The campaigns' results against each competitor: sums over customers,
        the same for every reader of the promotion analysis (of the reader's
        companies); the raw SQL bypasses its access rights, hence the guard."""
        ids = [i for i in self.ids if isinstance(i, int)]
        figures = {}
        if ids and self.env["crm.marketing.analysis"].check_access_rights(
                "read", False):
            self.env.cr.execute(_RESULTS_SQL, {
                "ids": ids, "companies": self.env.user.company_ids.ids})
            figures = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for competitor in self:
            row = figures.get(competitor.id, (0, 0.0, 0, 0.0))
            (competitor.acquired_count, competitor.acquired_revenue,
             competitor.won_back_count, competitor.won_back_revenue) = row

    @api.multi
    def action_view_lost(self):
        self.ensure_one()
        action = self.env.ref("crm_marketing.crm_lead_lost_competitor_action").read()[0]
        action["domain"] = [("competitor_id", "=", self.id)]
        return action
