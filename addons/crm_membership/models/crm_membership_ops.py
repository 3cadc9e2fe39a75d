# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Points operations of a membership: earning from invoices, redemption,
adjustments, referral bonus."""
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..logic.points import compute_points
from .access import OFFICER, check_groups, protected
from .crm_membership_points import INVOICE_ORIGINS, _day


class CrmMembership(models.Model):
    _inherit = "crm.membership"

    # ------------------------------------------------------------- earning
    @api.model
    def _invoice_point_lines(self, invoices, club):
        """``[(category_path, signed amount)]`` of the invoices' lines that earn
        points: fees, discounts and rewards of the club do not."""
        excluded = club.discount_product_id | club.reward_ids.mapped("product_id")
        paths = {}
        lines = []
        for line in invoices.mapped("invoice_line_ids"):
            product = line.product_id
            if product.membership or product in excluded:
                continue
            category = product.categ_id
            if category.id not in paths:
                path, node = [], category
                while node:
                    path.append(node.id)
                    node = node.parent_id
                paths[category.id] = path
            lines.append((paths[category.id], line.price_subtotal_signed))
        return lines

    @api.model
    def _sync_invoice_points(self, invoices, day=None):
        """Bring the points of each customer invoice in line with its payment:
        a paid invoice earns its points (net of its paid refunds), an unpaid one
        none. Run when an invoice or a refund is paid or re-opened; idempotent and
        independent of the order of those events."""
        day = day or fields.Date.context_today(self)
        Points = self.env["crm.membership.points"]
        invoices = invoices.filtered(lambda inv: inv.type == "out_invoice")
        if not invoices:
            return
        # earned points are the member's, whoever registers the payment: the ledger
        # and the memberships are written as superuser
        Membership = self.sudo()
        Points = Points.sudo()
        Points.env.cr.execute("""
            SELECT invoice_id, membership_id, sum(points), max(multiplier)
              FROM crm_membership_points
             WHERE invoice_id = ANY(%s) AND origin IN %s
             GROUP BY invoice_id, membership_id
        """, (invoices.ids, INVOICE_ORIGINS))
        current = {(row[0], row[1]): (row[2], row[3])
                   for row in Points.env.cr.fetchall()}
        partners = invoices.mapped("partner_id.commercial_partner_id")
        # memberships of the customer or of one of its contact persons
        active = Membership.search([
            ("partner_id", "child_of", partners.ids), ("state", "=", "active")])
        # refunds of these invoices, whoever may read accounting documents
        refunds = self.env["account.invoice"].sudo().search([
            ("refund_invoice_id", "in", invoices.ids), ("type", "=", "out_refund"),
            ("state", "=", "paid")])
        for invoice in invoices:
            members = active._crm_holders(invoice.partner_id, invoice.company_id)
            members |= Membership.browse(
                [key[1] for key in current if key[0] == invoice.id])
            for membership in members:
                done, multiplier = current.get((invoice.id, membership.id), (0, None))
                club = membership.club_id
                if multiplier is None:
                    multiplier = membership.tier_id.points_multiplier \
                        if membership.tier_id else 1.0
                target = 0
                if invoice.state == "paid":
                    paid_refunds = refunds.filtered(
                        lambda r: r.refund_invoice_id == invoice)
                    target = max(0, compute_points(
                        self._invoice_point_lines(invoice | paid_refunds, club),
                        club._point_rules(), club.points_per_unit, multiplier))
                delta = target - done
                if not delta:
                    continue
                Points._lock(membership)
                orders = invoice.mapped("invoice_line_ids.sale_line_ids.order_id")
                links = {"invoice_id": invoice.id, "multiplier": multiplier,
                         "sale_order_id": orders[:1].id or False}
                if delta > 0:
                    Points._grant(
                        membership, delta, "order" if orders else "invoice", day,
                        _("Earned on %s") % (invoice.number or invoice.id), **links)
                else:
                    earned = Points.search([
                        ("membership_id", "=", membership.id),
                        ("invoice_id", "=", invoice.id), ("points", ">", 0),
                        ("origin", "in", INVOICE_ORIGINS)])
                    # points already spent are owed, never forgiven
                    Points._debit(
                        membership, -delta, "refund", day,
                        _("Taken back: refund of %s") % (invoice.number or invoice.id),
                        preferred=earned.ids, owe=True, **links)

    @api.multi
    def _crm_holders(self, partner, company):
        """Of these memberships, the one per club that earns on the documents of
        ``partner``: the partner's own, else its company's, else one of its
        company's contact persons' (oldest first)."""
        commercial = partner.commercial_partner_id
        candidates = self.filtered(
            lambda m: m.partner_id.commercial_partner_id == commercial
            and m.company_id == company)
        holders = self.browse()
        for club in candidates.mapped("club_id"):
            mine = candidates.filtered(lambda m: m.club_id == club).sorted(
                lambda m: (m.partner_id != partner, m.partner_id != commercial, m.id))
            holders |= mine[0]
        return holders

    @api.model
    def _first_purchase(self, partner):
        """The first purchase invoice (posted, not only club fees) of the
        commercial ``partner``, or an empty recordset."""
        # sudo: which invoice came first is decided whoever registers the payment
        invoices = self.env["account.invoice"].sudo().search([
            ("commercial_partner_id", "=", partner.id), ("type", "=", "out_invoice"),
            ("state", "in", ("open", "paid"))], order="date_invoice, id")
        return invoices.filtered(lambda inv: not all(
            line.product_id.membership for line in inv.invoice_line_ids))[:1]

    @api.model
    def _referral_refunded(self, invoice):
        """The referral purchase no longer stands: not paid any more, or its paid
        credit notes give back its whole amount."""
        if invoice.state != "paid":
            return True
        refunds = invoice.refund_invoice_ids.filtered(lambda r: r.state == "paid")
        return sum(refunds.mapped("amount_untaxed")) >= invoice.amount_untaxed - 0.005

    @api.model
    def _reward_referrals(self, invoices, day=None):
        """Referral bonuses of the customer invoices ``invoices`` (paid, re-opened
        or refunded): the referrer earns the club's bonus once, on the referred
        customer's first purchase as a new customer (their first purchase invoice
        ever, not the club fee), paid; a bonus is taken back when that purchase is
        refunded or re-opened (owed if already spent). A referrer inactive at that
        moment receives it when active again (never once cancelled)."""
        day = day or fields.Date.context_today(self)
        invoices = invoices.filtered(lambda inv: inv.type == "out_invoice")
        if not invoices:
            return
        # the referrer is rewarded whoever registers the payment
        Membership = self.sudo()
        Points = self.env["crm.membership.points"].sudo()
        qualified = Membership.search([("referral_invoice_id", "in", invoices.ids)])
        for membership in qualified.filtered(
                lambda m: self._referral_refunded(m.referral_invoice_id)):
            bonus = Points.search([
                ("origin", "=", "referral"), ("points", ">", 0),
                ("referral_membership_id", "=", membership.id)])
            taken = Points.search([
                ("origin", "=", "referral"), ("points", "<", 0),
                ("referral_membership_id", "=", membership.id)])
            if bonus and not taken:
                referrer = bonus.membership_id
                Points._lock(referrer)
                Points._debit(
                    referrer, bonus.points, "referral", day,
                    _("Referral bonus taken back: %s refunded") % (
                        membership.referral_invoice_id.number or ""),
                    preferred=bonus.ids, owe=True,
                    referral_membership_id=membership.id,
                    invoice_id=membership.referral_invoice_id.id)
            elif not bonus:
                # a purchase refunded before its bonus was given earns none
                protected(membership).write({"referral_rewarded": True})
        paid = invoices.filtered(lambda inv: inv.state == "paid")
        if not paid:
            return
        referred = Membership.search([
            ("partner_id", "child_of",
             paid.mapped("partner_id.commercial_partner_id").ids),
            ("referred_by_id", "!=", False), ("referral_invoice_id", "=", False),
            ("referral_rewarded", "=", False), ("state", "!=", "cancelled")])
        for membership in referred:
            first = self._first_purchase(membership.partner_id.commercial_partner_id)
            if first not in paid:
                continue
            protected(membership).write({"referral_invoice_id": first.id})
            membership._grant_referral_bonus(day)

    @api.multi
    def _grant_referral_bonus(self, day=None):
        """Give the referrers of these referred members (qualified, not yet
        rewarded) the club's bonus when they are active; later otherwise."""
        day = day or fields.Date.context_today(self)
        Points = self.env["crm.membership.points"].sudo()
        for membership in self.sudo():
            referrer = membership.referred_by_id
            if membership.referral_rewarded or not membership.referral_invoice_id \
                    or referrer.state != "active" \
                    or self._referral_refunded(membership.referral_invoice_id):
                continue
            Points._lock(membership | referrer)
            protected(membership).write({"referral_rewarded": True})
            bonus = membership.club_id.referral_bonus
            if bonus:
                Points._grant(
                    referrer, bonus, "referral", day,
                    _("Referral bonus: %s") % membership.partner_id.display_name,
                    referral_membership_id=membership.id,
                    invoice_id=membership.referral_invoice_id.id)

    @api.multi
    def _grant_pending_referrals(self):
        """Members who became active again receive the bonuses of their
        referrals that qualified meanwhile."""
        # sudo: the bonus is the referrer's whoever activates them
        pending = self.sudo().search([
            ("referred_by_id", "in", self.ids), ("referral_invoice_id", "!=", False),
            ("referral_rewarded", "=", False)])
        pending._grant_referral_bonus()

    # ---------------------------------------------------------- redemption
    @api.model
    def _points_day(self, day):
        """The date of a redemption or adjustment (today by default), never after
        today: a debit expires the points due by its date, so a future date would
        expire them early."""
        today = fields.Date.context_today(self)
        day = _day(day or today)
        if day > today:
            raise ValidationError(_(
                "Points cannot be redeemed or adjusted on a future date "
                "(%(date)s): use today (%(today)s) or an earlier date.") % {
                    "date": day, "today": today})
        return day

    @api.multi
    def _redeem_points(self, points=None, order=None, reward=None, day=None):
        """Spend points on a discount line of a quotation or on a reward product.

        Never beyond the available balance: the member's row is locked without
        waiting, so of two redemptions at the same moment only one runs.
        Returns the ledger line.
        """
        self.ensure_one()
        check_groups(self.env, [OFFICER], _("Redeeming points"))
        day = self._points_day(day)
        if self.state != "active":
            raise UserError(_("Only active members redeem points (%s is %s).") % (
                self.name, dict(self._fields["state"].selection)[self.state]))
        club = self.club_id
        if reward:
            if reward.club_id != club:
                raise ValidationError(_("This reward belongs to another club."))
            points = reward.points_cost
        if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
            raise ValidationError(_("Redeem a positive whole number of points."))
        if order:
            if order.partner_id.commercial_partner_id != \
                    self.partner_id.commercial_partner_id:
                raise ValidationError(_(
                    "The order belongs to another customer than the member."))
            if order.state not in ("draft", "sent"):
                raise ValidationError(_(
                    "Points are redeemed on quotations, not on confirmed orders."))
        elif not reward:
            raise ValidationError(_("Redeem points on a quotation or for a reward."))
        if order and not reward:
            value = round(points * club.point_value, 2)
            if value > order.amount_total:
                raise ValidationError(_(
                    "%(points)s points are worth %(value).2f, more than the "
                    "quotation's total (%(total).2f): redeem at most "
                    "%(most)s points.") % {
                        "points": points, "value": value,
                        "total": order.amount_total,
                        "most": int(order.amount_total / club.point_value)
                        if club.point_value else 0})
        Points = self.env["crm.membership.points"]
        Points._lock(self, nowait=True)
        if reward:
            name = _("Reward: %s") % reward.product_id.display_name
        else:
            name = _("Discount on %s") % order.name
        line = Points._debit(self, points, "redemption", day, name,
                             sale_order_id=order.id if order else False)
        if order:
            vals = self._prepare_redeem_line(order, points, reward)
            vals["crm_points_line_id"] = line.id
            protected(order).write({"order_line": [(0, 0, vals)]})
        return line

    @api.multi
    def _prepare_redeem_line(self, order, points, reward):
        club = self.club_id
        if reward:
            return {
                "order_id": order.id,
                "product_id": reward.product_id.id,
                "name": _("%(product)s (reward, %(points)s points)") % {
                    "product": reward.product_id.display_name, "points": points},
                "product_uom_qty": 1.0,
                "price_unit": 0.0,
            }
        if not club.discount_product_id:
            raise UserError(_("Club %s has no discount product.") % club.name)
        return {
            "order_id": order.id,
            "product_id": club.discount_product_id.id,
            "name": _("Points redeemed: %(points)s (member %(number)s)") % {
                "points": points, "number": self.name},
            "product_uom_qty": 1.0,
            "price_unit": -round(points * club.point_value, 2),
            "tax_id": [(6, 0, [])],
        }

    @api.multi
    def _adjust_points(self, points, reason, day=None):
        """A manual adjustment, with its reason; never below a zero balance."""
        self.ensure_one()
        check_groups(self.env, [OFFICER], _("Adjusting points"))
        if not reason or not reason.strip():
            raise ValidationError(_("A manual adjustment needs a reason."))
        if not isinstance(points, int) or isinstance(points, bool) or not points:
            raise ValidationError(_("Adjust by a non-zero whole number of points."))
        day = self._points_day(day)
        Points = self.env["crm.membership.points"]
        Points._lock(self, nowait=True)
        if points > 0:
            return Points._grant(self, points, "adjustment", day, reason)
        return Points._debit(self, -points, "adjustment", day, reason)
