# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

BILLING_GROUP = "account.group_account_invoice"
# fields of a planned cost that its campaign's approval covers
APPROVED_COST_FIELDS = ("campaign_id", "amount", "channel_id")


class CrmMarketingCampaignCost(models.Model):
    """A planned cost of a campaign (the actual cost comes from accounting)."""

    _name = "crm.marketing.campaign.cost"
    _inherit = ["crm.input.validation.mixin"]
    _description = "Campaign Planned Cost"
    _order = "date, id"

    campaign_id = fields.Many2one(
        comodel_name="crm.marketing.campaign",
        required=True,
        ondelete="cascade",
        index=True,
    )
    name = fields.Char(
        string="Description",
        required=True,
    )
    channel_id = fields.Many2one(
        comodel_name="crm.marketing.channel",
        required=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Vendor",
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        related="campaign_id.company_id",
        store=True,
        readonly=True,
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency",
        related="campaign_id.currency_id",
        readonly=True,
    )
    amount = fields.Monetary(
        currency_field="currency_id",
        required=True,
        help="Planned amount in company currency.",
    )
    invoice_id = fields.Many2one(
        comodel_name="account.invoice",
        string="Vendor Bill",
        readonly=True,
        copy=False,
        help="The vendor bill drafted from this cost; it counts in the actual cost "
             "once accounting has posted it.",
    )

    @api.constrains("amount")
    def _check_amount(self):
        for cost in self:
            if cost.amount < 0:
                raise ValidationError(_(
                    "%(name)s: a planned cost cannot be negative.") % {
                        "name": cost.name})

    @api.model
    def create(self, vals):
        campaign = self.env["crm.marketing.campaign"].browse(vals.get("campaign_id"))
        if vals.get("campaign_id") and isinstance(vals["campaign_id"], int):
            # the stored company is written with the row: the constraints read it
            # back under the multi-company rule before Odoo would compute it
            vals = dict(vals, company_id=campaign.company_id.id)
        cost = super().create(vals)
        cost.campaign_id._on_approved_plan_change()
        return cost

    @api.multi
    def write(self, vals):
        touched = set(vals) & set(APPROVED_COST_FIELDS)
        campaigns = self.mapped("campaign_id") if touched else None
        if campaigns is not None:
            campaigns._on_approved_plan_change()
        if isinstance(vals.get("campaign_id"), int):
            vals = dict(vals, company_id=self.env["crm.marketing.campaign"].browse(
                vals["campaign_id"]).company_id.id)
        result = super().write(vals)
        if touched and vals.get("campaign_id"):
            self.mapped("campaign_id")._on_approved_plan_change()
        return result

    @api.multi
    def unlink(self):
        self.mapped("campaign_id")._on_approved_plan_change()
        return super().unlink()

    @api.multi
    def action_create_vendor_bill(self):
        """Draft the vendor bill of this cost on the campaign's analytic account
        (billing users only: the others ask accounting)."""
        self.ensure_one()
        if not self.env.user.has_group(BILLING_GROUP):
            raise AccessError(_(
                "Only billing users (Accounting) may draft vendor bills: ask "
                "accounting to bill the cost \"%(name)s\".") % {"name": self.name})
        bill = self.env["account.invoice"].browse(self._create_vendor_bill())
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.invoice",
            "res_id": bill.id,
            "view_mode": "form",
            "views": [(self.env.ref("account.invoice_supplier_form").id, "form")],
        }

    @api.multi
    def _create_vendor_bill(self, amount=None):
        """Create the draft vendor bill (accounting posts it); return its ids."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(_("Set the vendor of the cost \"%s\" first.") % self.name)
        if self.invoice_id:
            raise UserError(_("The cost \"%s\" already has a vendor bill.") % self.name)
        bill = self.env["account.invoice"].with_context(type="in_invoice").create(
            self._prepare_vendor_bill(self.amount if amount is None else amount))
        self.invoice_id = bill
        return bill.ids

    @api.multi
    def _prepare_vendor_bill(self, amount):
        company = self.campaign_id.company_id
        account = self.env["ir.property"].with_context(
            force_company=company.id).get(
                "property_account_expense_categ_id", "product.category")
        if not account:
            raise UserError(_("No default expense account is set for %s.")
                            % company.name)
        return {
            "type": "in_invoice",
            "partner_id": self.partner_id.id,
            "company_id": company.id,
            "date_invoice": self.date,
            "origin": self.campaign_id.display_name,
            "invoice_line_ids": [(0, 0, {
                "name": self.name,
                "account_id": account.id,
                "quantity": 1.0,
                "price_unit": amount,
                "account_analytic_id": self.campaign_id.analytic_account_id.id,
                "crm_marketing_cost_id": self.id,
            })],
        }
