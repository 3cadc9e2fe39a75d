# Copyright 2026 CRM Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import re

from odoo.exceptions import ValidationError

from .common import MembershipCase


class TestMembership(MembershipCase):

    def test_member_numbers_per_club(self):
        """Each club numbers its members from its own sequence."""
        club_a = self.env["crm.membership.club"].create({
            "name": "Numbers A", "code": "NA", "fee_type": "free"})
        club_b = self.env["crm.membership.club"].create({
            "name": "Numbers B", "code": "NB", "fee_type": "free"})
        self.assertNotEqual(club_a.sequence_id, club_b.sequence_id)
        first = self._member(self._customer("Numbered 1"), club=club_a)
        second = self._member(self._customer("Numbered 2"), club=club_a)
        other = self._member(self._customer("Numbered 3"), club=club_b)
        self.assertEqual(first.name, "NA-000001")
        self.assertEqual(second.name, "NA-000002")
        self.assertEqual(other.name, "NB-000001")

    def test_duplicate_active_refused(self):
        """A second open membership of the same club is refused with a clear
        error, also when reached by a write; other clubs and ended ones are fine."""
        partner = self._customer("Twice")
        first = self._member(partner)
        with self.assertRaisesRegex(ValidationError, "already has an open membership"):
            self._member(partner)
        self._member(partner, club=self.club_fee, state="candidate")
        first.action_cancel()
        second = self._member(partner)
        self.assertEqual(second.state, "active")
        with self.assertRaisesRegex(ValidationError, "already has an open membership"):
            first.write({"state": "active"})

    def test_unique_index_is_the_last_guard(self):
        """The database index refuses a duplicate the Python check did not see (a
        concurrent worker), and the user still gets a clear error."""
        partner = self._customer("Racing")
        self._member(partner)
        self.env.cr.execute("""
            SELECT indexdef FROM pg_indexes
             WHERE indexname = 'crm_membership_one_open_per_club'""")
        self.assertIn("WHERE", self.env.cr.fetchone()[0])
        Membership = self.Membership.with_context()
        # skip the Python pre-check: what a concurrent transaction would do
        type(Membership)._check_single_open = lambda *args, **kwargs: None
        try:
            with self.assertRaisesRegex(ValidationError, "already has an open"):
                self._member(partner)
        finally:
            del type(Membership)._check_single_open

    def test_partner_search_fields(self):
        """Campaign audiences find partners by club, tier and membership state (the
        best of their memberships' states), with positive and negative operators;
        the search is a subquery, never a list of ids."""
        gold = self._customer("Gold member")
        blue = self._customer("Blue member")
        gone = self._customer("Gone member")
        both = self._customer("Expired here, candidate there")
        nobody = self._customer("No member")
        self._member(gold, tier_id=self.tier_gold.id)
        self._member(gold, club=self.club_fee, state="expired")
        self._member(blue, tier_id=self.tier_blue.id)
        self._member(gone, state="expired")
        self._member(both, state="expired")
        self._member(both, club=self.club_fee, state="candidate")
        group = gold | blue | gone | both | nobody

        def find(*domain):
            return self.Partner.search([("id", "in", group.ids)] + list(domain))
        self.assertEqual(find(("crm_membership_club_ids", "in", self.club.ids)),
                         gold | blue)
        self.assertEqual(find(("crm_membership_club_ids", "=", self.club_fee.id)),
                         self.Partner, "expired and candidate are no club members")
        self.assertEqual(find(("crm_membership_club_ids", "not in", self.club.ids)),
                         gone | both | nobody)
        self.assertEqual(find(("crm_membership_club_ids", "ilike", "loyalty")),
                         gold | blue)
        self.assertEqual(find(("crm_membership_club_ids", "=", False)),
                         gone | both | nobody)
        self.assertEqual(find(("crm_membership_club_ids", "!=", False)), gold | blue)
        self.assertEqual(find(("crm_membership_tier_ids", "=", self.tier_gold.id)),
                         gold)
        self.assertEqual(find(("crm_membership_tier_ids", "!=", self.tier_gold.id)),
                         blue | gone | both | nobody)
        self.assertEqual(find(("crm_membership_state", "=", "active")), gold | blue)
        self.assertEqual(find(("crm_membership_state", "=", "expired")), gone,
                         "the best state: gold is active, the other one a candidate")
        self.assertEqual(find(("crm_membership_state", "in", ["candidate", "expired"])),
                         gone | both)
        self.assertEqual(find(("crm_membership_state", "!=", "active")),
                         gone | both | nobody)
        self.assertEqual(find(("crm_membership_state", "=", False)), nobody)
        self.assertEqual(find(("crm_membership_state", "!=", False)),
                         gold | blue | gone | both)
        self.assertEqual(find(("crm_membership_state", "in", ["expired", False])),
                         gone | nobody)
        self.assertEqual(find(("crm_membership_state", "not in", ["active", False])),
                         gone | both)
        for partner in group:
            state = partner.crm_membership_state
            self.assertIn(partner, find(("crm_membership_state", "=", state)),
                          "search and computed value agree")
            self.assertNotIn(partner, find(("crm_membership_state", "!=", state)))
        self.assertEqual(gold.crm_membership_tier_ids, self.tier_gold)
        self.assertEqual(both.crm_membership_state, "candidate")
        for field, value in (("crm_membership_club_ids", self.club.ids),
                             ("crm_membership_tier_ids", self.tier_gold.ids),
                             ("crm_membership_state", "active")):
            domain = self.Partner._fields[field].determine_domain(
                self.Partner, "in" if isinstance(value, list) else "=", value)
            self.assertEqual([leaf[1] for leaf in domain], ["inselect"],
                             "%s: a subquery" % field)

    def test_member_card(self):
        """The card's HTML carries the number and the QR code as an embedded PNG."""
        member = self._member(self._customer("Card holder"),
                              tier_id=self.tier_gold.id)
        html = self.env.ref("crm_membership.report_membership_card").render_qweb_pdf(
            member.ids)[0].decode()
        self.assertIn(member.name, html)
        self.assertIn("Card holder", html)
        self.assertIn("#c9a227", html, "the tier's colour")
        found = re.search(r'class="o_member_qr"[^>]*src="data:image/png;base64,'
                          r'([A-Za-z0-9+/=]+)"', html)
        self.assertTrue(found, "the QR code is an embedded PNG")
        png = base64.b64decode(found.group(1))
        self.assertEqual(png[:8], b"\x89PNG\r\n\x1a\n")
        self.assertNotIn("/report/barcode", html, "no request back to the server")

    def test_benefit_usage(self):
        """Benefits used are recorded with the tier of the moment; events need a
        tier with event access."""
        member = self._member(self._customer("Guest"), tier_id=self.tier_gold.id)
        usage = self.env["crm.membership.benefit.usage"].create({
            "membership_id": member.id, "benefit_type": "event",
            "name": "Gala dinner", "date": "2026-05-01"})
        self.assertEqual(usage.tier_id, self.tier_gold)
        member.tier_id = self.tier_blue
        with self.assertRaisesRegex(ValidationError, "no access"), \
                self.env.cr.savepoint():
            self.env["crm.membership.benefit.usage"].create({
                "membership_id": member.id, "benefit_type": "event",
                "name": "Gala dinner"})
        member.invalidate_cache()
        self.assertEqual(member.benefit_usage_ids, usage)

    def test_bad_input(self):
        """Malformed values and inconsistent settings give clear errors."""
        with self.assertRaisesRegex(ValidationError, "Join Date"):
            self._member(self._customer("Bad date"), join_date="2026-02-30")
        with self.assertRaisesRegex(ValidationError, "fee product"):
            self.env["crm.membership.club"].create({
                "name": "No fee product", "code": "NFP", "fee_type": "fee"})
        with self.assertRaisesRegex(ValidationError, "#rrggbb"):
            self.tier_blue.color = "blue"
