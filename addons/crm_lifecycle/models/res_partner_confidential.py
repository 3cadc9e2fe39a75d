# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer confidentiality: which partners are confidential customers, and which
of them each user may see (the record rules of the whole suite)."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .crm_input_validation import check_values, suite_fields

# Stages reached only through sales: a partner in one of them has sales history.
SALES_STAGES = ("new", "active", "loyal", "at_risk", "dormant", "churned", "won_back")

# A customer is a commercial partner with a salesperson or sales history that is
# neither an internal user's own partner nor a company's partner (portal users'
# partners are customers); contacts follow it.
_FLAG_SQL = """
UPDATE res_partner p SET crm_is_customer = f.flag
  FROM (SELECT c.id,
               (cp.user_id IS NOT NULL OR st.code IN %(sales)s)
               AND NOT EXISTS (SELECT 1 FROM res_users u
                                WHERE u.partner_id IN (c.id, cp.id) AND NOT u.share)
               AND NOT EXISTS (SELECT 1 FROM res_company co
                                WHERE co.partner_id = cp.id) AS flag
          FROM res_partner c
          JOIN res_partner cp ON cp.id = c.commercial_partner_id
          LEFT JOIN crm_lifecycle_stage st ON st.id = cp.lifecycle_stage_id
         WHERE %(all)s OR c.commercial_partner_id = ANY(%(ids)s)) f
 WHERE p.id = f.id AND p.crm_is_customer IS DISTINCT FROM f.flag
"""

# The commercial partners a salesperson sold or invoiced to, through the company
# itself or any of its contacts: one statement, run when a domain is evaluated.
_SOLD_BY_SQL = """
SELECT p.commercial_partner_id FROM sale_order so
  JOIN res_partner p ON p.id = so.partner_id
 WHERE so.user_id = ANY(%(users)s)
UNION
SELECT commercial_partner_id FROM account_invoice
 WHERE user_id = ANY(%(users)s) AND commercial_partner_id IS NOT NULL
"""

_SELLERS_SQL = """
SELECT p.commercial_partner_id, so.user_id FROM sale_order so
  JOIN res_partner p ON p.id = so.partner_id
 WHERE p.commercial_partner_id = ANY(%(ids)s) AND so.user_id IS NOT NULL
UNION
SELECT commercial_partner_id, user_id FROM account_invoice
 WHERE commercial_partner_id = ANY(%(ids)s) AND user_id IS NOT NULL
"""


class ResPartner(models.Model):
    _inherit = "res.partner"
    _crm_customer_data = True

    crm_is_customer = fields.Boolean(
        string="Confidential Customer",
        readonly=True,
        index=True,
        copy=False,
        help="A customer (salesperson or sales history): only the salespeople "
             "allowed by the customer visibility setting see it.",
    )

    crm_seller_ids = fields.Many2many(
        comodel_name="res.users",
        string="Sold By",
        compute="_compute_crm_seller_ids",
        search="_search_crm_seller_ids",
        # internal salespeople's names are not for portal users reading their
        # own company (a field without groups is readable by whoever reads the
        # partner); the record rules search it as superuser, for salesmen only
        groups="base.group_user",
        help="Salespeople of the orders and invoices of the customer, its contacts "
             "included.",
    )

    @api.model_cr
    def init(self):
        super().init()
        # the salespeople's customers are read at every search of a salesman in
        # own or team mode (``crm_seller_ids``): from the indexes alone
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS account_invoice_crm_seller_idx
                ON account_invoice (user_id, commercial_partner_id)
        """)

    @api.multi
    def _compute_crm_seller_ids(self):
        sellers = {}
        self.env.cr.execute(_SELLERS_SQL, {
            "ids": self.mapped("commercial_partner_id").ids})
        for partner_id, user_id in self.env.cr.fetchall():
            sellers.setdefault(partner_id, []).append(user_id)
        for partner in self:
            partner.crm_seller_ids = [
                (6, 0, sellers.get(partner.commercial_partner_id.id, []))]

    @api.model
    def _search_crm_seller_ids(self, operator, value):
        if operator not in ("=", "in") or not value:
            raise UserError(_("Search the salespeople of customers with = or in."))
        users = value if isinstance(value, (list, tuple)) else [value]
        self.env.cr.execute(_SOLD_BY_SQL, {"users": list(users)})
        return [("commercial_partner_id", "in",
                 [row[0] for row in self.env.cr.fetchall()])]

    @api.model
    def _crm_customer_domain(self, field=None):
        """Domain of the partners the current user may see, on ``field`` (a
        many2one to res.partner of another model) or on res.partner itself.

        The one boundary every addon of the suite applies.
        """
        user = self.env.user
        # the setting and the teams are read as superuser: building a record rule
        # must not depend on the user's own rules
        company = user.sudo().company_id
        mode = company.crm_customer_visibility or "all"
        if mode == "all" or user.has_group("sales_team.group_sale_manager") \
                or not user.has_group("sales_team.group_sale_salesman"):
            domain = []
        else:
            visible = [
                ("crm_is_customer", "=", False),
                ("commercial_partner_id.user_id", "=", user.id),
                ("commercial_partner_id.message_partner_ids", "in",
                 [user.partner_id.id]),
                ("crm_seller_ids", "=", user.id),
            ]
            if mode == "team":
                teams = self.env["crm.team"].sudo().search([
                    "|", ("user_id", "=", user.id), ("member_ids", "=", user.id)])
                members = (teams.mapped("member_ids") | teams.mapped("user_id")).ids
                visible += [
                    ("commercial_partner_id.team_id", "in", teams.ids),
                    ("commercial_partner_id.user_id", "in", members),
                    ("crm_seller_ids", "in", members),
                ]
            domain = ["|"] * (len(visible) - 1) + visible
        if not field:
            return domain
        return [
            (field + "." + leaf[0],) + tuple(leaf[1:]) if isinstance(leaf, tuple)
            else leaf
            for leaf in domain
        ]

    @api.model
    def _crm_update_customer_flag(self, commercial_ids=None):
        """Recompute ``crm_is_customer`` (all partners when no ids are given)."""
        self.env.cr.execute(_FLAG_SQL, {
            "sales": SALES_STAGES, "all": commercial_ids is None,
            "ids": list(commercial_ids or []),
        })
        self.invalidate_cache(["crm_is_customer"])

    @api.model
    def create(self, vals):
        check_values(self, vals, suite_fields(self))
        partner = super().create(vals)
        if vals.get("user_id") or vals.get("parent_id"):
            self._crm_update_customer_flag(partner.commercial_partner_id.ids)
        return partner

    @api.multi
    def write(self, vals):
        check_values(self, vals, suite_fields(self))
        result = super().write(vals)
        if "user_id" in vals or "parent_id" in vals:
            self._crm_update_customer_flag(self.mapped("commercial_partner_id").ids)
        return result
