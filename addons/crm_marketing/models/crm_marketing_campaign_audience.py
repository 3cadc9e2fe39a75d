# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The audience of a campaign and its frozen snapshot (the members).

The audience is the campaign's saved filter on contacts, AND the criteria addons
add through ``_audience_criteria_domain()`` (crm_marketing_membership: clubs and
tiers), AND the opt-out exclusions. Its live size is what the reader may see; the
snapshot taken at the start is the campaign's, whoever clicks Start.
"""
import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

# one statement: the partners of the audience query become the members
_SNAPSHOT_SQL = """
INSERT INTO crm_marketing_campaign_member (campaign_id, company_id, partner_id,
                                           email, create_uid, write_uid,
                                           create_date, write_date)
SELECT %s, %s, "res_partner".id, "res_partner".email, %s, %s,
       now() at time zone 'UTC', now() at time zone 'UTC'
  FROM {tables}
 WHERE {where}
"""


class CrmMarketingCampaign(models.Model):
    _inherit = "crm.marketing.campaign"

    audience_domain = fields.Char(
        string="Audience",
        default="[]",
        help="The partners the campaign targets. Partners who opted out, or whose "
             "email is opted out as a mailing contact, are never included.",
    )
    audience_count = fields.Integer(
        string="Audience Size",
        compute="_compute_audience_count",
        help="Partners matching the audience now, among those you may see.",
    )
    member_ids = fields.One2many(
        comodel_name="crm.marketing.campaign.member",
        inverse_name="campaign_id",
        string="Members",
        readonly=True,
    )
    member_count = fields.Integer(
        compute="_compute_member_count",
        help="Partners frozen as members when the campaign started (all of them; "
             "the list shows those you may see).",
    )

    @api.multi
    def _compute_audience_count(self):
        for campaign in self:
            try:
                campaign.audience_count = campaign._audience_partners(count=True)
            except (ValidationError, ValueError, SyntaxError):
                campaign.audience_count = 0

    @api.multi
    def _compute_member_count(self):
        # sudo: the size of the campaign's snapshot is a figure of the campaign,
        # the same for every reader; the members themselves stay under the rules
        groups = self.env["crm.marketing.campaign.member"].sudo().read_group(
            [("campaign_id", "in", self.ids)], ["campaign_id"], ["campaign_id"])
        counts = {g["campaign_id"][0]: g["campaign_id_count"] for g in groups}
        for campaign in self:
            campaign.member_count = counts.get(campaign.id, 0)

    @api.constrains("audience_domain")
    def _check_audience_domain(self):
        for campaign in self:
            campaign._audience_base_domain()

    @api.multi
    def action_view_members(self):
        self.ensure_one()
        return self._window(_("Members"), "crm.marketing.campaign.member",
                            [("campaign_id", "=", self.id)])

    @api.multi
    def action_view_audience(self):
        """The live audience, as a filter (never a list of ids)."""
        self.ensure_one()
        return self._window(_("Audience"), "res.partner", self._audience_domain())

    # extension hooks ---------------------------------------------------------
    @api.multi
    def _audience_criteria_domain(self):
        """Criteria of the audience beyond the saved filter; addons extend it
        (``expression.AND`` of their criteria with ``super()``'s)."""
        self.ensure_one()
        return []

    @api.model
    def _audience_exclusion_domain(self):
        """Never reach a partner who opted out, nor an opted-out address."""
        return [("opt_out", "=", False), ("marketing_opted_out", "=", False)]

    # business methods --------------------------------------------------------
    @api.multi
    def _audience_base_domain(self):
        self.ensure_one()
        try:
            domain = safe_eval(self.audience_domain or "[]")
            if not isinstance(domain, (list, tuple)):
                raise ValueError(domain)
            expression.expression(domain, self.env["res.partner"])
            # values of the wrong type only fail in the database: try it once
            with self.env.cr.savepoint():
                self.env["res.partner"].search_count(domain)
        except (Exception, psycopg2.Error) as error:
            raise ValidationError(_(
                "Campaign %(name)s: the audience is not a valid filter on "
                "contacts (%(error)s).") % {"name": self.name, "error": error})
        return list(domain)

    @api.multi
    def _audience_domain(self):
        """The whole audience as a domain on res.partner."""
        self.ensure_one()
        return expression.AND([self._audience_base_domain(),
                               self._audience_criteria_domain(),
                               self._audience_exclusion_domain()])

    @api.multi
    def _audience_partners(self, count=False):
        """The audience as the current user sees it: the partners rules apply,
        so a salesperson never gets a customer hidden by confidentiality."""
        self.ensure_one()
        partners = self.env["res.partner"]
        if count:
            return partners.search_count(self._audience_domain())
        return partners.search(self._audience_domain())

    @api.multi
    def _snapshot_domain(self):
        """The audience of the campaign itself: its company's partners and the
        shared ones, whoever starts it."""
        self.ensure_one()
        return expression.AND([self._audience_domain(), [
            "|", ("company_id", "=", False),
            ("company_id", "child_of", self.company_id.id)]])

    @api.multi
    def _snapshot_members(self):
        """Freeze the audience, replacing an earlier snapshot (a campaign that
        runs again after a cancellation): later partner changes leave it alone.

        One INSERT ... SELECT over the audience query, which runs without the
        clicker's record rules so the snapshot is the campaign's; the members stay
        under the member rules (a salesman sees those he may see).
        """
        self.ensure_one()
        self._check_can_run()
        self.env["crm.marketing.campaign.member"].check_access_rights("create")
        # sudo: the audience was approved by a marketing manager; the members are
        # stored under their own record rules, nothing is shown to the clicker
        partners = self.env["res.partner"].sudo()
        query = partners._where_calc(self._snapshot_domain())
        tables, where, params = query.get_sql()
        cr = self.env.cr
        cr.execute("DELETE FROM crm_marketing_campaign_member WHERE campaign_id = %s",
                   (self.id,))
        # the SQL is built from this module's constant and Odoo's query builder
        cr.execute(  # pylint: disable=sql-injection
            _SNAPSHOT_SQL.format(tables=tables, where=where or "TRUE"),
            [self.id, self.company_id.id, self.env.uid, self.env.uid] + list(params))
        count = cr.rowcount
        self.invalidate_cache(["member_ids", "member_count"], self.ids)
        self.env["crm.marketing.campaign.member"].invalidate_cache()
        self.message_post(body=_("Audience frozen: %(count)s members.") % {
            "count": count})
